import { registrarAuditoria, type Actor } from '../auditoria/auditoria.ts';
import { enTransaccion, type Conexion } from '../db/tipos.ts';
import { noEncontrado } from '../http/errores.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';
import { leerTokenBaja, type Canal } from './mensajes.ts';

const CANALES: Canal[] = ['email', 'whatsapp', 'sms'];

/** Consent per channel (latest decision) and its full history, with date and source. */
export async function consentimientosCliente(db: Conexion, usuario: Usuario, idCliente: number) {
  exigirRol(usuario, TODOS, 'ver consentimientos');
  const c = await db.selectFrom('clientes').select('id_cliente').where('id_cliente', '=', idCliente).executeTakeFirst();
  if (!c) throw noEncontrado(`El cliente ${idCliente}`);
  const historia = await db
    .selectFrom('consentimientos as k')
    .leftJoin('usuarios as u', 'u.id_usuario', 'k.id_usuario')
    .select(['k.id_consentimiento', 'k.canal', 'k.otorgado', 'k.fecha', 'k.fuente', 'u.nombre as usuario'])
    .where('k.id_cliente', '=', idCliente)
    .orderBy('k.fecha', 'desc')
    .orderBy('k.id_consentimiento', 'desc')
    .execute();
  return {
    vigente: Object.fromEntries(
      CANALES.map((canal) => {
        const u = historia.find((h) => h.canal === canal);
        return [canal, u ? { otorgado: u.otorgado, fecha: u.fecha.toISOString(), fuente: u.fuente } : null];
      }),
    ),
    historia: historia.map((h) => ({ ...h, fecha: h.fecha.toISOString() })),
  };
}

export async function registrarConsentimiento(
  db: Conexion,
  usuario: Usuario | null,
  actor: Actor,
  idCliente: number,
  d: { canal: Canal; otorgado: boolean; fuente: string },
) {
  if (usuario) exigirRol(usuario, ['admin', 'comercial', 'tecnico'], 'registrar consentimientos');
  await enTransaccion(db, async (trx) => {
    const c = await trx
      .selectFrom('clientes')
      .select('id_cliente')
      .where('id_cliente', '=', idCliente)
      .executeTakeFirst();
    if (!c) throw noEncontrado(`El cliente ${idCliente}`);
    await trx
      .insertInto('consentimientos')
      .values({
        id_cliente: idCliente,
        canal: d.canal,
        otorgado: d.otorgado,
        fuente: d.fuente,
        id_usuario: usuario?.id_usuario ?? null,
      })
      .execute();
    if (!d.otorgado) {
      // A withdrawal, from the ficha or from a link, also stops what was already queued on that channel.
      await trx
        .updateTable('mensajes')
        .set({ estado: 'omitido', error: 'El cliente retiró su consentimiento' })
        .where('id_cliente', '=', idCliente)
        .where('canal', '=', d.canal)
        .where('estado', 'in', ['pendiente', 'fallido'])
        .execute();
    }
    await registrarAuditoria(trx, actor, {
      accion: d.otorgado ? 'consentir' : 'revocar',
      entidad: 'consentimiento',
      id_cliente: idCliente,
      detalle: d,
    });
  });
}

/** Opt-out from an email link: no login, signed token; records the revocation once. */
export async function darseDeBaja(db: Conexion, token: string, ip: string | null): Promise<{ canal: Canal } | null> {
  const datos = await leerTokenBaja(db, token);
  if (!datos) return null;
  await registrarConsentimiento(db, null, { id_usuario: null, ip }, datos.id_cliente, {
    canal: datos.canal,
    otorgado: false,
    fuente: 'enlace de baja en correo',
  });
  return { canal: datos.canal };
}
