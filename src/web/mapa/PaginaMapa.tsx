import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Grid, Group, Paper, SegmentedControl, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconFileTypeCsv, IconFileTypePdf } from '@tabler/icons-react';
import { formatearFecha } from '../../shared/formato.ts';
import { api } from '../api.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { contar } from '../components/formato.ts';
import { clases, MEDIDAS, type FilaRegion, type Medida } from './escala.ts';
import { Leyenda } from './Leyenda.tsx';
import { MapaChile } from './MapaChile.tsx';
import { ComunasRegion, TablaRegiones } from './TablasMapa.tsx';

export interface ReporteRegiones {
  periodo_nps: { desde: string; hasta: string };
  total_clientes: number;
  regiones: FilaRegion[];
  sin_region: Omit<FilaRegion, 'codigo_region' | 'region' | 'nombre_corto'>;
}

const esMedida = (v: string | null): v is Medida => MEDIDAS.some((m) => m.valor === v);

/** /mapa: the seed's report 3 — clientes by region on a map of Chile, with each region's comunas. */
export default function PaginaMapa() {
  const [parametros, setParametros] = useSearchParams();
  const medidaUrl = parametros.get('medida');
  const medida: Medida = esMedida(medidaUrl) ? medidaUrl : 'clientes';
  const seleccionada = parametros.get('region');
  const reporte = useQuery({
    queryKey: ['mapa', 'regiones'],
    queryFn: ({ signal }) => api<ReporteRegiones>('/api/reportes/regiones', { signal }),
  });

  // The measure and the chosen region live in the address: a link shows the same map.
  function cambiar(cambios: { medida?: Medida; region?: string | null }) {
    const p = new URLSearchParams(parametros);
    if (cambios.medida) p.set('medida', cambios.medida);
    if (cambios.region !== undefined) {
      if (cambios.region) p.set('region', cambios.region);
      else p.delete('region');
    }
    setParametros(p, { replace: true });
  }

  if (reporte.isError) return <ErrorCarga error={reporte.error} reintentar={() => void reporte.refetch()} />;
  if (!reporte.data) return <Cargando texto="Cargando el mapa…" />;
  const r = reporte.data;
  const lista = clases(medida, r.regiones);
  const region = r.regiones.find((x) => x.codigo_region === seleccionada) ?? null;
  const etiqueta = MEDIDAS.find((m) => m.valor === medida)!.etiqueta;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={1}>Mapa de clientes</Title>
          <Text c="dimmed" size="sm">
            {contar(r.total_clientes, 'cliente')} por región · NPS de las encuestas de los últimos 12 meses, al{' '}
            {formatearFecha(r.periodo_nps.hasta)}
          </Text>
        </div>
        <Group gap="xs" className="no-imprimir">
          <Button
            component="a"
            href="/api/reportes/regiones.csv"
            download
            variant="default"
            leftSection={<IconFileTypeCsv size={18} aria-hidden />}
          >
            Descargar CSV
          </Button>
          <Button
            component="a"
            href="/api/reportes/regiones.pdf"
            download
            variant="default"
            leftSection={<IconFileTypePdf size={18} aria-hidden />}
          >
            Descargar PDF
          </Button>
        </Group>
      </Group>

      <Group gap="sm" className="no-imprimir">
        <Text size="sm" fw={500} id="medida-mapa">
          Colorear por
        </Text>
        <SegmentedControl
          aria-labelledby="medida-mapa"
          value={medida}
          onChange={(v) => cambiar({ medida: v as Medida })}
          data={MEDIDAS.map((m) => ({ value: m.valor, label: m.etiqueta }))}
        />
      </Group>

      <Grid gap="sm">
        <Grid.Col span={{ base: 12, md: 6, xl: 5 }}>
          <Paper withBorder p="sm" component="section" aria-label={`Mapa por región: ${etiqueta}`}>
            <MapaChile
              filas={r.regiones}
              medida={medida}
              clases={lista}
              seleccionada={seleccionada}
              alElegir={(c) => cambiar({ region: c })}
            />
            <Leyenda medida={medida} clases={lista} />
            {r.sin_region.clientes > 0 && (
              <Text size="xs" c="dimmed" mt={4}>
                {contar(r.sin_region.clientes, 'cliente')} sin comuna registrada no{' '}
                {r.sin_region.clientes === 1 ? 'aparece' : 'aparecen'} en el mapa.
              </Text>
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6, xl: 7 }}>
          <Paper withBorder p="sm" component="section" aria-label="Detalle por región">
            <Tabs
              value={region ? 'comunas' : 'regiones'}
              onChange={(v) => v === 'regiones' && cambiar({ region: null })}
              keepMounted={false}
            >
              <Tabs.List>
                <Tabs.Tab value="regiones">Las 16 regiones</Tabs.Tab>
                <Tabs.Tab value="comunas" disabled={!region}>
                  {region ? `Comunas de ${region.nombre_corto}` : 'Comunas (elija una región)'}
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="regiones" pt="xs">
                <TablaRegiones
                  filas={r.regiones}
                  medida={medida}
                  seleccionada={seleccionada}
                  alElegir={(c) => cambiar({ region: c })}
                />
              </Tabs.Panel>
              <Tabs.Panel value="comunas" pt="xs">
                {region && <ComunasRegion region={region} />}
              </Tabs.Panel>
            </Tabs>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
