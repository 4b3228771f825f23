import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Rol } from '../usuarios/usuarios.table.ts';

// Políticas del módulo (STYLE.md 9): los derechos del titular (exportar sus datos, bloquear,
// anonimizar, registrar y cerrar solicitudes) y la auditoría son solo del administrador.
export const ADMIN: readonly Rol[] = ['admin'];

/**
 * Abre, solo para esta transacción, la puerta que los disparadores de la migración 0011 cierran:
 * escribir sobre un cliente bloqueado o anonimizado y, con `auditoria`, suprimir datos personales
 * del detalle de la auditoría. Solo la usan el bloqueo y la anonimización.
 */
export async function permitirPrivacidad(trx: Transaction<Database>, { auditoria = false } = {}): Promise<void> {
  await sql`SELECT set_config('rancho.privacidad', 'on', true)`.execute(trx);
  if (auditoria) await sql`SELECT set_config('rancho.anonimizando', 'on', true)`.execute(trx);
}
