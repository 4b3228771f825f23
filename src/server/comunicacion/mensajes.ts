import crypto from 'node:crypto';
import { sql } from 'kysely';
import { registrarActividad } from '../clientes/actividad.ts';
import type { Transporte } from '../correo/correo.ts';
import { enTransaccion, type Conexion } from '../db/tipos.ts';
import { decidirLote, MOTIVOS_PROACTIVOS } from './tope.ts';
import { noEncontrado } from '../http/errores.ts';

export type Canal = 'email' | 'whatsapp' | 'sms';

export interface MensajeNuevo {
  id_cliente: number;
  canal: Canal;
  /** campana, mantencion, saludo, encuesta, inactividad… */
  motivo: string;
  /** motivo + fecha + destinatario: the same message is never queued twice (DOMAIN.md). */
  clave: string;
  destino: string | null;
  asunto?: string | null;
  cuerpo: string;
  enlace?: string | null;
  id_campana?: number | null;
  programado_para?: Date;
}

/** Whether the contact cap and quiet hours govern a message (the ones we start, not surveys). */
const esProactivo = (m: MensajeNuevo) => (MOTIVOS_PROACTIVOS as readonly string[]).includes(m.motivo);

/** The row of a message, held back with its reason when the contact rules say so. */
async function filas(trx: Conexion, mensajes: MensajeNuevo[], ahora: Date) {
  const proactivos = mensajes.filter(esProactivo);
  const decisiones = proactivos.length ? await decidirLote(trx, proactivos, ahora) : [];
  const decision = new Map(proactivos.map((m, i) => [m, decisiones[i]!]));
  return mensajes.map((m) => {
    const d = decision.get(m);
    return {
      id_cliente: m.id_cliente,
      canal: m.canal,
      motivo: m.motivo,
      clave: m.clave,
      destino: m.destino,
      asunto: m.asunto ?? null,
      cuerpo: m.cuerpo,
      enlace: m.enlace ?? null,
      id_campana: m.id_campana ?? null,
      ...(d ? { estado: d.estado, programado_para: d.programado_para, motivo_retencion: d.motivo_retencion } : {}),
      ...(m.programado_para && !d ? { programado_para: m.programado_para } : {}),
    };
  });
}

/**
 * Queues many messages in one statement per thousand; returns how many were new (the rest had
 * used keys). Proactive ones go through the contact cap and quiet hours (tope.ts).
 */
export async function encolarMensajes(db: Conexion, mensajes: MensajeNuevo[], ahora = new Date()): Promise<number> {
  return enTransaccion(db, async (trx) => {
    let nuevos = 0;
    for (let i = 0; i < mensajes.length; i += 1000) {
      const lote = await filas(trx, mensajes.slice(i, i + 1000), ahora);
      if (lote.length === 0) continue;
      const r = await trx
        .insertInto('mensajes')
        .values(lote as never)
        .onConflict((oc) => oc.column('clave').doNothing())
        .executeTakeFirst();
      nuevos += Number(r.numInsertedOrUpdatedRows ?? 0);
    }
    return nuevos;
  });
}

/** Queues one message (in the caller's transaction, if any); null when its key was already used. */
export async function encolarMensaje(db: Conexion, m: MensajeNuevo, ahora = new Date()): Promise<number | null> {
  return enTransaccion(db, async (trx) => {
    const [fila] = await filas(trx, [m], ahora);
    const r = await trx
      .insertInto('mensajes')
      .values(fila as never)
      .onConflict((oc) => oc.column('clave').doNothing())
      .returning('id_mensaje')
      .executeTakeFirst();
    return r?.id_mensaje ?? null;
  });
}

