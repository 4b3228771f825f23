import { useState } from 'react';
import { Group, Input, Paper, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { formatearFecha } from '../../shared/formato.ts';
import { useUsuarios } from '../clientes/consultas.ts';
import { CampoFecha } from '../components/CampoFecha.tsx';
import { Seleccion } from '../components/Seleccion.tsx';
import { PERIODOS_RAPIDOS, type EstadoFiltros, type useFiltrosSatisfaccion } from './filtros.ts';
import { NOMBRE_SEGMENTO, NOMBRE_TIPO_ORDEN } from './formato.ts';

type Cambiar = ReturnType<typeof useFiltrosSatisfaccion>['cambiar'];

const OTRO = 'otro';

/** Period (quick 3/6/12/24 months or an explicit range), técnico, tipo de orden and segment. */
export function BarraFiltros({ filtros, cambiar }: { filtros: EstadoFiltros; cambiar: Cambiar }) {
  const usuarios = useUsuarios();
  // Five segments of "24 meses" do not fit a phone: there the months go as "24 m".
  const angosta = useMediaQuery('(max-width: 30em)');
  // "Otro" shows the two date fields before both are filled; only a complete range reaches the URL.
  const [otro, setOtro] = useState(filtros.meses === null);
  const [desde, setDesde] = useState<string | null>(filtros.meses === null ? filtros.desde : null);
  const [hasta, setHasta] = useState<string | null>(filtros.meses === null ? filtros.hasta : null);

  function cambiarRango(d: string | null, h: string | null) {
    setDesde(d);
    setHasta(h);
    if (d && h && d <= h) cambiar({ desde: d, hasta: h });
  }

  return (
    <Paper withBorder p="md" component="section" aria-label="Filtros del análisis">
      <Stack gap="sm">
        <Group gap="md" align="flex-end" wrap="wrap">
          <div>
            <Input.Label id="periodo-satisfaccion">Período</Input.Label>
            <SegmentedControl
              aria-labelledby="periodo-satisfaccion"
              display="flex"
              value={otro ? OTRO : String(filtros.meses)}
              onChange={(v) => {
                if (v === OTRO) {
                  setOtro(true);
                  cambiarRango(desde ?? filtros.desde, hasta ?? filtros.hasta);
                  return;
                }
                setOtro(false);
                cambiar({ meses: Number(v) });
              }}
              data={[
                ...PERIODOS_RAPIDOS.map((m) => ({ value: String(m), label: angosta ? `${m} m` : `${m} meses` })),
                { value: OTRO, label: 'Otro' },
              ]}
            />
          </div>
          {otro && (
            <Group gap="xs" align="flex-end">
              <CampoFecha
                label="Desde"
                value={desde}
                onChange={(v) => cambiarRango(v, hasta)}
                maxDate={hasta ?? undefined}
                w={150}
              />
              <CampoFecha
                label="Hasta"
                value={hasta}
                onChange={(v) => cambiarRango(desde, v)}
                minDate={desde ?? undefined}
                w={150}
              />
            </Group>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Seleccion
            label="Técnico"
            placeholder="Todos"
            clearable
            searchable
            data={(usuarios.data ?? []).map((u) => ({ value: String(u.id_usuario), label: u.nombre }))}
            value={filtros.id_tecnico ? String(filtros.id_tecnico) : null}
            onChange={(v) => cambiar({ tecnico: v ? Number(v) : null })}
          />
          <Seleccion
            label="Tipo de orden"
            placeholder="Todos"
            clearable
            data={Object.entries(NOMBRE_TIPO_ORDEN).map(([value, label]) => ({ value, label }))}
            value={filtros.tipo_orden}
            onChange={(v) => cambiar({ tipo: v })}
          />
          <Seleccion
            label="Segmento"
            placeholder="Todos"
            clearable
            data={Object.entries(NOMBRE_SEGMENTO).map(([value, label]) => ({ value, label }))}
            value={filtros.segmento}
            onChange={(v) => cambiar({ segmento: v })}
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed" aria-live="polite">
          Encuestas respondidas entre el {formatearFecha(filtros.desde)} y el {formatearFecha(filtros.hasta)}
          {filtros.id_tecnico || filtros.tipo_orden ? ' (técnico y tipo de orden: solo encuestas de una orden)' : ''}.
        </Text>
      </Stack>
    </Paper>
  );
}
