import { sql } from 'kysely';
import type { Conexion } from '../db/tipos.ts';

/** Kysely's own bookkeeping: the restore recreates it by running the migrations. */
export const TABLAS_MIGRACION = ['kysely_migration', 'kysely_migration_lock'];
/** Rebuilt by triggers from other tables as those are loaded: dumping them would load them twice. */
const TABLAS_DERIVADAS = ['palabras_busqueda'];

export interface Columna {
  nombre: string;
  /** `format_type` of the column: the cast that turns the dumped text back into its value. */
  tipo: string;
}

export interface Tabla {
  nombre: string;
  /** Stored columns in order; generated columns are left out (the database recomputes them). */
  columnas: Columna[];
  /** Has a GENERATED ALWAYS identity column: inserting it needs OVERRIDING SYSTEM VALUE. */
  identidadSiempre: boolean;
  /** Primary key columns: the dump's row order, so two dumps of the same data are identical. */
  clave: string[];
  /** A single-column foreign key to itself (e.g. a merged cliente): parents must be loaded first. */
  autoReferencia: { columna: string; referida: string } | null;
}

/**
 * The tables of the current schema in an order where every table comes after the tables its
 * foreign keys point to, plus the sequences (identity or not) whose position a dump must keep.
 */
export async function leerCatalogo(db: Conexion): Promise<{ tablas: Tabla[]; secuencias: string[] }> {
  const columnas = await sql<{ tabla: string; columna: string; tipo: string; identidad: string }>`
    SELECT c.relname AS tabla, a.attname AS columna, format_type(a.atttypid, a.atttypmod) AS tipo,
           a.attidentity::text AS identidad
    FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    ORDER BY c.relname, a.attnum`.execute(db);
  const claves = await sql<{ hija: string; madre: string; columnas: string[]; referidas: string[] }>`
    SELECT h.relname AS hija, m.relname AS madre,
           array(SELECT attname::text FROM pg_attribute WHERE attrelid = k.conrelid AND attnum = ANY (k.conkey)) AS columnas,
           array(SELECT attname::text FROM pg_attribute WHERE attrelid = k.confrelid AND attnum = ANY (k.confkey)) AS referidas
    FROM pg_constraint k JOIN pg_class h ON h.oid = k.conrelid JOIN pg_class m ON m.oid = k.confrelid
    WHERE k.contype = 'f' AND h.relnamespace = current_schema()::regnamespace`.execute(db);
  const primarias = await sql<{ tabla: string; columnas: string[] }>`
    SELECT c.relname AS tabla,
           array(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(n, o)
                 JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.n ORDER BY k.o) AS columnas
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
    WHERE i.indisprimary AND c.relnamespace = current_schema()::regnamespace`.execute(db);
  const secuencias = await sql<{ nombre: string }>`
    SELECT relname AS nombre FROM pg_class
    WHERE relnamespace = current_schema()::regnamespace AND relkind = 'S' ORDER BY relname`.execute(db);

  const tablas = new Map<string, Tabla>();
  for (const f of columnas.rows) {
    if (TABLAS_MIGRACION.includes(f.tabla) || TABLAS_DERIVADAS.includes(f.tabla)) continue;
    let t = tablas.get(f.tabla);
    if (!t) {
      t = { nombre: f.tabla, columnas: [], identidadSiempre: false, clave: [], autoReferencia: null };
      tablas.set(f.tabla, t);
    }
    t.columnas.push({ nombre: f.columna, tipo: f.tipo });
    if (f.identidad === 'a') t.identidadSiempre = true;
  }
  for (const p of primarias.rows) {
    const t = tablas.get(p.tabla);
    if (t) t.clave = p.columnas;
  }
  const madres = new Map<string, Set<string>>([...tablas.keys()].map((n) => [n, new Set<string>()]));
  for (const k of claves.rows) {
    if (!tablas.has(k.hija) || !tablas.has(k.madre)) continue;
    if (k.hija !== k.madre) madres.get(k.hija)!.add(k.madre);
    else if (k.columnas.length === 1) {
      tablas.get(k.hija)!.autoReferencia = { columna: k.columnas[0]!, referida: k.referidas[0]! };
    }
  }
  return { tablas: ordenarPorDependencias(tablas, madres), secuencias: secuencias.rows.map((s) => s.nombre) };
}

/** Kahn's topological sort, alphabetical among equals so that dumps of the same data are identical. */
function ordenarPorDependencias(tablas: Map<string, Tabla>, madres: Map<string, Set<string>>): Tabla[] {
  const orden: Tabla[] = [];
  const pendientes = new Map([...madres].map(([n, m]) => [n, new Set(m)]));
  while (pendientes.size > 0) {
    const listas = [...pendientes].filter(([, m]) => m.size === 0).map(([n]) => n);
    if (listas.length === 0) {
      throw new Error(
        `Las tablas ${[...pendientes.keys()].join(', ')} se referencian en ciclo; el respaldo no sabe en qué orden cargarlas.`,
      );
    }
    for (const n of listas.sort()) {
      orden.push(tablas.get(n)!);
      pendientes.delete(n);
      for (const m of pendientes.values()) m.delete(n);
    }
  }
  return orden;
}

/**
 * Plain indexes (not backing a primary key, unique or exclusion constraint), with their
 * definitions: a restore drops them, loads, and builds them once, which is much faster than
 * maintaining them row by row.
 */
export async function leerIndicesSimples(db: Conexion): Promise<{ nombre: string; definicion: string }[]> {
  const r = await sql<{ nombre: string; definicion: string }>`
    SELECT ci.relname AS nombre, pg_get_indexdef(i.indexrelid) AS definicion
    FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid JOIN pg_class ct ON ct.oid = i.indrelid
    WHERE ct.relnamespace = current_schema()::regnamespace
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
    ORDER BY ci.relname`.execute(db);
  return r.rows;
}

/** A double-quoted SQL identifier. */
export function identificador(nombre: string): string {
  return `"${nombre.replaceAll('"', '""')}"`;
}
