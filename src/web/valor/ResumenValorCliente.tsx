import { Link } from 'react-router';
import { Anchor, Badge, Group, Progress, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { formatearMonto } from '../../shared/formato.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { formatearNumero } from '../components/formato.ts';
import { COLOR_SEGMENTO, NOMBRE_TIPO_EQUIPO } from './catalogos.ts';
import { useValorCliente } from './consultas.ts';
import type { ValorCliente } from './tipos.ts';

export interface PropsResumenValorCliente {
  /** The cliente whose value to show (GET /api/clientes/:id/valor). */
  idCliente: number;
  /** Also list the active equipos with their expected yearly spend (default true; a ficha card may turn it off). */
  conEquipos?: boolean;
}

/**
 * A cliente's value at a glance: historical, last 12 months, yearly potential of its fleet and the
 * gap (brecha), its segment, a 1–3 year projection and, optionally, each machine's expected spend.
 * Loads its own data, so it can be embedded anywhere, e.g. in the ficha:
 * `<ResumenValorCliente idCliente={id} conEquipos={false} />`.
 */
export function ResumenValorCliente({ idCliente, conEquipos = true }: PropsResumenValorCliente) {
  const valor = useValorCliente(idCliente);
  if (valor.isError) return <ErrorCarga error={valor.error} reintentar={() => void valor.refetch()} />;
  if (!valor.data) return <Cargando texto="Cargando el valor del cliente…" />;
  const v = valor.data;
  return (
    <Stack gap="md">
      <Group gap={6}>
        {v.segmento_abc ? (
          <Badge color={COLOR_SEGMENTO[v.segmento_abc]} variant="filled" size="lg">
            Segmento {v.segmento_abc}
          </Badge>
        ) : (
          <Badge color="gray" variant="light" size="lg">
            Sin segmento aún
          </Badge>
        )}
        {v.potencial_alto !== null && (
          <Badge variant="outline" color={v.potencial_alto ? 'orange' : 'gray'} size="lg">
            Potencial {v.potencial_alto ? 'alto' : 'bajo'}
          </Badge>
        )}
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Cifra titulo="Valor histórico" valor={v.valor_historico} ayuda="Órdenes completadas y pedidos entregados" />
        <Cifra titulo="Último año" valor={v.valor_ultimo_anio} ayuda="Últimos 12 meses" />
        <Cifra titulo="Potencial anual" valor={v.valor_potencial} ayuda="Lo que sus equipos necesitan al año" />
        <Cifra
          titulo="Brecha"
          valor={v.brecha}
          ayuda={v.brecha > 0 ? 'Lo que gasta en otra parte o deja de hacer' : 'Gasta lo esperado o más'}
          color={v.brecha > 0 ? 'orange.8' : 'campo.8'}
        />
      </SimpleGrid>
      <Proyeccion valor={v} />
      {conEquipos && <EquiposValor valor={v} />}
    </Stack>
  );
}

function Cifra({ titulo, valor, ayuda, color }: { titulo: string; valor: number; ayuda: string; color?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {titulo}
      </Text>
      <Text fz={22} fw={700} lh={1.2} c={color}>
        {formatearMonto(valor)}
      </Text>
      <Text size="xs" c="dimmed">
        {ayuda}
      </Text>
    </div>
  );
}

/** 1–3 years: the whole fleet serviced here against the current pace, as paired bars on one scale. */
function Proyeccion({ valor }: { valor: ValorCliente }) {
  const maximo = Math.max(1, ...valor.proyeccion.map((p) => Math.max(p.potencial, p.al_ritmo_actual)));
  return (
    <div>
      <Text size="sm" fw={600} mb={4}>
        Proyección
      </Text>
      <Table verticalSpacing={4} layout="fixed">
        <caption className="solo-lector">Proyección a 1, 2 y 3 años: potencial frente al ritmo actual</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>Plazo</Table.Th>
            <Table.Th>Potencial</Table.Th>
            <Table.Th>Al ritmo actual</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {valor.proyeccion.map((p) => (
            <Table.Tr key={p.anios}>
              <Table.Th scope="row" fw={500}>
                {p.anios === 1 ? '1 año' : `${p.anios} años`}
              </Table.Th>
              <Table.Td>
                <Barra monto={p.potencial} maximo={maximo} color="orange" />
              </Table.Td>
              <Table.Td>
                <Barra monto={p.al_ritmo_actual} maximo={maximo} color="campo" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function Barra({ monto, maximo, color }: { monto: number; maximo: number; color: string }) {
  return (
    <Group gap={8} wrap="nowrap">
      <Progress value={(100 * monto) / maximo} color={color} size="lg" style={{ flex: 1 }} aria-hidden />
      <Text size="sm" w={110} ta="right" style={{ whiteSpace: 'nowrap' }}>
        {formatearMonto(monto)}
      </Text>
    </Group>
  );
}

function EquiposValor({ valor }: { valor: ValorCliente }) {
  if (valor.equipos.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Sin equipos activos registrados: el potencial se calcula con la flota del cliente.
      </Text>
    );
  }
  return (
    <div>
      <Text size="sm" fw={600} mb={4}>
        Gasto esperado por equipo
      </Text>
      <Table.ScrollContainer minWidth={480}>
        <Table striped verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Equipo</Table.Th>
              <Table.Th ta="right">Horas al año</Table.Th>
              <Table.Th ta="right">Gasto esperado al año</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {valor.equipos.map((e) => (
              <Table.Tr key={e.id_equipo}>
                <Table.Td>
                  <Anchor component={Link} to={`/equipos/${e.id_equipo}`} size="sm">
                    {NOMBRE_TIPO_EQUIPO[e.tipo] ?? e.tipo} {e.marca}
                    {e.modelo ? ` ${e.modelo}` : ''}
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right">
                  {e.horas_anuales == null ? (
                    <Text
                      size="sm"
                      c="dimmed"
                      span
                      title="Sin lecturas de horómetro: se usa el gasto del tipo sin escalar"
                    >
                      sin dato
                    </Text>
                  ) : (
                    `${formatearNumero(Math.round(e.horas_anuales))} h`
                  )}
                </Table.Td>
                <Table.Td ta="right">{formatearMonto(e.gasto_esperado)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}
