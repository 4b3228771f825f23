import { formatearMonto } from '../../shared/formato.ts';
import { formatearNumero } from '../components/formato.ts';

export type Medida = 'clientes' | 'activos' | 'valor' | 'nps' | 'equipos';

export interface FilaRegion {
  codigo_region: string;
  region: string;
  nombre_corto: string;
  clientes: number;
  activos: number;
  valor: number;
  equipos: number;
  nps: number | null;
}

export const MEDIDAS: { valor: Medida; etiqueta: string; formato: (n: number) => string }[] = [
  { valor: 'clientes', etiqueta: 'Clientes', formato: formatearNumero },
  { valor: 'activos', etiqueta: 'Clientes activos', formato: formatearNumero },
  { valor: 'valor', etiqueta: 'Valor', formato: formatearMonto },
  { valor: 'nps', etiqueta: 'NPS', formato: (n) => formatearNumero(n) },
  { valor: 'equipos', etiqueta: 'Equipos', formato: formatearNumero },
];

/** A region with nothing to show (no clientes, or no answered survey for NPS). */
export const COLOR_VACIO = '#f1f3f5';
// Five greens of the app's "campo" palette, light to dark: more is darker.
// The lightest is still clearly green next to the grey of empty regions.
const VERDES = ['#cfe6c0', '#9fcc84', '#6fb347', '#3f8a2a', '#1d5515'];
// NPS runs from −100 to 100: red for detractor regions, green for promoter regions.
// NPS is a whole number, so the classes can be exact: −100…−31, −30…−1, 0…29, 30…59, 60…100.
const CLASES_NPS: readonly Clase[] = [
  { color: '#e03131', desde: -100, hasta: -31 },
  { color: '#f08c00', desde: -30, hasta: -1 },
  { color: '#fcc419', desde: 0, hasta: 29 },
  { color: '#9fcc84', desde: 30, hasta: 59 },
  { color: '#2f7d22', desde: 60, hasta: 100 },
];

export interface Clase {
  color: string;
  desde: number;
  hasta: number;
}

/** The classes of the legend for a measure over the 16 regions (empty regions apart). */
export function clases(medida: Medida, filas: FilaRegion[]): Clase[] {
  if (medida === 'nps') return [...CLASES_NPS];
  const maximo = Math.max(0, ...filas.map((f) => f[medida]));
  if (maximo === 0) return [];
  // Equal steps from 1 to the maximum. Every measure is a whole number (counts, pesos), so the
  // classes are exact ranges; with few clientes some steps collapse and there are fewer classes.
  const paso = (maximo - 1) / VERDES.length;
  const resultado: Clase[] = [];
  let desde = 1;
  for (let i = 0; i < VERDES.length; i++) {
    const hasta = i === VERDES.length - 1 ? maximo : Math.floor(1 + paso * (i + 1));
    if (hasta < desde) continue;
    resultado.push({ color: VERDES[i]!, desde, hasta });
    desde = hasta + 1;
  }
  // With fewer classes than colours, spread them over the palette so the top is always the darkest.
  const ultimo = VERDES.length - 1;
  return resultado.map((c, i) => ({
    ...c,
    color: VERDES[resultado.length === 1 ? ultimo : Math.round((i * ultimo) / (resultado.length - 1))]!,
  }));
}

/** The value of a region for a measure, null when there is nothing to colour. */
export function valorDe(medida: Medida, f: FilaRegion): number | null {
  const v = f[medida];
  if (v == null) return null;
  return medida !== 'nps' && v === 0 ? null : v;
}

export function colorDe(valor: number | null, lista: Clase[]): string {
  if (valor == null) return COLOR_VACIO;
  return (lista.find((c) => valor >= c.desde && valor <= c.hasta) ?? lista.at(-1))?.color ?? COLOR_VACIO;
}
