import { Link } from 'react-router';
import { Anchor, Badge, Box, EmptyState, Group, LoadingOverlay, Pagination, Stack, Table, Text } from '@mantine/core';
import { IconTrophy } from '@tabler/icons-react';
import { formatearFecha, formatearMonto } from '../../shared/formato.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { contar } from '../components/formato.ts';
import { BarraRanking } from './BarraRanking.tsx';
import { COLOR_SEGMENTO, formatearPorcentaje } from './catalogos.ts';
import { useRanking } from './consultas.ts';
import { parametrosRanking, POR_PAGINA_RANKING, useFiltrosRanking } from './filtrosRanking.ts';
import type { FilaRanking } from './tipos.ts';

/** Seed report 2: clientes by historical value, with the period's value and its trend against the previous period. */
export function RankingValor() {
  const { filtros, cambiar } = useFiltrosRanking();
  const ranking = useRanking(parametrosRanking(filtros));
  const datos = ranking.data;
  const paginas = Math.max(1, Math.ceil((datos?.total ?? 0) / POR_PAGINA_RANKING));

  return (
    <Stack gap="sm">
      <BarraRanking filtros={filtros} cambiar={cambiar} />
      {ranking.isError && <ErrorCarga error={ranking.error} reintentar={() => void ranking.refetch()} />}
      {ranking.isPending && <Cargando texto="Cargando el ranking…" />}
      {datos && (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {contar(datos.total, 'cliente')} · período {formatearFecha(datos.periodo.desde)} a{' '}
            {formatearFecha(datos.periodo.hasta)}, comparado con {formatearFecha(datos.periodo.anterior.desde)} a{' '}
            {formatearFecha(datos.periodo.anterior.hasta)}
          </Text>
          <Box pos="relative">
            <LoadingOverlay
              visible={ranking.isFetching && ranking.isPlaceholderData}
              overlayProps={{ blur: 1 }}
              loaderProps={{ size: 'sm' }}
            />
            {datos.items.length === 0 ? (
              <EmptyState
                py="xl"
                icon={<IconTrophy size={32} aria-hidden />}
                title="Ningún cliente en el ranking"
                description="Pruebe con otra región o segmento. Los clientes entran al ranking con el recálculo de valor."
              />
            ) : (
              <TablaRanking filas={datos.items} />
            )}
          </Box>
          {datos.total > POR_PAGINA_RANKING && (
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                Página {filtros.pagina} de {paginas}
              </Text>
              <Pagination
                total={paginas}
                value={Math.min(filtros.pagina, paginas)}
                onChange={(pagina) => cambiar({ pagina })}
                getControlProps={(control) => ({
                  'aria-label': {
                    first: 'Primera página',
                    last: 'Última página',
                    next: 'Página siguiente',
                    previous: 'Página anterior',
                  }[control],
                })}
                getItemProps={(pagina) => ({ 'aria-label': `Página ${pagina} del ranking` })}
              />
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}

function TablaRanking({ filas }: { filas: FilaRanking[] }) {
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <caption className="solo-lector">Ranking de clientes por valor histórico</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th ta="right" w={80}>
              Posición
            </Table.Th>
            <Table.Th>Cliente</Table.Th>
            <Table.Th>RUT</Table.Th>
            <Table.Th>Región</Table.Th>
            <Table.Th ta="right">Valor histórico</Table.Th>
            <Table.Th ta="right">Valor del período</Table.Th>
            <Table.Th ta="right">Tendencia</Table.Th>
            <Table.Th>Segmento</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {filas.map((f) => (
            <Table.Tr key={f.id_cliente}>
              <Table.Td ta="right" fw={600}>
                {f.posicion}
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/clientes/${f.id_cliente}`} fw={500} size="sm">
                  {f.nombre}
                </Anchor>
                {f.comuna && (
                  <Text size="xs" c="dimmed">
                    {f.comuna}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{f.rut_formateado}</Table.Td>
              <Table.Td>{f.region ?? '—'}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatearMonto(f.valor_historico)}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatearMonto(f.valor_periodo)}
              </Table.Td>
              <Table.Td ta="right">
                <Tendencia fila={f} />
              </Table.Td>
              <Table.Td>
                {f.segmento_abc ? (
                  <Group gap={4} wrap="nowrap">
                    <Badge color={COLOR_SEGMENTO[f.segmento_abc]} variant="filled">
                      {f.segmento_abc}
                    </Badge>
                    {f.potencial_alto !== null && (
                      <Text size="xs" c="dimmed">
                        {f.potencial_alto ? 'alto' : 'bajo'}
                      </Text>
                    )}
                  </Group>
                ) : (
                  '—'
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** ↑ / ↓ with the % against the previous period; "Nuevo" when there was nothing to compare with. */
function Tendencia({ fila }: { fila: FilaRanking }) {
  const anterior = `Período anterior: ${formatearMonto(fila.valor_periodo_anterior)}`;
  if (fila.tendencia === null) {
    return (
      <Badge variant="light" color="blue" title={anterior}>
        Nuevo
      </Badge>
    );
  }
  if (fila.tendencia === 0) {
    return (
      <Text size="sm" c="dimmed" title={anterior}>
        = 0 %
      </Text>
    );
  }
  const sube = fila.tendencia > 0;
  return (
    <Text size="sm" fw={600} c={sube ? 'campo.8' : 'red.8'} title={anterior} style={{ whiteSpace: 'nowrap' }}>
      <span aria-hidden>{sube ? '↑' : '↓'} </span>
      <span className="solo-lector">{sube ? 'Sube' : 'Baja'} </span>
      {formatearPorcentaje(Math.abs(fila.tendencia))}
    </Text>
  );
}
