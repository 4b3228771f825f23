import { Link } from 'react-router';
import { Anchor, Badge, Table, Text } from '@mantine/core';
import { formatearFecha, formatearMonto, hoyEnSantiago } from '../../shared/formato.ts';
import { AccionesOportunidad } from './AccionesOportunidad.tsx';
import { COLOR_TIPO_OPORTUNIDAD, NOMBRE_TIPO_OPORTUNIDAD } from './catalogos.ts';
import type { Oportunidad } from './tipos.ts';

interface Props {
  oportunidades: Oportunidad[];
  /** Show the cliente column (the workshop list); a cliente's own page leaves it out. */
  conCliente?: boolean;
  nombreCliente?: string;
}

/** Opportunities with their reason, estimated value and date, each with its follow-up / quote actions. */
export function TablaOportunidades({ oportunidades, conCliente = false, nombreCliente }: Props) {
  const hoy = hoyEnSantiago();
  return (
    <Table.ScrollContainer minWidth={conCliente ? 1000 : 820}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <caption className="solo-lector">Oportunidades, de mayor a menor valor estimado</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Tipo</Table.Th>
            {conCliente && <Table.Th>Cliente</Table.Th>}
            <Table.Th>Motivo</Table.Th>
            <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
              Valor estimado
            </Table.Th>
            <Table.Th>Fecha</Table.Th>
            <Table.Th>
              <span className="solo-lector">Acciones</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {oportunidades.map((o) => (
            <Table.Tr key={`${o.tipo}-${o.id_cliente}-${o.id_equipo ?? ''}-${o.id_cotizacion ?? ''}`}>
              <Table.Td>
                <Badge variant="light" color={COLOR_TIPO_OPORTUNIDAD[o.tipo]} style={{ minWidth: 'max-content' }}>
                  {NOMBRE_TIPO_OPORTUNIDAD[o.tipo]}
                </Badge>
              </Table.Td>
              {conCliente && (
                <Table.Td>
                  <Anchor component={Link} to={`/clientes/${o.id_cliente}`} fw={500} size="sm">
                    {o.cliente ?? `Cliente ${o.id_cliente}`}
                  </Anchor>
                </Table.Td>
              )}
              <Table.Td>
                <Text size="sm">
                  {o.id_equipo ? (
                    <Anchor component={Link} to={`/equipos/${o.id_equipo}`} size="sm" c="inherit" underline="hover">
                      {o.motivo}
                    </Anchor>
                  ) : (
                    o.motivo
                  )}
                </Text>
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatearMonto(o.valor_estimado)}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {o.fecha ? (
                  <Text size="sm" c={o.fecha < hoy ? 'red.8' : undefined} fw={o.fecha < hoy ? 600 : undefined}>
                    {formatearFecha(o.fecha)}
                  </Text>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>
                <AccionesOportunidad oportunidad={o} nombreCliente={nombreCliente} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
