import { Link } from 'react-router';
import { Anchor, Badge, Button, EmptyState, Group, Table, Text } from '@mantine/core';
import { IconGauge, IconTractor } from '@tabler/icons-react';
import { formatearFecha } from '../../../shared/formato.ts';
import { formatearNumero } from '../../components/formato.ts';
import { aNumero, NOMBRE_TIPO_ORDEN } from '../../servicios/catalogos.ts';
import type { PedidoDialogoServicio } from '../../servicios/DialogosServicio.tsx';
import { nombreEquipo, ProximaMantencionTexto } from '../../servicios/mantencion.tsx';
import { NOMBRE_TIPO_EQUIPO } from '../catalogos.ts';
import type { Equipo } from '../tipos.ts';

/** The machines of a cliente, active first (as the API orders them), with service status. */
export function EquiposFicha({
  idCliente,
  equipos,
  escribe,
  abrir,
}: {
  idCliente: number;
  equipos: Equipo[];
  escribe: boolean;
  abrir: (p: PedidoDialogoServicio) => void;
}) {
  if (equipos.length === 0) {
    return (
      <EmptyState
        size="sm"
        icon={<IconTractor size={28} aria-hidden />}
        title="Sin equipos registrados"
        description="Los tractores, cosechadoras y demás máquinas del cliente aparecerán aquí."
      />
    );
  }
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Equipo</Table.Th>
            <Table.Th ta="right">Año</Table.Th>
            <Table.Th>Serie</Table.Th>
            <Table.Th ta="right">Horómetro</Table.Th>
            <Table.Th>Último servicio</Table.Th>
            <Table.Th>Próxima mantención</Table.Th>
            {escribe && <Table.Th className="no-imprimir">Acciones</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {equipos.map((e) => {
            const nombre = nombreEquipo(e, NOMBRE_TIPO_EQUIPO);
            const horometro = aNumero(e.horometro);
            return (
              <Table.Tr key={e.id_equipo} c={e.activo ? undefined : 'dimmed'}>
                <Table.Td>
                  <Anchor component={Link} to={`/equipos/${e.id_equipo}`} size="sm" fw={500}>
                    {nombre}
                  </Anchor>
                  {!e.activo && (
                    <Badge size="xs" color="gray" variant="light" ml={6}>
                      Dado de baja
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="right">{e.anio ?? '—'}</Table.Td>
                <Table.Td>{e.numero_serie ?? '—'}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {horometro === null ? '—' : `${formatearNumero(horometro)} h`}
                  {e.fecha_horometro && (
                    <Text size="xs" c="dimmed">
                      {formatearFecha(e.fecha_horometro)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {e.ultimo_servicio ? (
                    <>
                      <Text size="sm">{formatearFecha(e.ultimo_servicio.fecha)}</Text>
                      <Text size="xs" c="dimmed">
                        {NOMBRE_TIPO_ORDEN[e.ultimo_servicio.tipo as keyof typeof NOMBRE_TIPO_ORDEN] ??
                          e.ultimo_servicio.tipo}
                        {e.cantidad_servicios ? ` · ${e.cantidad_servicios} en total` : ''}
                      </Text>
                    </>
                  ) : (
                    <Text size="sm" c="dimmed">
                      Sin servicios
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{e.activo ? <ProximaMantencionTexto proxima={e.proxima_mantencion} /> : '—'}</Table.Td>
                {escribe && (
                  <Table.Td className="no-imprimir">
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        leftSection={<IconGauge size={14} aria-hidden />}
                        aria-label={`Registrar lectura del ${nombre}`}
                        onClick={() =>
                          abrir({
                            tipo: 'lectura',
                            equipo: { id_equipo: e.id_equipo, id_cliente: idCliente, nombre, horometro },
                          })
                        }
                      >
                        Registrar lectura
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