/** Latest consent of a cliente for a channel: true, false (opted out) or null (never asked). */
export async function consentimiento(db: Conexion, idCliente: number, canal: Canal): Promise<boolean | null> {
  const r = await db
    .selectFrom('consentimientos')
    .select('otorgado')
    .where('id_cliente', '=', idCliente)
    .where('canal', '=', canal)
    .orderBy('fecha', 'desc')
    .orderBy('id_consentimiento', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? r.otorgado : null;
}

/** The secret that signs opt-out links: created once per database, shared by every instance. */
async function secreto(db: Conexion): Promise<string> {
  const nuevo = crypto.randomBytes(32).toString('hex');
  await sql`INSERT INTO ajustes (clave, valor) VALUES ('secreto_enlaces', ${JSON.stringify(nuevo)}) ON CONFLICT (clave) DO NOTHING`.execute(
    db,
  );
  const r = await db
    .selectFrom('ajustes')
    .select('valor')
    .where('clave', '=', 'secreto_enlaces')
    .executeTakeFirstOrThrow();
  return r.valor as string;
}

/** Opt-out link token `<id>.<canal>.<firma>`: works without login, cannot be forged for another cliente. */
export async function tokenBaja(db: Conexion, idCliente: number, canal: Canal): Promise<string> {
  return firmarBaja(await secreto(db), idCliente, canal);
}

/** The same token with the secret already read (for batches: one read, many links). */
export function firmarBaja(clave: string, idCliente: number, canal: Canal): string {
  const firma = crypto.createHmac('sha256', clave).update(`${idCliente}.${canal}`).digest('base64url').slice(0, 32);
  return `${idCliente}.${canal}.${firma}`;
}

/** The secret that signs opt-out links, for callers that sign many. */
export const secretoBaja = secreto;

export async function leerTokenBaja(db: Conexion, token: string): Promise<{ id_cliente: number; canal: Canal } | null> {
  const m = /^(\d{1,10})\.(email|whatsapp|sms)\.([\w-]{32})$/.exec(token);
  if (!m) return null;
  const esperado = await tokenBaja(db, Number(m[1]), m[2] as Canal);
  const ok = esperado.length === token.length && crypto.timingSafeEqual(Buffer.from(esperado), Buffer.from(token));
  return ok ? { id_cliente: Number(m[1]), canal: m[2] as Canal } : null;
}

const MAX_INTENTOS = 5;
const ARRIENDO_MS = 5 * 60_000;

/**
 * Sends the due email messages. Each batch is claimed by pushing its `programado_para` forward
 * (a lease) with SKIP LOCKED, so two workers or two servers never take the same message; a sent
 * message becomes an interacción of its cliente (DOMAIN.md); a failure keeps the reason and is
 * retried with back-off, up to 5 attempts. Without SMTP the message goes to the in-app outbox.
 */
export async function procesarMensajes(
  db: Conexion,
  transporte: Transporte | null,
  opciones: { limite?: number; ahora?: Date } = {},
): Promise<{ enviados: number; fallidos: number }> {
  const ahora = opciones.ahora ?? new Date();
  const tomados = await sql<{
    id_mensaje: number;
    id_cliente: number;
    destino: string | null;
    asunto: string | null;
    cuerpo: string;
    motivo: string;
    intentos: number;
  }>`
    UPDATE mensajes SET programado_para = ${new Date(ahora.getTime() + ARRIENDO_MS)}, intentos = intentos + 1
    WHERE id_mensaje IN (
      SELECT id_mensaje FROM mensajes
      WHERE canal = 'email' AND estado IN ('pendiente', 'fallido') AND intentos < ${MAX_INTENTOS} AND programado_para <= ${ahora}
      ORDER BY programado_para, id_mensaje
      LIMIT ${opciones.limite ?? 200}
      FOR UPDATE SKIP LOCKED)
    RETURNING id_mensaje, id_cliente, destino, asunto, cuerpo, motivo, intentos`.execute(db);
  let enviados = 0;
  let fallidos = 0;
  // Talk to the SMTP server a few messages at a time; record the outcomes one by one.
  const resultados: (string | null)[] = [];
  for (let i = 0; i < tomados.rows.length; i += 8) {
    resultados.push(
      ...(await Promise.all(
        tomados.rows.slice(i, i + 8).map(async (m) => {
          if (!m.destino) return 'El cliente no tiene correo.';
          if (!transporte) return null;
          try {
            await transporte({ para: m.destino, asunto: m.asunto ?? 'Rancho', texto: m.cuerpo });
            return null;
          } catch (e) {
            return `No se pudo enviar: ${(e as Error).message}`.slice(0, 500);
          }
        }),
      )),
    );
  }
  for (const [i, m] of tomados.rows.entries()) {
    const error = resultados[i];
    if (error) {
      fallidos++;
      const espera = Math.min(2 ** m.intentos, 60) * 60_000;
      await db
        .updateTable('mensajes')
        .set({ estado: 'fallido', error, programado_para: new Date(ahora.getTime() + espera) })
        .where('id_mensaje', '=', m.id_mensaje)
        .execute();
      continue;
    }
    enviados++;
    await marcarEnviado(db, m.id_mensaje, transporte ? 'smtp' : 'bandeja', ahora);
  }
  return { enviados, fallidos };
}

/** Marks a message sent and records it as an interacción of its cliente, in one transaction. */
export async function marcarEnviado(
  db: Conexion,
  idMensaje: number,
  via: 'smtp' | 'bandeja' | 'enlace',
  ahora: Date = new Date(),
  idUsuario: number | null = null,
) {
  await enTransaccion(db, async (trx) => {
    const m = await trx
      .selectFrom('mensajes')
      .select(['id_cliente', 'canal', 'motivo', 'asunto', 'cuerpo', 'estado'])
      .where('id_mensaje', '=', idMensaje)
      .forUpdate()
      .executeTakeFirst();
    if (!m) throw noEncontrado(`El mensaje ${idMensaje}`);
    if (m.estado === 'enviado') return;
    const { id_interaccion } = await trx
      .insertInto('interacciones_cliente')
      .values({
        id_cliente: m.id_cliente,
        fecha: ahora,
        tipo: m.canal === 'email' ? 'email' : m.canal === 'whatsapp' ? 'whatsapp' : 'otro',
        motivo: m.asunto ?? `Mensaje: ${m.motivo}`,
        descripcion: m.cuerpo.slice(0, 5000),
        resultado: via === 'bandeja' ? 'En la bandeja de salida (sin servidor de correo configurado)' : 'Enviado',
        origen: m.motivo === 'campana' ? 'campana' : m.motivo,
        id_usuario: idUsuario,
      })
      .returning('id_interaccion')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('mensajes')
      .set({ estado: 'enviado', enviado_en: ahora, via, error: null, id_interaccion })
      .where('id_mensaje', '=', idMensaje)
      .execute();
    await registrarActividad(trx, m.id_cliente, ahora, { esContacto: true });
  });
}
