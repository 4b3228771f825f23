import { Fragment, useState, type ReactNode } from 'react';
import { ActionIcon, Badge, Group, Switch, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { formatearMonto } from '../../shared/formato.ts';
import { formatearNumero } from '../components/formato.ts';
import { COLOR_SEGMENTO, formatearPorcentaje, SEGMENTOS } from './catalogos.ts';
import type { ComparacionSegmento, Segmento } from './tipos.ts';

const frecuencia = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 2 });

/**
 * The segments side by side (DOMAIN.md: count, value, NPS, frequency), one row per ABC segment;
 * each row opens into its potencial alto / bajo cells, so a "big but saturated" A can be told
 * from an A with room to grow.
 */
export function ComparacionSegmentos({ comparacion }: { comparacion: ComparacionSegmento[] }) {
  const [abiertos, setAbiertos] = useState<ReadonlySet<Segmento>>(new Set());
  const todos = abiertos.size === SEGMENTOS.length;
  const alternar = (s: Segmento) =>
    setAbiertos((previos) => {
      const siguientes = new Set(previos);
      if (siguientes.has(s)) siguientes.delete(s);
      else siguientes.add(s);
      return siguientes;
    });
  const fila = (nombre: string) => comparacion.find((c) => c.segmento === nombre);

  return (
    <>
      <Group justify="flex-end">
        <Switch
          label="Separar por potencial (6 celdas)"
          checked={todos}
          onChange={(e) => setAbiertos(new Set(e.currentTarget.checked ? SEGMENTOS : []))}
        />
      </Group>
      <Table.ScrollContainer minWidth={1000}>
        <Table striped verticalSpacing="xs">
          <caption className="solo-lector">
            Comparación de segmentos: últimos 12 meses salvo el valor total, que es histórico
          </caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Segmento</Table.Th>
              <Table.Th ta="right">Clientes</Table.Th>
              <Table.Th ta="right">Valor total</Table.Th>
              <Table.Th ta="right">Valor promedio</Table.Th>
              <Table.Th ta="right">Valor último año</Table.Th>
              <Table.Th ta="right" title="Interacciones por cliente activo en los últimos 12 meses">
                Frecuencia
              </Table.Th>
              <Table.Th ta="right">NPS</Table.Th>
              <Table.Th ta="right">Retención</Table.Th>
              <Table.Th ta="right">Recurrentes</Table.Th>
              <Table.Th ta="right" title="Suma de las brechas positivas: potencial menos lo gastado el último año">
                Oportunidad
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {SEGMENTOS.map((s) => {
              const abierto = abiertos.has(s);
              const total = fila(s);
              return (
                <Fragment key={s}>
                  <Celdas
                    datos={total}
                    titulo={
                      <Group gap={6} wrap="nowrap">
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          size="sm"
                          onClick={() => alternar(s)}
                          aria-expanded={abierto}
                          aria-label={`${abierto ? 'Ocultar' : 'Ver'} el segmento ${s} por potencial`}
                        >
                          {abierto ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                        </ActionIcon>
                        <Badge color={COLOR_SEGMENTO[s]} variant="filled">
                          {s}
                        </Badge>
                      </Group>
                    }
                  />
                  {abierto &&
                    (['alto', 'bajo'] as const).map((p) => (
                      <Celdas
                        key={p}
                        datos={fila(`${s} / ${p}`)}
                        sub
                        titulo={
                          <Text size="sm" pl={34}>
                            {s} / {p}
                          </Text>
                        }
                      />
                    ))}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}

function Celdas({
  datos,
  titulo,
  sub = false,
}: {
  datos: ComparacionSegmento | undefined;
  titulo: ReactNode;
  sub?: boolean;
}) {
  const c = datos;
  const numero = (texto: string) => (
    <Table.Td ta="right" c={sub ? 'dimmed' : undefined} style={{ whiteSpace: 'nowrap' }}>
      {texto}
    </Table.Td>
  );
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={sub ? 400 : 600}>
        {titulo}
      </Table.Th>
      {numero(formatearNumero(c?.clientes ?? 0))}
      {numero(formatearMonto(c?.valor_total ?? 0))}
      {numero(formatearMonto(c?.valor_promedio ?? 0))}
      {numero(formatearMonto(c?.valor_ultimo_anio ?? 0))}
      {numero(c?.frecuencia_interaccion == null ? '—' : frecuencia.format(c.frecuencia_interaccion))}
      {numero(c?.nps == null ? '—' : String(c.nps))}
      {numero(formatearPorcentaje(c?.retencion ?? null))}
      {numero(formatearPorcentaje(c?.recurrentes ?? null))}
      {numero(formatearMonto(c?.valor_oportunidad ?? 0))}
    </Table.Tr>
  );
}
