import { Box, ColorSwatch, Group, Stack, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { formatearNumero } from '../components/formato.ts';
import { COLOR_TIPO_INTERACCION, NOMBRE_TIPO_INTERACCION, TIPOS_INTERACCION } from './catalogos.ts';
import { useFrecuencia } from './consultas.ts';
import type { MesFrecuencia } from './tipos.ts';

const MESES = ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic'];
const decimal = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 1 });

/** `2026-03` → `mar 26`. */
function nombreMes(mes: string, largo = false): string {
  const [a, m] = mes.split('-');
  return `${MESES[Number(m) - 1]} ${largo ? a : a?.slice(2)}`;
}

const dias = (n: number) => `${formatearNumero(n)} ${n === 1 ? 'día' : 'días'}`;

/**
 * Contact pattern of a cliente: interactions per month and tipo over 24 months, and how the time
 * since the last contact compares with the cliente's usual cadence. Loaded on demand from the ficha.
 */
export default function FrecuenciaContactos({ idCliente }: { idCliente: number }) {
  const frecuencia = useFrecuencia(idCliente);
  if (frecuencia.isError) return <ErrorCarga error={frecuencia.error} reintentar={() => void frecuencia.refetch()} />;
  if (!frecuencia.data) return <Cargando texto="Cargando la frecuencia de contacto…" />;
  const f = frecuencia.data;
  return (
    <Stack gap="sm">
      <Group gap="lg" wrap="wrap">
        <Text size="sm">
          <b>{formatearNumero(f.total_24_meses)}</b> {f.total_24_meses === 1 ? 'interacción' : 'interacciones'} en 24
          meses
        </Text>
        {f.dias_promedio_entre_contactos !== null && (
          <Text size="sm">Promedio {decimal.format(f.dias_promedio_entre_contactos)} días entre contactos</Text>
        )}
        {f.cadencia_habitual_dias !== null && (
          <Text size="sm">Cadencia habitual cada {dias(f.cadencia_habitual_dias)}</Text>
        )}
      </Group>
      {f.dias_sin_contacto !== null &&
        (f.atrasado && f.cadencia_habitual_dias !== null ? (
          <Group gap={6} c="orange.8" wrap="nowrap">
            <IconAlertTriangle size={18} aria-hidden />
            <Text size="sm" fw={600} c="orange.8">
              Sin contacto hace {dias(f.dias_sin_contacto)} (su cadencia habitual es {dias(f.cadencia_habitual_dias)})
            </Text>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {f.dias_sin_contacto === 0 ? 'Último contacto hoy' : `Último contacto hace ${dias(f.dias_sin_contacto)}`}
          </Text>
        ))}
      <GraficoMensual meses={f.meses} />
      <Group gap="md" aria-hidden>
        {TIPOS_INTERACCION.map((t) => (
          <Group key={t} gap={4} wrap="nowrap">
            <ColorSwatch color={`var(--mantine-color-${COLOR_TIPO_INTERACCION[t]}-6)`} size={12} withShadow={false} />
            <Text size="xs">{NOMBRE_TIPO_INTERACCION[t]}</Text>
          </Group>
        ))}
      </Group>
    </Stack>
  );
}

const ALTO = 180;
const MARGEN = { arriba: 8, abajo: 22, izquierda: 26, derecha: 4 };

/**
 * Stacked bars drawn as plain SVG at the container's pixel width (so text never stretches): 24 bars
 * do not justify a charting library, and @mantine/charts has no release matching our @mantine/core.
 */
function GraficoMensual({ meses }: { meses: MesFrecuencia[] }) {
  const { ref, width } = useElementSize();
  return (
    <Box ref={ref} h={ALTO}>
      {width > 0 && <Barras meses={meses} ancho={width} />}
    </Box>
  );
}

function Barras({ meses, ancho }: { meses: MesFrecuencia[]; ancho: number }) {
  const maximo = Math.max(1, ...meses.map((m) => m.total));
  const paso = maximo <= 5 ? 1 : Math.ceil(maximo / 4);
  const tope = Math.ceil(maximo / paso) * paso;
  const alto = ALTO - MARGEN.arriba - MARGEN.abajo;
  const anchoBarra = (ancho - MARGEN.izquierda - MARGEN.derecha) / meses.length;
  const y = (v: number) => MARGEN.arriba + alto - (v / tope) * alto;
  const marcas: number[] = [];
  for (let v = 0; v <= tope; v += paso) marcas.push(v);
  const resumen = meses
    .filter((m) => m.total > 0)
    .map((m) => `${nombreMes(m.mes, true)}: ${m.total}`)
    .join('; ');

  return (
    <svg
      width={ancho}
      height={ALTO}
      role="img"
      aria-label={`Interacciones por mes en los últimos 24 meses. ${resumen || 'Sin interacciones.'}`}
      style={{ display: 'block' }}
    >
      {marcas.map((v) => (
        <g key={v}>
          <line
            x1={MARGEN.izquierda}
            x2={ancho - MARGEN.derecha}
            y1={y(v)}
            y2={y(v)}
            stroke="var(--mantine-color-gray-3)"
            strokeWidth={1}
          />
          <text x={MARGEN.izquierda - 6} y={y(v) + 4} textAnchor="end" fontSize={11} fill="var(--mantine-color-dimmed)">
            {v}
          </text>
        </g>
      ))}
      {meses.map((m, i) => {
        const x = MARGEN.izquierda + i * anchoBarra;
        let acumulado = 0;
        const detalle = TIPOS_INTERACCION.filter((t) => m[t] > 0)
          .map((t) => `${m[t]} ${NOMBRE_TIPO_INTERACCION[t].toLowerCase()}`)
          .join(', ');
        return (
          <g key={m.mes}>
            <title>{`${nombreMes(m.mes, true)}: ${m.total}${detalle ? ` (${detalle})` : ''}`}</title>
            {/* A transparent column keeps the month's tooltip reachable even without bars. */}
            <rect x={x} y={MARGEN.arriba} width={anchoBarra} height={alto} fill="transparent" />
            {TIPOS_INTERACCION.map((t) => {
              if (m[t] === 0) return null;
              const y0 = y(acumulado);
              acumulado += m[t];
              const y1 = y(acumulado);
              return (
                <rect
                  key={t}
                  x={x + (anchoBarra - Math.min(anchoBarra * 0.7, 28)) / 2}
                  y={y1}
                  width={Math.min(anchoBarra * 0.7, 28)}
                  height={Math.max(0, y0 - y1 - 1)}
                  fill={`var(--mantine-color-${COLOR_TIPO_INTERACCION[t]}-6)`}
                  rx={2}
                />
              );
            })}
            {i % 3 === 0 && (
              <text
                x={x + anchoBarra / 2}
                y={ALTO - 6}
                textAnchor="middle"
                fontSize={11}
                fill="var(--mantine-color-dimmed)"
              >
                {nombreMes(m.mes)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
