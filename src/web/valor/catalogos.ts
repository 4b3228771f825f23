import type { Segmento, TipoOportunidad } from './tipos.ts';

export const SEGMENTOS: readonly Segmento[] = ['A', 'B', 'C'];

/** What each ABC segment means, in the words of DOMAIN.md "Value and segmentation". */
export const DESCRIPCION_SEGMENTO: Record<Segmento, string> = {
  A: 'Suman el 80 % del valor histórico',
  B: 'El 15 % siguiente',
  C: 'El resto',
};

/** Same colours as the ficha's segment badge (clientes/ficha/ValorFicha.tsx), so A looks like A everywhere. */
export const COLOR_SEGMENTO: Record<Segmento, string> = { A: 'campo', B: 'blue', C: 'gray' };

export const NOMBRE_POTENCIAL = {
  alto: 'Potencial alto',
  bajo: 'Potencial bajo',
} as const;

export const NOMBRE_TIPO_OPORTUNIDAD: Record<TipoOportunidad, string> = {
  mantencion: 'Mantención',
  sin_servicio: 'Sin servicio aquí',
  renovacion: 'Renovación',
  cotizacion_por_vencer: 'Cotización por vencer',
  bajo_potencial: 'Bajo potencial',
};

export const COLOR_TIPO_OPORTUNIDAD: Record<TipoOportunidad, string> = {
  mantencion: 'orange',
  sin_servicio: 'grape',
  renovacion: 'blue',
  cotizacion_por_vencer: 'red',
  bajo_potencial: 'teal',
};

/** Machine types as the admin reads them in the expected-spend table. */
export const NOMBRE_TIPO_EQUIPO: Record<string, string> = {
  tractor: 'Tractor',
  cosechadora: 'Cosechadora',
  sembradora: 'Sembradora',
  pulverizador: 'Pulverizador',
  enfardadora: 'Enfardadora',
  otro: 'Otro',
};

const porcentaje = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 1 });

/** 12.5 → `12,5 %`; null → `—`. */
export function formatearPorcentaje(valor: number | null): string {
  return valor === null ? '—' : `${porcentaje.format(valor)} %`;
}
