import { sql } from 'kysely';
import type { BloqueoEntrada } from '../../shared/privacidad.ts';
import { registrarAuditoria, type Actor } from '../auditoria/auditoria.ts';
import { obtenerCliente } from '../clientes/clientes.ts';
import { enTransaccion, type Conexion } from '../db/tipos.ts';
import { ErrorApp, noEncontrado } from '../http/errores.ts';
import { exigirRol } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';
import { ADMIN, permitirPrivacidad } from './politicas.ts';
import { cerrarSolicitudEn } from './solicitudes.ts';

/**
 * Bloquea o desbloquea el tratamiento de los datos de un cliente (Ley 21.719). Bloqueado, la base
 * rechaza toda escritura sobre él (migración 0011) y los mensajes que esperaban en la cola no salen.
 */
export async function cambiarBloqueo(
  db: Conexion,
  usuario: Usuario,
  actor: Actor,
  id: number,
  entrada: BloqueoEntrada,
) {
  exigirRol(usuario, ADMIN, entrada.bloquear ? 'bloquear clientes' : 'desbloquear clientes');
  await enTransaccion(db, async (trx) => {
    await permitirPrivacidad(trx);
    const actual = await trx
      .selectFrom('clientes')
      .select(['bloqueado', 'anonimizado'])
      .where('id_cliente', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!actual) throw noEncontrado(`El cliente ${id}`);
    if (actual.anonimizado)
      throw new ErrorApp(
        'REGLA',
        'Cliente anonimizado',
        'Los datos de este cliente ya fueron suprimidos: no hay nada que bloquear ni desbloquear.',
      );
    if (actual.bloqueado === entrada.bloquear) {
      throw new ErrorApp(
        'CONFLICTO',
        entrada.bloquear ? 'El cliente ya está bloqueado' : 'El cliente no está bloqueado',
        'Recargue la ficha para ver su estado actual.',
      );
    }
    await trx
      .updateTable('clientes')
      .set({ bloqueado: entrada.bloquear, version: sql`version + 1`, actualizado_en: new Date() })
      .where('id_cliente', '=', id)
      .execute();
    let detenidos = 0;
    if (entrada.bloquear) {
      // A blocked cliente is not contacted: what was already queued stays unsent.
      const r = await trx
        .updateTable('mensajes')
        .set({ estado: 'omitido', error: 'Cliente bloqueado (Ley 21.719)' })
        .where('id_cliente', '=', id)
        .where('estado', 'in', ['pendiente', 'fallido', 'retenido'])
        .executeTakeFirst();
      detenidos = Number(r.numUpdatedRows);
    }
    await registrarAuditoria(trx, actor, {
      accion: entrada.bloquear ? 'bloquear' : 'desbloquear',
      entidad: 'cliente',
      id_entidad: id,
      id_cliente: id,
      detalle: {
        cambios: { bloqueado: [!entrada.bloquear, entrada.bloquear] },
        ...(entrada.motivo ? { motivo: entrada.motivo } : {}),
        ...(entrada.bloquear ? { mensajes_detenidos: detenidos } : {}),
      },
    });
    if (entrada.id_solicitud)
      await cerrarSolicitudEn(trx, usuario, actor, entrada.id_solicitud, { estado: 'cumplida' }, id);
  });
  return obtenerCliente(db, usuario, id);
}
