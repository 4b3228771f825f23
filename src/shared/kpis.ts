import { z } from 'zod';
import { restarMeses } from './actividad.ts';

const fecha = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use una fecha aaaa-mm-dd.');

export const filtrosKpis = z.strictObject({
  desde: fecha.optional(),
  hasta: fecha.optional(),
  region: z.string().max(80).optional(),
  segmento: z.enum(['A', 'B', 'C']).optional(),
});

export const KPIS = ['retencion', 'valor_promedio', 'nps', 'frecuencia', 'conversion'] as const;
export type Kpi = (typeof KPIS)[number];

const DIA = 86_400_000;
export const sumarDias = (f: string, dias: number) =>
  new Date(Date.parse(`${f}T12:00:00Z`) + dias * DIA).toISOString().slice(0, 10);

/**
 * The period [desde, hasta] (default: the 12 months up to today, DOMAIN.md "KPIs") and the
 * previous period of equal length that ends the day before it starts.
 */
export function periodos(f: { desde?: string; hasta?: string }, hoy: string) {
  const hasta = f.hasta ?? hoy;
  const desde = f.desde ?? sumarDias(restarMeses(hasta, 12), 1);
  const dias = Math.round((Date.parse(hasta) - Date.parse(desde)) / DIA);
  const hastaAnterior = sumarDias(desde, -1);
  return { desde, hasta, anterior: { desde: sumarDias(hastaAnterior, -dias), hasta: hastaAnterior } };
}

/** Cambio de un KPI frente al período anterior (puntos o porcentaje según corresponda). */
export function cambio(actual: number | null, anterior: number | null): number | null {
  if (actual == null || anterior == null) return null;
  return Math.round((actual - anterior) * 100) / 100;
}
