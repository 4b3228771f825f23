import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { identificador, leerCatalogo } from './catalogo.ts';
import { ajustarSesion } from './formato.ts';

export interface HuellaTabla {
  filas: number;
  /** Order-independent sum of every row's md5 (generated columns included): equal sums, equal contents. */
  suma: string;
}

/**
 * Row count and content checksum of every table, read in one snapshot with the dump's session
 * settings (so a timestamp reads the same on both engines). For comparing two databases.
 */
export async function huellaTablas(db: Kysely<Database>): Promise<Record<string, HuellaTabla>> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await ajustarSesion(trx);
      const { tablas } = await leerCatalogo(trx);
      const huella: Record<string, HuellaTabla> = {};
      for (const t of tablas) {
        const r = await sql
          .raw<{ filas: number; suma: string }>(
            `SELECT count(*)::int AS filas,
                  coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint), 0)::text AS suma
           FROM ${identificador(t.nombre)} t`,
          )
          .execute(trx);
        huella[t.nombre] = r.rows[0]!;
      }
      return huella;
    });
}
