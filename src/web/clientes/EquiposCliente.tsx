import { Badge, EmptyState, Table } from '@mantine/core';
import { IconTractor } from '@tabler/icons-react';
import { formatearFecha } from '../../shared/formato.ts';
import { formatearNumero } from '../components/formato.ts';
import { NOMBRE_TIPO_EQUIPO } from './catalogos.ts';
import type { Equipo } from './tipos.ts';

/** The machines a cliente owns, active first (as the API orders them). */
export function EquiposCliente({ equipos }: { equipos: Equipo[] }) {
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
    <Table.ScrollContainer minWidth={640}>
      <Table striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Tipo</Table.Th>
            <Table.Th>Marca</Table.Th>
            <Table.Th>Modelo</Table.Th>
            <Table.Th ta="right">Año</Table.Th>
            <Table.Th>Serie</Table.Th>
            <Table.Th ta="right">Horómetro</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {equipos.map((e) => (
            <Table.Tr key={e.id_equipo} c={e.activo ? undefined : 'dimmed'}>
              <Table.Td>
                {NOMBRE_TIPO_EQUIPO[e.tipo as keyof typeof NOMBRE_TIPO_EQUIPO] ?? e.tipo}
                {!e.activo && (
                  <Badge size="xs" color="gray" variant="light" ml={6}>
                    Dado de baja
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{e.marca ?? '—'}</Table.Td>
              <Table.Td>{e.modelo ?? '—'}</Table.Td>
              <Table.Td ta="right">{e.anio ?? '—'}</Table.Td>
              <Table.Td>{e.numero_serie ?? '—'}</Table.Td>
              <Table.Td
                ta="right"
                title={e.fecha_horometro ? `Leído el ${formatearFecha(e.fecha_horometro)}` : undefined}
              >
                {e.horometro == null ? '—' : `${formatearNumero(Number(e.horometro))} h`}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
