// Revisión de índices con amcheck, en PostgreSQL y en PGlite (que trae amcheck como extensión
// contrib: @electric-sql/pglite/contrib/amcheck).
import path from 'node:path';
import { sql } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { amcheck } from '@electric-sql/pglite/contrib/amcheck';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { openPostgres, wrapPglite, type Db } from '../../src/server/db/open.ts';
import type { Destino } from './comun.ts';

export interface RevisionIndices {
  revisados: number;
  /** What was checked: btree always; GIN only where amcheck has gin_index_check (PostgreSQL 18+). */
  metodo: string;
  errores: string[];
}

/**
 * Opens the database (the app must be stopped for an embedded one) and runs amcheck on every
 * index of the schema: bt_index_check with heapallindexed (every row is in the index and the
 * index's order is right), and gin_index_check where the server has it.
 */
export async function revisarIndices(destino: Destino): Promise<RevisionIndices> {
  let db: Db;
  if ('databaseUrl' in destino) db = openPostgres(destino.databaseUrl, { max: 1 });
  else {
    const pglite = await PGlite.create({
      dataDir: path.join(destino.dataDir, 'pg'),
      extensions: { pg_trgm, unaccent, amcheck },
    });
    db = wrapPglite(pglite);
  }
  try {
    await sql`CREATE EXTENSION IF NOT EXISTS amcheck`.execute(db.db);
    const gin =
      (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_proc WHERE proname = 'gin_index_check'`.execute(
          db.db,
        )
      ).rows[0]!.n > 0;
    const indices = await sql<{ nombre: string; metodo: string }>`
      SELECT ci.relname AS nombre, am.amname AS metodo
      FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid JOIN pg_class ct ON ct.oid = i.indrelid
      JOIN pg_am am ON am.oid = ci.relam
      WHERE ct.relnamespace = current_schema()::regnamespace AND i.indisvalid
      ORDER BY ci.relname`.execute(db.db);
    const errores: string[] = [];
    let revisados = 0;
    for (const i of indices.rows) {
      const llamada =
        i.metodo === 'btree'
          ? sql`SELECT bt_index_check(${i.nombre}::regclass, true)`
          : i.metodo === 'gin' && gin
            ? sql`SELECT gin_index_check(${i.nombre}::regclass)`
            : null;
      if (!llamada) continue;
      try {
        await llamada.execute(db.db);
        revisados++;
      } catch (e) {
        errores.push(`índice ${i.nombre}: ${(e as Error).message}`);
      }
    }
    return {
      revisados,
      metodo: `amcheck: bt_index_check(heapallindexed)${gin ? ' + gin_index_check' : ' (los GIN no: esta versión no trae gin_index_check)'}`,
      errores,
    };
  } finally {
    await db.close();
  }
}
