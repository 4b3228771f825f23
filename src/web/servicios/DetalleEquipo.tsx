import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Anchor, Badge, Button, DataList, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconGauge, IconPencil, IconPlus } from '@tabler/icons-react';
import { formatearFecha, formatearMonto } from '../../shared/formato.ts';
import { ApiError } from '../api.ts';
import { NOMBRE_TIPO_EQUIPO } from '../clientes/catalogos.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { formatearNumero } from '../components/formato.ts';
import { useTituloPagina } from '../components/Pagina.tsx';
import { Seccion } from '../components/Seccion.tsx';
import { puedeEditarTaller, useUsuario } from '../sesion/sesion.ts';
import { aNumero, colorEstado, nombreEstado, NOMBRE_TIPO_ORDEN } from './catalogos.ts';
import { useUno } from './consultas.ts';
import { useDialogosServicio } from './DialogosServicio.tsx';
import { nombreEquipo, ProximaMantencionTexto } from './mantencion.tsx';
import type { EquipoDetalle } from './tipos.ts';

const FUENTE: Record<string, string> = {
  manual: 'Manual',
  alta: 'Alta del equipo',
  orden: 'Orden de trabajo',
  importacion: 'Importación',
};

const horas = (v: number | string | null | undefined) => {
  const n = aNumero(v);
  return n === null ? '—' : `${formatearNumero(n)} h`;
};

