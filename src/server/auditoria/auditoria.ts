import type { Conexion } from '../db/tipos.ts';

/** Who does something: the signed-in user and the request's address. */
export interface Actor {
  id_usuario: number | null;
  ip: string | null;
}

export interface RegistroAuditoria {
  accion: string;
  entidad: string;
  id_entidad?: string | number | null;
  id_cliente?: number | null;
  detalle?: Record<string, unknown> | null;
}

/** Writes one audit row; call it inside the transaction that made the change. */
export async function registrarAuditoria(trx: Conexion, actor: Actor, registro: RegistroAuditoria): Promise<void> {
  await trx
    .insertInto('auditoria')
    .values({
      id_usuario: actor.id_usuario,
      ip: actor.ip,
      accion: registro.accion,
      entidad: registro.entidad,
      id_entidad: registro.id_entidad == null ? null : String(registro.id_entidad),
      id_cliente: registro.id_cliente ?? null,
      detalle: registro.detalle ? JSON.stringify(registro.detalle) : null,
    })
    .execute();
}

/** The fields that changed between two versions of a record: `{campo: [antes, después]}`. */
export function diferencias(
  antes: Record<string, unknown>,
  despues: Record<string, unknown>,
): Record<string, [unknown, unknown]> {
  const cambios: Record<string, [unknown, unknown]> = {};
  for (const [campo, nuevo] of Object.entries(despues)) {
    const viejo = antes[campo];
    const a = viejo instanceof Date ? viejo.toISOString() : viejo;
    const b = nuevo instanceof Date ? nuevo.toISOString() : nuevo;
    if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) cambios[campo] = [a ?? null, b ?? null];
  }
  return cambios;
}
