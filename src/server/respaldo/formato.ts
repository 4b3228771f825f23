// The backup file: plain SQL in pg_dump's layout (COPY blocks in text format), readable by psql
// and by our own loader. Every value is the type's text output, so any type round-trips.
import { sql } from 'kysely';
import type { Conexion } from '../db/tipos.ts';

/** Raise it when the layout changes; a restore refuses a format it does not know. */
export const VERSION_FORMATO = 1;
export const TITULO = '-- Respaldo de Rancho Clientes';
export const FIN = '-- Fin del respaldo:';

/**
 * Session settings under which every type's text output is exact and engine-independent:
 * timestamps in UTC with offset, ISO dates, all float digits, bytea in hex.
 */
export const AJUSTES_SESION: [string, string][] = [
  ['TimeZone', 'UTC'],
  ['DateStyle', 'ISO, YMD'],
  ['IntervalStyle', 'postgres'],
  ['extra_float_digits', '3'],
  ['bytea_output', 'hex'],
  ['standard_conforming_strings', 'on'],
  ['client_encoding', 'UTF8'],
];

/** Applies AJUSTES_SESION for the current transaction. */
export async function ajustarSesion(trx: Conexion): Promise<void> {
  for (const [nombre, valor] of AJUSTES_SESION) {
    await sql`SELECT set_config(${nombre}, ${valor}, true)`.execute(trx);
  }
}

/** A value in COPY text format: `\N` for NULL, and the four characters that would break a line escaped. */
export function escaparCopia(valor: string | null): string {
  if (valor === null) return '\\N';
  if (!/[\\\n\r\t]/.test(valor)) return valor;
  return valor.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** One COPY text line back into its values (also reads pg_dump's octal and hex escapes). */
export function leerLineaCopia(linea: string): (string | null)[] {
  return linea.split('\t').map((campo) => {
    if (campo === '\\N') return null;
    if (!campo.includes('\\')) return campo;
    return campo.replace(/\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/g, (_, e: string) => {
      if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
      if (e[0] === 'x' && e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
      return ESCAPES[e] ?? e;
    });
  });
}

/** Bytes for a figure the user reads: "12,3 MB". */
export function formatearBytes(bytes: number): string {
  const unidades = ['B', 'kB', 'MB', 'GB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < unidades.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toLocaleString('es-CL', { maximumFractionDigits: i === 0 ? 0 : 1 })} ${unidades[i]}`;
}
