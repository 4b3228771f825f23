import { sql } from 'kysely';
import { registrarAuditoria, type Actor, type RegistroAuditoria } from '../auditoria/auditoria.ts';
import { registrarActividad } from '../clientes/actividad.ts';
import type { Conexion } from '../db/tipos.ts';
import { ErrorApp, reglaIncumplida } from '../http/errores.ts';
import { recalcularMetricas } from '../valor/metricas.ts';
import { recalcularPlanEquipos } from '../equipos/plan.ts';

type TablaServicio = 'equipos' | 'ordenes_trabajo' | 'pedidos_repuestos' | 'cotizaciones';
const COLUMNA_ID: Record<TablaServicio, string> = {
  equipos: 'id_equipo',
  ordenes_trabajo: 'id_orden',
  pedidos_repuestos: 'id_pedido',
  cotizaciones: 'id_cotizacion',
};
const NOMBRE: Record<TablaServicio, string> = {
  equipos: 'El equipo',
  ordenes_trabajo: 'La orden',
  pedidos_repuestos: 'El pedido',
  cotizaciones: 'La cotización',
};

/** A linked record must exist and belong to the same cliente (422 naming the field otherwise). */
export async function exigirDelCliente(
  trx: Conexion,
  tabla: TablaServicio,
  id: number | null | undefined,
  idCliente: number,
  campo: string,
) {
  if (id == null) return;
  const fila = (
    await sql<{
      id_cliente: number;
    }>`SELECT id_cliente FROM ${sql.table(tabla)} WHERE ${sql.ref(COLUMNA_ID[tabla])} = ${id}`.execute(trx)
  ).rows[0];
  if (!fila) throw reglaIncumplida([{ campo, mensaje: `${NOMBRE[tabla]} ${id} no existe.` }]);
  if (fila.id_cliente !== idCliente)
    throw reglaIncumplida([{ campo, mensaje: `${NOMBRE[tabla]} ${id} no es de este cliente.` }]);
}

export async function exigirClienteExiste(trx: Conexion, idCliente: number) {
  const c = await trx
    .selectFrom('clientes')
    .select('id_cliente')
    .where('id_cliente', '=', idCliente)
    .executeTakeFirst();
  if (!c) throw reglaIncumplida([{ campo: 'id_cliente', mensaje: `El cliente ${idCliente} no existe.` }]);
}

/**
 * The side effects of every service event, in the event's transaction (STYLE.md 10): the
 * cliente's activity (DOMAIN.md "activo"), its metrics and the audit record.
 */
export async function trasEventoDeServicio(
  trx: Conexion,
  actor: Actor,
  idCliente: number,
  fechaActividad: string | null,
  auditoria: RegistroAuditoria,
  idEquipo?: number | null,
) {
  if (idEquipo) await recalcularPlanEquipos(trx, { ids: [idEquipo] });
  if (fechaActividad) await registrarActividad(trx, idCliente, new Date(`${fechaActividad}T12:00:00-04:00`));
  await recalcularMetricas(trx, { ids: [idCliente] });
  await registrarAuditoria(trx, actor, { ...auditoria, id_cliente: idCliente });
}

/** Numbers that must be unique per table (orden, pedido, cotización): 409 naming the field. */
export function conflictoNumero(e: unknown, que: string): never {
  if ((e as { code?: string }).code === '23505') {
    throw new ErrorApp('CONFLICTO', `Ya existe ${que} con ese número`, `Ya existe ${que} con ese número; use otro.`, {
      errores: [{ campo: 'numero', mensaje: `Ya existe ${que} con ese número.` }],
    });
  }
  throw e;
}
