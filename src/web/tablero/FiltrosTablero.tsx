import { useState } from 'react';
import { Group, Input, NativeSelect, Paper, SegmentedControl, TextInput } from '@mantine/core';
import regiones from '../../shared/datos/regiones.json' with { type: 'json' };
import { PERIODOS, type FiltrosTablero, type useFiltrosTablero } from './kpis.ts';

type Cambiar = ReturnType<typeof useFiltrosTablero>['cambiar'];

const OTRO = 'otro';
// North to south, as the map and every region list of the app.
const OPCIONES_REGION = [
  { value: '', label: 'Todas las regiones' },
  ...[...regiones]
    .sort((a, b) => a.orden_norte_sur - b.orden_norte_sur)
    .map((r) => ({ value: r.codigo_region, label: r.nombre_corto })),
];
const OPCIONES_SEGMENTO = [
  { value: '', label: 'Todos los segmentos' },
  { value: 'A', label: 'A (80 % del valor)' },
  { value: 'B', label: 'B (siguiente 15 %)' },
  { value: 'C', label: 'C (el resto)' },
];

/**
 * Period (last 3/6/12/24 months or a range) and the Región and Segmento filters. The range uses the
 * browser's own date fields: the calendar component would add its weight to the dashboard's first load.
 */
export function FiltrosTablero({ filtros, cambiar }: { filtros: FiltrosTablero; cambiar: Cambiar }) {
  const [otro, setOtro] = useState(filtros.meses === null);
  return (
    <Paper withBorder p="sm" component="section" aria-label="Período y filtros" className="no-imprimir">
      <Group gap="md" align="flex-end" wrap="wrap">
        <div>
          <Input.Label id="periodo-tablero">Período</Input.Label>
          <SegmentedControl
            aria-labelledby="periodo-tablero"
            display="flex"
            value={otro ? OTRO : String(filtros.meses)}
            onChange={(v) => {
              if (v === OTRO) {
                setOtro(true);
                cambiar({ desde: filtros.desde, hasta: filtros.hasta });
                return;
              }
              setOtro(false);
              cambiar({ meses: v === '12' ? null : v });
            }}
            data={[...PERIODOS.map((m) => ({ value: String(m), label: `${m} meses` })), { value: OTRO, label: 'Otro' }]}
          />
        </div>
        {otro && (
          <Group gap="xs" align="flex-end">
            <TextInput
              type="date"
              label="Desde"
              value={filtros.desde}
              max={filtros.hasta}
              onChange={(e) => e.currentTarget.value && cambiar({ desde: e.currentTarget.value, hasta: filtros.hasta })}
              w={160}
            />
            <TextInput
              type="date"
              label="Hasta"
              value={filtros.hasta}
              min={filtros.desde}
              onChange={(e) => e.currentTarget.value && cambiar({ desde: filtros.desde, hasta: e.currentTarget.value })}
              w={160}
            />
          </Group>
        )}
        <NativeSelect
          label="Región"
          data={OPCIONES_REGION}
          value={filtros.region ?? ''}
          onChange={(e) => cambiar({ region: e.currentTarget.value || null })}
          w={200}
        />
        <NativeSelect
          label="Segmento"
          data={OPCIONES_SEGMENTO}
          value={filtros.segmento ?? ''}
          onChange={(e) => cambiar({ segmento: e.currentTarget.value || null })}
          w={200}
        />
      </Group>
    </Paper>
  );
}
