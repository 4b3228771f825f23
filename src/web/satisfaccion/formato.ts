import type { Dimension } from '../../shared/satisfaccion.ts';
import type { Segmento, TipoOrden } from './tipos.ts';

const decimal = new Intl.NumberFormat('es-CL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 5.42 → `5,4`; `—` when there is no value. */
export function formatearNota(valor: number | null | undefined): string {
  return valor == null ? '—' : decimal.format(valor);
}

/** NPS with its sign, as it is usually read: `+35`, `0`, `-12`. */
export function formatearNps(nps: number | null): string {
  if (nps === null) return '—';
  return nps > 0 ? `+${nps}` : String(nps);
}

/** Colour of a 1–10 score by its NPS group (DOMAIN.md): detractor red, pasivo yellow, promotor green. */
export function colorNota(nota: number): string {
  if (nota >= 9) return 'campo';
  if (nota >= 7) return 'yellow';
  return 'red';
}

/** Colour of an NPS: above 50 is good for a workshop, below 0 needs attention. */
export function colorNps(nps: number | null): string {
  if (nps === null) return 'gray';
  if (nps >= 50) return 'campo';
  if (nps >= 0) return 'yellow';
  return 'red';
}

/** Dimension names as headings (shared/satisfaccion.ts has them lower-case, for sentences). */
export const TITULO_DIMENSION: Record<Dimension, string> = {
  tiempo: 'Tiempo de respuesta',
  calidad: 'Calidad de servicio',
  precio: 'Precio',
  atencion: 'Atención al cliente',
};

/** Series colours shared by the charts and their legends. */
export const COLOR_DIMENSION: Record<Dimension, string> = {
  tiempo: 'var(--mantine-color-orange-6)',
  calidad: 'var(--mantine-color-blue-6)',
  precio: 'var(--mantine-color-grape-6)',
  atencion: 'var(--mantine-color-cyan-7)',
};

// Repeated from web/servicios/catalogos.ts rather than imported: that module belongs to the
// service screens, and three labels are cheaper than a cross-screen dependency.
export const NOMBRE_TIPO_ORDEN: Record<TipoOrden, string> = {
  preventiva: 'Preventiva',
  correctiva: 'Correctiva',
  garantia: 'Garantía',
};

export const NOMBRE_SEGMENTO: Record<Segmento, string> = {
  A: 'A (80 % del valor)',
  B: 'B (siguiente 15 %)',
  C: 'C (resto)',
};

const MESES = ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sept', 'oct', 'nov', 'dic'];

/** `2026-03` → `mar 2026` (or `mar 26` when short). */
export function formatearMes(mes: string, corto = false): string {
  const [a, m] = mes.split('-');
  const nombre = MESES[Number(m) - 1] ?? m;
  return `${nombre} ${corto ? a?.slice(2) : a}`;
}
