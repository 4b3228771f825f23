import { restarMeses } from '../../src/shared/actividad.ts';
import { ZONA } from '../../src/shared/formato.ts';

/**
 * Fechas de la demostración como números de día (días desde 1970-01-01): sumar y comparar
 * enteros es barato cuando se generan millones de filas. Se convierten a `aaaa-mm-dd` al final.
 */

const MS_DIA = 86_400_000;

export function diaDe(texto: string): number {
  const [a, m, d] = texto.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(a, m - 1, d) / MS_DIA);
}

const textos = new Map<number, string>();

/** `aaaa-mm-dd` de un día (con caché: los mismos pocos miles de días se repiten millones de veces). */
export function fecha(dia: number): string {
  let texto = textos.get(dia);
  if (texto === undefined) {
    texto = new Date(dia * MS_DIA).toISOString().slice(0, 10);
    textos.set(dia, texto);
  }
  return texto;
}

export function anioDe(dia: number): number {
  return Number(fecha(dia).slice(0, 4));
}

/** El mismo día `meses` meses antes (o después, si es negativo), como en PostgreSQL. */
export function mesesAntes(dia: number, meses: number): number {
  return diaDe(restarMeses(fecha(dia), meses));
}

const formatoZona = new Intl.DateTimeFormat('en-US', { timeZone: ZONA, timeZoneName: 'longOffset' });
const desfases = new Map<number, string>();

/**
 * Desfase de Santiago ese día (`-03:00` o `-04:00`). Se mide a mediodía: Chile cambia la hora a
 * medianoche y los eventos de la demo ocurren en horario de oficina, así que basta uno por día.
 */
function desfase(dia: number): string {
  let texto = desfases.get(dia);
  if (texto === undefined) {
    const nombre = formatoZona
      .formatToParts(new Date(dia * MS_DIA + 16 * 3_600_000))
      .find((p) => p.type === 'timeZoneName');
    const valor = nombre?.value.replace('GMT', '') ?? '';
    texto = valor === '' ? '+00:00' : valor;
    desfases.set(dia, texto);
  }
  return texto;
}

/** Instante ISO de un día a cierta hora local de Santiago (minutos desde medianoche). */
export function instante(dia: number, minutos: number): string {
  const h = Math.floor(minutos / 60);
  const m = minutos % 60;
  return `${fecha(dia)}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00${desfase(dia)}`;
}

/** Minutos de una hora de oficina del taller (08:00–19:00). */
export function horaDeOficina(real: number): number {
  return 480 + Math.floor(real * 660);
}

export const DIAS_ANIO = 365.25;
