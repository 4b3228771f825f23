import { Link } from 'react-router';
import { Anchor, Badge, Button, Chip, Drawer, Group, Pagination, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { IconFileTypeCsv } from '@tabler/icons-react';
import { formatearFecha } from '../../shared/formato.ts';
import { formatearRut } from '../../shared/rut.ts';
import { consulta } from '../api.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { contar } from '../components/formato.ts';
import { KPIS, parametrosApi, POR_PAGINA, useClientesKpi, type FiltrosTablero, type Kpi } from './kpis.ts';

/** `+56912345678` → `+56 9 1234 5678` (Chilean mobiles and Santiago lines; other numbers as stored). */
function telefono(e164: string | null): string {
  if (!e164) return '—';
  const m = /^\+56([29])(\d{4})(\d{4})$/.exec(e164);
  return m ? `+56 ${m[1]} ${m[2]} ${m[3]}` : e164;
}

interface Props {
  kpi: Kpi;
  grupo: string | null;
  pagina: number;
  filtros: FiltrosTablero;
  cambiar: (c: { kpi?: string | null; grupo?: string | null; pagina?: string | null }) => void;
}

/**
 * The customers behind a KPI's number (click-through), by group — retained or lost, promoters or
 * detractors, accepted or pending quotes — with the list as CSV. Loaded only when first opened.
 */
export default function ClientesKpi({ kpi, grupo, pagina, filtros, cambiar }: Props) {
  const info = KPIS[kpi];
  const grupoValido = info.grupos.some((g) => g.valor === grupo) ? grupo : info.grupos[0]!.valor;
  const lista = useClientesKpi(kpi, grupoValido, filtros, pagina);
  const csv = `/api/kpis/${kpi}/clientes.csv${consulta({ ...parametrosApi(filtros), grupo: grupoValido })}`;
  const paginas = Math.max(1, Math.ceil((lista.data?.total ?? 0) / POR_PAGINA));

  return (
    <Drawer
      opened
      onClose={() => cambiar({ kpi: null, grupo: null, pagina: null })}
      position="right"
      size="xl"
      title={<Text fw={700}>Clientes detrás de: {info.nombre}</Text>}
      closeButtonProps={{ 'aria-label': 'Cerrar la lista' }}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {info.quienes} · {formatearFecha(filtros.desde)} al {formatearFecha(filtros.hasta)}
        </Text>
        <Group justify="space-between" align="center">
          {info.grupos.length > 1 ? (
            <Chip.Group
              value={grupoValido ?? ''}
              onChange={(v) => cambiar({ grupo: (v as string) || null, pagina: null })}
            >
              <Group gap={6} role="radiogroup" aria-label="Grupo">
                {info.grupos.map((g) => (
                  <Chip key={g.etiqueta} value={g.valor ?? ''} size="sm">
                    {g.etiqueta}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          ) : (
            <Text size="sm" fw={500}>
              {info.grupos[0]!.etiqueta}
            </Text>
          )}
          <Button
            component="a"
            href={csv}
            download
            size="xs"
            variant="default"
            leftSection={<IconFileTypeCsv size={16} aria-hidden />}
          >
            Descargar CSV
          </Button>
        </Group>
        {lista.isError && <ErrorCarga error={lista.error} reintentar={() => void lista.refetch()} />}
        {lista.isPending && <Cargando texto="Cargando los clientes…" />}
        {lista.data && (
          <>
            <Text size="sm" aria-live="polite">
              {contar(lista.data.total, 'cliente')}
            </Text>
            <ScrollArea type="auto">
              <Table striped highlightOnHover verticalSpacing={4} fz="sm" miw={640}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Cliente</Table.Th>
                    <Table.Th>RUT</Table.Th>
                    <Table.Th>Comuna</Table.Th>
                    <Table.Th>Teléfono</Table.Th>
                    <Table.Th>Último contacto</Table.Th>
                    <Table.Th>Estado</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {lista.data.items.map((c) => (
                    <Table.Tr key={c.id_cliente}>
                      <Table.Td>
                        <Anchor component={Link} to={`/clientes/${c.id_cliente}`} size="sm">
                          {c.nombre}
                        </Anchor>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatearRut(c.rut)}</Table.Td>
                      <Table.Td>{[c.comuna, c.region].filter(Boolean).join(', ') || '—'}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{telefono(c.telefono)}</Table.Td>
                      <Table.Td>{c.ultimo_contacto ? formatearFecha(c.ultimo_contacto) : '—'}</Table.Td>
                      <Table.Td>
                        <Badge size="sm" variant="light" color={c.activo ? 'campo' : 'gray'}>
                          {c.activo ? 'Activo' : 'Inactivo'}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
            {paginas > 1 && (
              <Pagination
                total={paginas}
                value={pagina}
                onChange={(p) => cambiar({ pagina: p === 1 ? null : String(p) })}
                size="sm"
                getControlProps={(control) => ({
                  'aria-label': control === 'next' ? 'Página siguiente' : 'Página anterior',
                })}
              />
            )}
          </>
        )}
      </Stack>
    </Drawer>
  );
}
