import { useSearchParams } from 'react-router';
import { Box, Chip, EmptyState, Group, LoadingOverlay, Pagination, Paper, Stack, Text, Title } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import { formatearMonto } from '../../shared/formato.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { contar, formatearNumero } from '../components/formato.ts';
import { NOMBRE_TIPO_OPORTUNIDAD } from './catalogos.ts';
import { useOportunidades } from './consultas.ts';
import { TablaOportunidades } from './TablaOportunidades.tsx';
import { TIPOS_OPORTUNIDAD, type TipoOportunidad } from './tipos.ts';

const POR_PAGINA = 25;
const TODAS = 'todas';

/**
 * /oportunidades: the workshop's list of things to offer (seed "Identificación de Oportunidades"),
 * largest first; the chips filter by type and tell how many and how much each type is worth.
 */
export default function PaginaOportunidades() {
  const [parametros, setParametros] = useSearchParams();
  const tipoUrl = parametros.get('tipo') ?? '';
  const tipo = (TIPOS_OPORTUNIDAD as readonly string[]).includes(tipoUrl) ? (tipoUrl as TipoOportunidad) : null;
  const numero = Number(parametros.get('pagina'));
  const pagina = Number.isInteger(numero) && numero > 1 ? numero : 1;
  const lista = useOportunidades({ tipo: tipo ?? undefined, limit: POR_PAGINA, offset: (pagina - 1) * POR_PAGINA });
  const datos = lista.data;
  const paginas = Math.max(1, Math.ceil((datos?.total ?? 0) / POR_PAGINA));
  const resumen = (t: TipoOportunidad) => datos?.por_tipo.find((p) => p.tipo === t) ?? { cantidad: 0, valor: 0 };
  const total = (datos?.por_tipo ?? []).reduce(
    (s, p) => ({ cantidad: s.cantidad + p.cantidad, valor: s.valor + p.valor }),
    {
      cantidad: 0,
      valor: 0,
    },
  );

  function ir(cambio: { tipo?: TipoOportunidad | null; pagina?: number }) {
    setParametros(
      (previos) => {
        const siguientes = new URLSearchParams(previos);
        if ('tipo' in cambio) {
          if (cambio.tipo) siguientes.set('tipo', cambio.tipo);
          else siguientes.delete('tipo');
          siguientes.delete('pagina');
        }
        if (cambio.pagina) {
          if (cambio.pagina > 1) siguientes.set('pagina', String(cambio.pagina));
          else siguientes.delete('pagina');
        }
        return siguientes;
      },
      { replace: true },
    );
  }

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Oportunidades</Title>
        <Text c="dimmed" size="sm">
          Mantenciones por hacer, equipos por renovar, cotizaciones por vencer y clientes bajo su potencial.
          Conviértalas en un seguimiento o una cotización.
        </Text>
      </div>

      <Chip.Group
        multiple={false}
        value={tipo ?? TODAS}
        onChange={(v) => ir({ tipo: v === TODAS ? null : (v as TipoOportunidad) })}
      >
        <Group gap="xs" role="group" aria-label="Filtrar por tipo de oportunidad">
          <Chip value={TODAS}>
            Todas · {formatearNumero(total.cantidad)} · {formatearMonto(total.valor)}
          </Chip>
          {TIPOS_OPORTUNIDAD.map((t) => (
            <Chip key={t} value={t}>
              {NOMBRE_TIPO_OPORTUNIDAD[t]} · {formatearNumero(resumen(t).cantidad)} · {formatearMonto(resumen(t).valor)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>

      {lista.isError && <ErrorCarga error={lista.error} reintentar={() => void lista.refetch()} />}
      {lista.isPending && <Cargando texto="Cargando las oportunidades…" />}
      {datos && (
        <Paper withBorder>
          <Box pos="relative">
            <LoadingOverlay
              visible={lista.isFetching && lista.isPlaceholderData}
              overlayProps={{ blur: 1 }}
              loaderProps={{ size: 'sm' }}
            />
            <Text size="sm" c="dimmed" px="md" pt="sm" aria-live="polite">
              {contar(datos.total, 'oportunidad', 'oportunidades')}
              {tipo ? ` de tipo «${NOMBRE_TIPO_OPORTUNIDAD[tipo]}»` : ''}
            </Text>
            {datos.items.length === 0 ? (
              <EmptyState
                py="xl"
                icon={<IconBulb size={32} aria-hidden />}
                title="Sin oportunidades"
                description={
                  tipo
                    ? 'No hay oportunidades de este tipo ahora. Pruebe con «Todas».'
                    : 'Aparecen cuando hay equipos por mantener o renovar, cotizaciones por vencer o clientes bajo su potencial.'
                }
              />
            ) : (
              <TablaOportunidades oportunidades={datos.items} conCliente />
            )}
          </Box>
        </Paper>
      )}

      {datos && datos.total > POR_PAGINA && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            Página {pagina} de {paginas}
          </Text>
          <Pagination
            total={paginas}
            value={Math.min(pagina, paginas)}
            onChange={(p) => {
              ir({ pagina: p });
              window.scrollTo({ top: 0 });
            }}
            getControlProps={(control) => ({
              'aria-label': {
                first: 'Primera página',
                last: 'Última página',
                next: 'Página siguiente',
                previous: 'Página anterior',
              }[control],
            })}
            getItemProps={(p) => ({ 'aria-label': `Página ${p}` })}
          />
        </Group>
      )}
    </Stack>
  );
}
