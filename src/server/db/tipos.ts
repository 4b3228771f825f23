import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** A connection or a transaction: every use case takes one of these first. */
export type Conexion = Kysely<Database> | Transaction<Database>;

/** Runs `fn` in a transaction (or inside the one already open). */
export async function enTransaccion<T>(db: Conexion, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<Database>);
  return (db as Kysely<Database>).transaction().execute(fn);
}

/**
 * Starts a query whose text is fixed (it never varies with the input) and that runs often while
 * costing more to plan than to run: the ficha plans in ~3 ms and runs in ~1 ms. On PostgreSQL
 * such a query becomes a named prepared statement on each pooled connection, planned once there
 * (PostgreSQL moves to a generic plan after five custom ones when it costs the same); PGlite just
 * reads a comment. Its result columns must be spelled out (no `SELECT *` over a table): a
 * prepared statement fails if a migration changes the shape of what it returns.
 */
export const MARCA_PREPARADA = '/* preparada */ ';
export const preparada = sql.raw(MARCA_PREPARADA);
