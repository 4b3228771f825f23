import { lazy, Suspense } from 'react';
import { Box, Button, Group, LoadingOverlay, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconFileTypePdf } from '@tabler/icons-react';
import { formatearFecha } from '../../shared/formato.ts';
import { consulta } from '../api.ts';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { Cargando } from '../components/Cargando.tsx';
import { FiltrosTablero } from './FiltrosTablero.tsx';
import { ORDEN_KPIS, parametrosApi, useFiltrosTablero, useTablero } from './kpis.ts';
import { TarjetaKpi } from './TarjetaKpi.tsx';

// The drawer (Mantine's overlay, focus trap and table) loads the first time someone opens a list.
const ClientesKpi = lazy(() => import('./ClientesKpi.tsx'));

/** "/" for admin and comercial: the seed's five KPIs with their trend, filters and click-through. */
export default function PaginaTablero() {
  const { filtros, cambiar, kpi, grupo, pagina } = useFiltrosTablero();
  const tablero = useTablero(filtros);
  const datos = tablero.data;
  const pdf = `/api/kpis.pdf${consulta(parametrosApi(filtros))}`;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={1}>Tablero</Title>
          <Text c="dimmed" size="sm">
            {datos
              ? `Período del ${formatearFecha(datos.periodo.desde)} al ${formatearFecha(datos.periodo.hasta)}, comparado con el del ${formatearFecha(datos.periodo_anterior.desde)} al ${formatearFecha(datos.periodo_anterior.hasta)}`
              : 'Indicadores clave de los clientes'}
          </Text>
        </div>
        <Button
          component="a"
          href={pdf}
          download
          variant="default"
          leftSection={<IconFileTypePdf size={18} aria-hidden />}
          className="no-imprimir"
        >
          Descargar PDF
        </Button>
      </Group>

      <FiltrosTablero filtros={filtros} cambiar={cambiar} />

      {tablero.isError && <ErrorCarga error={tablero.error} reintentar={() => void tablero.refetch()} />}
      {tablero.isPending && <Cargando texto="Calculando los indicadores…" />}
      {datos && (
        <Box pos="relative">
          <LoadingOverlay
            visible={tablero.isFetching && tablero.isPlaceholderData}
            overlayProps={{ blur: 1 }}
            loaderProps={{ size: 'sm' }}
          />
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 5 }} spacing="sm">
            {ORDEN_KPIS.map((k) => {
              const fila = datos.kpis.find((x) => x.kpi === k);
              return fila ? (
                <TarjetaKpi key={k} fila={fila} alVerClientes={() => cambiar({ kpi: k, grupo: null, pagina: null })} />
              ) : null;
            })}
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt="xs">
            Las líneas muestran cada indicador mes a mes en los últimos 24 meses. La retención mensual compara los
            clientes activos de un mes con los del mes siguiente.
          </Text>
        </Box>
      )}

      {kpi && ORDEN_KPIS.includes(kpi) && (
        <Suspense fallback={null}>
          <ClientesKpi kpi={kpi} grupo={grupo} pagina={pagina} filtros={filtros} cambiar={cambiar} />
        </Suspense>
      )}
    </Stack>
  );
}
