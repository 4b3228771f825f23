import { Link } from 'react-router';
import { Anchor, Badge, Checkbox, List, Table, Text } from '@mantine/core';
import { formatearFecha, formatearMonto } from '../../shared/formato.ts';
import { antiguedadEquipo, nombreEquipo, ultimoContacto } from './formato.ts';
import type { ClienteInactivo } from './tipos.ts';

export const COLOR_SEGMENTO = { A: 'campo', B: 'blue', C: 'gray' } as const;

interface Props {
  items: ClienteInactivo[];
  /** Null: the table has no selection column. */
  seleccion: ReadonlySet<number> | null;
  alternar?: (ids: number[], marcar: boolean) => void;
  /** Open the ficha, history and machines in a new tab (the wizard must not lose its state). */
  nuevaPestana?: boolean;
}

/** Inactive clientes with what a reactivation needs: last contact, value, segment and machines with age. */
export function TablaInactivos({ items, seleccion, alternar, nuevaPestana = false }: Props) {
  const destino = nuevaPestana ? { target: '_blank', rel: 'noopener noreferrer' } : {};
  const marcados = seleccion ? items.filter((c) => seleccion.has(c.id_cliente)).length : 0;
  return (
    <Table.ScrollContainer minWidth={980}>
      <Table verticalSpacing="xs" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            {seleccion && (
              <Table.Th w={40}>
                <Checkbox
                  aria-label="Seleccionar todos los de esta página"
                  checked={items.length > 0 && marcados === items.length}
                  indeterminate={marcados > 0 && marcados < items.length}
                  onChange={(e) =>
                    alternar?.(
                      items.map((c) => c.id_cliente),
                      e.currentTarget.checked,
                    )
                  }
                />
              </Table.Th>
            )}
            <Table.Th>Cliente</Table.Th>
            <Table.Th>Región</Table.Th>
            <Table.Th>Último contacto</Table.Th>
            <Table.Th ta="right">Valor</Table.Th>
            <Table.Th>Segmento</Table.Th>
            <Table.Th>Equipos (antigüedad)</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => {
            const contacto = ultimoContacto(c);
            return (
              <Table.Tr key={c.id_cliente}>
                {seleccion && (
                  <Table.Td>
                    <Checkbox
                      aria-label={`Seleccionar ${c.nombre}`}
                      checked={seleccion.has(c.id_cliente)}
                      onChange={(e) => alternar?.([c.id_cliente], e.currentTarget.checked)}
                    />
                  </Table.Td>
                )}
                <Table.Td>
                  <Anchor component={Link} to={`/clientes/${c.id_cliente}`} size="sm" fw={500} {...destino}>
                    {c.nombre}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    RUT {c.rut_formateado} ·{' '}
                    <Anchor component={Link} to={`/clientes/${c.id_cliente}/historia`} inherit {...destino}>
                      historia
                    </Anchor>
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{c.region ?? '—'}</Text>
                  {c.comuna && (
                    <Text size="xs" c="dimmed">
                      {c.comuna}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{contacto.fecha}</Text>
                  {contacto.hace && (
                    <Text size="xs" c="dimmed">
                      {contacto.hace}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{formatearMonto(c.valor_cliente)}</Text>
                </Table.Td>
                <Table.Td>
                  {c.segmento_abc ? (
                    <Badge variant="light" color={COLOR_SEGMENTO[c.segmento_abc]}>
                      {c.segmento_abc}
                    </Badge>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {c.equipos.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      Sin equipos registrados
                    </Text>
                  ) : (
                    <List size="sm" spacing={0} listStyleType="none">
                      {c.equipos.map((e) => (
                        <List.Item key={e.id_equipo}>
                          <Anchor component={Link} to={`/equipos/${e.id_equipo}`} size="sm" inherit {...destino}>
                            {nombreEquipo(e)}
                          </Anchor>{' '}
                          <Text span size="xs" c="dimmed">
                            {antiguedadEquipo(e)}
                            {e.ultimo_servicio ? ` · último servicio ${formatearFecha(e.ultimo_servicio)}` : ''}
                          </Text>
                        </List.Item>
                      ))}
                    </List>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
