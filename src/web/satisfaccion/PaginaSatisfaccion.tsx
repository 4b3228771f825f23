import { lazy, Suspense, useState } from 'react';
import { Box, Button, Group, LoadingOverlay, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconPhoneCall, IconTemplate } from '@tabler/icons-react';
import { DIMENSIONES } from '../../shared/satisfaccion.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { Seccion } from '../components/Seccion.tsx';
import { useUsuario } from '../sesion/sesion.ts';
import { BarraFiltros } from './BarraFiltros.tsx';
import { Comentarios } from './Comentarios.tsx';
import { useAnalisis } from './consultas.ts';
import { EditarPlantilla } from './EditarPlantilla.tsx';
import { EnviarEncuesta } from './EnviarEncuesta.tsx';
import { parametrosApi, useFiltrosSatisfaccion } from './filtros.ts';
import { colorNps, formatearNota, formatearNps, NOMBRE_SEGMENTO, TITULO_DIMENSION } from './formato.ts';
import { AreaMasDebil, Indicadores } from './Indicadores.tsx';
import { RegistrarEncuesta } from './RegistrarEncuesta.tsx';
import type { AnalisisSatisfaccion, Segmento } from './tipos.ts';

// The charts bring recharts: they load after the numbers, in their own chunk.
const GraficoTendencia = lazy(() => import('./Graficos.tsx').then((m) => ({ default: m.GraficoTendencia })));
const GraficoDistribucion = lazy(() => import('./Graficos.tsx').then((m) => ({ default: m.GraficoDistribucion })));

/** /satisfaccion: the seed's report 4 — NPS, weakest area, 24-month trend, scores, segments and comments. */
export default function PaginaSatisfaccion() {
  const usuario = useUsuario();
  const { filtros, cambiar } = useFiltrosSatisfaccion();
  const parametros = parametrosApi(filtros);
  const analisis = useAnalisis(parametros);
  const [registrando, setRegistrando] = useState(false);
  const [editandoPlantilla, setEditandoPlantilla] = useState(false);
  const datos = analisis.data;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>Satisfacción</Title>
          <Text c="dimmed" size="sm">
            Encuestas de los clientes: NPS, áreas a mejorar y lo que dicen.
          </Text>
        </div>
        <Group gap="xs">
          {usuario.rol === 'admin' && (
            <Button
              variant="default"
              leftSection={<IconTemplate size={18} aria-hidden />}
              onClick={() => setEditandoPlantilla(true)}
            >
              Plantilla de encuesta
            </Button>
          )}
          {/* Renders itself only for admin and comercial, who may send surveys. */}
          <EnviarEncuesta boton={{ variant: 'default', size: 'sm' }} />
          {usuario.rol !== 'lectura' && (
            <Button leftSection={<IconPhoneCall size={18} aria-hidden />} onClick={() => setRegistrando(true)}>
              Registrar encuesta telefónica
            </Button>
          )}
        </Group>
      </Group>

      <BarraFiltros filtros={filtros} cambiar={cambiar} />

      {analisis.isError && <ErrorCarga error={analisis.error} reintentar={() => void analisis.refetch()} />}
      {analisis.isPending && <Cargando texto="Cargando el análisis…" />}
      {datos && (
        <Box pos="relative">
          <LoadingOverlay
            visible={analisis.isFetching && analisis.isPlaceholderData}
            overlayProps={{ blur: 1 }}
            loaderProps={{ size: 'sm' }}
          />
          <Stack gap="md">
            <Indicadores analisis={datos} />
            <AreaMasDebil dimensiones={datos.dimensiones} />
            <Seccion titulo="Tendencia de 24 meses">
              <Text size="xs" c="dimmed">
                NPS por mes (línea gruesa, eje izquierdo) y promedio de cada área de 1 a 10 (líneas punteadas, eje
                derecho).
              </Text>
              <Suspense fallback={<Cargando texto="Cargando el gráfico…" />}>
                <GraficoTendencia tendencia={datos.tendencia} />
              </Suspense>
            </Seccion>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <Seccion titulo="Distribución de notas">
                <Suspense fallback={<Cargando texto="Cargando el gráfico…" />}>
                  <GraficoDistribucion distribucion={datos.distribucion} />
                </Suspense>
              </Seccion>
              <Stack gap="md">
                <Seccion titulo="Promedio por área">
                  <PromediosArea dimensiones={datos.dimensiones} />
                </Seccion>
                <Seccion titulo="NPS por segmento">
                  <NpsPorSegmento segmentos={datos.por_segmento} />
                </Seccion>
              </Stack>
            </SimpleGrid>
          </Stack>
        </Box>
      )}

      <Seccion titulo="Comentarios">
        <Comentarios filtros={parametros} />
      </Seccion>

      <RegistrarEncuesta abierto={registrando} alCerrar={() => setRegistrando(false)} />
      {usuario.rol === 'admin' && (
        <EditarPlantilla abierto={editandoPlantilla} alCerrar={() => setEditandoPlantilla(false)} />
      )}
    </Stack>
  );
}

function PromediosArea({ dimensiones }: { dimensiones: AnalisisSatisfaccion['dimensiones'] }) {
  return (
    <Stack gap={8}>
      {DIMENSIONES.map((d) => {
        const promedio = dimensiones.promedios[d];
        const debil = dimensiones.mas_debil.includes(d) && Boolean(dimensiones.brecha);
        return (
          <div key={d}>
            <Group justify="space-between" gap={4}>
              <Text size="sm">{TITULO_DIMENSION[d]}</Text>
              <Text size="sm" fw={700} c={debil ? 'orange.8' : undefined}>
                {formatearNota(promedio)}
              </Text>
            </Group>
            <Progress value={(promedio ?? 0) * 10} color={debil ? 'orange' : 'campo'} size="sm" aria-hidden />
          </div>
        );
      })}
    </Stack>
  );
}

/** DOMAIN.md "Segmentation": segments side by side, here by their NPS. */
function NpsPorSegmento({ segmentos }: { segmentos: AnalisisSatisfaccion['por_segmento'] }) {
  if (segmentos.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Sin respuestas en el período.
      </Text>
    );
  }
  return (
    <Table striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Segmento</Table.Th>
          <Table.Th ta="right">Respuestas</Table.Th>
          <Table.Th ta="right">NPS</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {segmentos.map((s) => (
          <Table.Tr key={s.segmento}>
            <Table.Td>{NOMBRE_SEGMENTO[s.segmento as Segmento] ?? 'Sin segmento'}</Table.Td>
            <Table.Td ta="right">{s.respondidas}</Table.Td>
            <Table.Td ta="right" fw={700} c={`${colorNps(s.nps)}.8`}>
              {formatearNps(s.nps)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
