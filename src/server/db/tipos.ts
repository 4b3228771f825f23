import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** A connection or a transaction: every use case takes one of these first. */
export type Conexion = Kysely<Database> | Transaction<Database>;

/** Runs `fn` in a transaction (or inside the one already open). */
export async function enTransaccion<T>(db: Conexion, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<Database>);
  return (db as Kysely<Database>).transaction().execute(fn);
}
