import { sql, type RawBuilder } from 'kysely';
import type { Conexion } from '../db/tipos.ts';

/** Tamaño de los bloques de escritura y de búsqueda: una sentencia por bloque, nunca una por fila. */
export const BLOQUE = 2000;

export type TipoPg = 'text' | 'int4' | 'int8' | 'numeric' | 'date' | 'bool';

export interface ColumnaMasiva<T> {
  nombre: string;
  tipo: TipoPg;
  valor: (v: T) => unknown;
  /**
   * Expresión SQL del valor final, con `u` = la fila del archivo y `x` = el registro existente.
   * Por omisión `coalesce(u.col, x.col)`: una celda vacía conserva lo que había.
   */
  expr?: string;
  /** Solo al crear (p. ej. el cliente dueño): al actualizar no se toca. */
  soloAlta?: boolean;
}

export interface FilaEscrita {
  id: number;
  id_cliente: number;
  nuevo: boolean;
}

/** `unnest($1::text[], $2::date[], …)`: las columnas de un bloque como arreglos, un parámetro cada una. */
export function arreglos<T>(
  columnas: readonly { tipo: TipoPg; valor: (v: T) => unknown }[],
  filas: readonly T[],
): RawBuilder<unknown> {
  return sql`unnest(${sql.join(columnas.map((c) => sql`${sql.val(filas.map((f) => c.valor(f) ?? null))}::${sql.raw(c.tipo)}[]`))})`;
}

/**
 * Inserta o actualiza un bloque en una sentencia (`INSERT … SELECT FROM unnest … ON CONFLICT (clave)
 * DO UPDATE`). Solo cambia, y solo sube la versión de, los registros que de verdad difieren, así
 * reimportar el mismo archivo no toca nada. Devuelve los registros creados o cambiados.
 */
export async function upsertMasivo<T>(
  trx: Conexion,
  o: {
    tabla: string;
    clave: string;
    id: string;
    columnas: readonly ColumnaMasiva<T>[];
    filas: readonly T[];
    /** Condición extra para actualizar (sobre `t`, el registro existente). */
    guarda?: string;
    /** Asignaciones extra al actualizar (p. ej. `actualizado_en = now()`). */
    alActualizar?: string;
  },
): Promise<FilaEscrita[]> {
  if (o.filas.length === 0) return [];
  const nombres = o.columnas.map((c) => c.nombre);
  const valores = o.columnas.map(
    (c) => c.expr ?? (c.nombre === o.clave ? `u.${c.nombre}` : `coalesce(u.${c.nombre}, x.${c.nombre})`),
  );
  const cambiables = o.columnas.filter((c) => !c.soloAlta && c.nombre !== o.clave).map((c) => c.nombre);
  const set = [
    ...cambiables.map((c) => `${c} = excluded.${c}`),
    'version = t.version + 1',
    ...(o.alActualizar ? [o.alActualizar] : []),
  ];
  const distinto = `ROW(${cambiables.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM ROW(${cambiables.map((c) => `excluded.${c}`).join(', ')})`;
  const r = await sql<FilaEscrita>`
    INSERT INTO ${sql.table(o.tabla)} AS t (${sql.raw(nombres.join(', '))})
    SELECT ${sql.raw(valores.join(', '))}
    FROM ${arreglos(o.columnas, o.filas)} AS u(${sql.raw(nombres.join(', '))})
    LEFT JOIN ${sql.table(o.tabla)} x ON x.${sql.raw(o.clave)} = u.${sql.raw(o.clave)}
    ON CONFLICT (${sql.raw(o.clave)}) DO UPDATE SET ${sql.raw(set.join(', '))}
    WHERE ${sql.raw(o.guarda ? `${o.guarda} AND ` : '')}${sql.raw(distinto)}
    RETURNING t.${sql.raw(o.id)} AS id, t.id_cliente, (t.xmax = 0) AS nuevo`.execute(trx);
  return r.rows;
}

/** `SELECT … WHERE columna = ANY($1)` en bloques, para no armar un parámetro gigante. */
export async function buscarPorClaves<R>(
  claves: readonly (string | number)[],
  consulta: (bloque: string[]) => Promise<R[]>,
): Promise<R[]> {
  const unicas = [...new Set(claves.map(String))];
  const salida: R[] = [];
  for (let i = 0; i < unicas.length; i += BLOQUE * 5) {
    for (const fila of await consulta(unicas.slice(i, i + BLOQUE * 5))) salida.push(fila);
  }
  return salida;
}