/** /equipos/:id: one machine with its hour-meter history, its services and when the next one is due. */
export default function DetalleEquipo() {
  const id = Number(useParams().id);
  const usuario = useUsuario();
  const equipo = useUno<EquipoDetalle>('equipos', Number.isInteger(id) && id > 0 ? id : null);
  const dialogos = useDialogosServicio(equipo.data?.id_cliente ?? 0);
  const e = equipo.data;
  const nombre = e ? nombreEquipo(e, NOMBRE_TIPO_EQUIPO) : undefined;
  useTituloPagina(nombre);

  if (!Number.isInteger(id) || id <= 0 || (equipo.error instanceof ApiError && equipo.error.status === 404)) {
    return (
      <Alert color="yellow" title="Equipo no encontrado">
        No existe un equipo con ese número.
      </Alert>
    );
  }
  if (equipo.isError) return <ErrorCarga error={equipo.error} reintentar={() => void equipo.refetch()} />;
  if (!e || !nombre) return <Cargando texto="Cargando el equipo…" />;

  const taller = puedeEditarTaller(usuario.rol);
  const p = e.proxima_mantencion;
  // Newest reading first, with the hours added since the one before.
  const lecturas = [...e.lecturas]
    .sort((a, b) => a.fecha.localeCompare(b.fecha))
    .map((l, i, todas) => ({
      ...l,
      delta: i > 0 ? (aNumero(l.horas) ?? 0) - (aNumero(todas[i - 1]!.horas) ?? 0) : null,
    }))
    .reverse();

  return (
    <Stack gap="md">
      <div>
        <Anchor component={Link} to={`/clientes/${e.id_cliente}`} size="sm">
          ← {e.cliente}
        </Anchor>
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={1}>{nombre}</Title>
            <Group gap="xs">
              {e.numero_serie && <Text c="dimmed">Serie {e.numero_serie}</Text>}
              <Badge variant="light" color={e.activo ? 'campo' : 'gray'}>
                {e.activo ? 'Activo' : 'Dado de baja'}
              </Badge>
            </Group>
          </Stack>
          {taller && (
            <Group gap="xs">
              <Button
                leftSection={<IconGauge size={16} aria-hidden />}
                onClick={() =>
                  dialogos.abrir({
                    tipo: 'lectura',
                    equipo: {
                      id_equipo: e.id_equipo,
                      id_cliente: e.id_cliente,
                      nombre,
                      horometro: aNumero(e.horometro),
                    },
                  })
                }
              >
                Registrar lectura
              </Button>
              <Button
                variant="default"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() => dialogos.abrir({ tipo: 'orden', idEquipo: e.id_equipo })}
              >
                Nueva orden
              </Button>
              <Button
                variant="default"
                leftSection={<IconPencil size={16} aria-hidden />}
                onClick={() => dialogos.abrir({ tipo: 'equipo', id: e.id_equipo })}
              >
                Editar
              </Button>
            </Group>
          )}
        </Group>
      </div>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Seccion titulo="Datos">
          <DataList labelWidth={170}>
            <Fila etiqueta="Año">{e.anio ?? '—'}</Fila>
            <Fila etiqueta="Horómetro">
              {horas(e.horometro)}
              {e.fecha_horometro ? ` (${formatearFecha(e.fecha_horometro)})` : ''}
            </Fila>
            <Fila etiqueta="Pauta de mantención">
              {[
                e.intervalo_horas ? `cada ${formatearNumero(e.intervalo_horas)} h` : null,
                e.intervalo_meses ? `cada ${e.intervalo_meses} meses` : null,
              ]
                .filter(Boolean)
                .join(' o ') || 'La del tipo y marca'}
            </Fila>
            <Fila etiqueta="Registrado el">{formatearFecha(e.fecha_alta)}</Fila>
          </DataList>
        </Seccion>
        <Seccion titulo="Próxima mantención">
          {e.activo ? (
            <Stack gap="xs">
              <ProximaMantencionTexto proxima={p} />
              {p && (
                <DataList labelWidth={170}>
                  <Fila etiqueta="Por fecha">{formatearFecha(p.por_fecha) || '—'}</Fila>
                  <Fila etiqueta="Por horas de uso">{formatearFecha(p.por_horas) || '—'}</Fila>
                  <Fila etiqueta="Horas desde el servicio">{horas(p.horas_desde_servicio)}</Fila>
                  <Fila etiqueta="Uso diario">
                    {p.horas_uso_diario === null ? '—' : `${formatearNumero(p.horas_uso_diario)} h/día`}
                  </Fila>
                </DataList>
              )}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              Equipo dado de baja: sin mantenciones programadas.
            </Text>
          )}
        </Seccion>
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Seccion titulo="Lecturas del horómetro">
          {lecturas.length === 0 ? (
            <Text size="sm" c="dimmed">
              Sin lecturas registradas.
            </Text>
          ) : (
            <Table striped verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Fecha</Table.Th>
                  <Table.Th ta="right">Horas</Table.Th>
                  <Table.Th ta="right">Diferencia</Table.Th>
                  <Table.Th>Origen</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lecturas.map((l, i) => (
                  <Table.Tr key={`${l.fecha}-${i}`}>
                    <Table.Td>{formatearFecha(l.fecha)}</Table.Td>
                    <Table.Td ta="right">{horas(l.horas)}</Table.Td>
                    <Table.Td ta="right" c="dimmed">
                      {l.delta === null ? '—' : `+${formatearNumero(l.delta)} h`}
                    </Table.Td>
                    <Table.Td>{FUENTE[l.fuente ?? ''] ?? l.fuente ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Seccion>
        <Seccion titulo="Historial de servicios">
          {e.servicios.length === 0 ? (
            <Text size="sm" c="dimmed">
              Sin órdenes de trabajo para este equipo.
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table striped verticalSpacing={6} style={{ whiteSpace: 'nowrap' }}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Orden</Table.Th>
                    <Table.Th>Fechas</Table.Th>
                    <Table.Th ta="right">Horómetro</Table.Th>
                    <Table.Th>Estado</Table.Th>
                    <Table.Th ta="right">Monto</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {e.servicios.map((s) => (
                    <Table.Tr key={s.id_orden}>
                      <Table.Td>
                        <Anchor
                          size="sm"
                          component="button"
                          type="button"
                          onClick={() => dialogos.abrir({ tipo: 'orden', id: s.id_orden })}
                          disabled={!taller}
                        >
                          {s.numero ?? `N.º ${s.id_orden}`}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {NOMBRE_TIPO_ORDEN[s.tipo] ?? s.tipo}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {formatearFecha(s.fecha_ingreso)}
                        {s.fecha_cierre ? ` → ${formatearFecha(s.fecha_cierre)}` : ''}
                      </Table.Td>
                      <Table.Td ta="right">{horas(s.horometro)}</Table.Td>
                      <Table.Td>
                        <Badge size="sm" variant="light" color={colorEstado(s.estado)}>
                          {nombreEstado(s.estado)}
                        </Badge>
                      </Table.Td>
                      <Table.Td ta="right">{formatearMonto(aNumero(s.monto_total) ?? 0)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Seccion>
      </SimpleGrid>
      {dialogos.dialogos}
    </Stack>
  );
}

function Fila({ etiqueta, children }: { etiqueta: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{etiqueta}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}
