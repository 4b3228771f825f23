import { sql } from 'kysely';
import { z } from 'zod';
import {
  decidirEnvio,
  REGLAS_POR_DEFECTO,
  VENTANA_DIAS,
  type Decision,
  type ReglasContacto,
} from '../../shared/contacto.ts';
import { registrarAuditoria, type Actor } from '../auditoria/auditoria.ts';
import { enTransaccion, type Conexion } from '../db/tipos.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';

/** The messages the cap and the quiet hours govern: the ones we start. Surveys answer a service. */
export const MOTIVOS_PROACTIVOS = ['campana', 'mantencion', 'saludo', 'inactividad'] as const;
/** A proactive message that is going out or went out counts; one held back does not (yet). */
const ESTADOS_QUE_CUENTAN = ['pendiente', 'enviado', 'respondido', 'fallido'] as const;
/** Personal contacts by the staff: never blocked, but they count (the customer was contacted). */
const TIPOS_PERSONALES = ['llamada', 'whatsapp', 'email', 'visita'] as const;

const hora = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use el formato HH:MM (por ejemplo 20:00).');
export const reglasContacto = z.strictObject({
  tope: z.number().int().min(1, 'El tope debe ser al menos 1 mensaje.').max(60),
  silencio: z.strictObject({ desde: hora, hasta: hora }).nullable(),
});

export async function leerReglas(db: Conexion): Promise<ReglasContacto> {
  const filas = await db
    .selectFrom('ajustes')
    .select(['clave', 'valor'])
    .where('clave', 'in', ['tope_contactos_30_dias', 'horario_silencio'])
    .execute();
  const valor = new Map(filas.map((f) => [f.clave, f.valor]));
  const tope = Number(valor.get('tope_contactos_30_dias'));
  const silencio = valor.has('horario_silencio')
    ? (valor.get('horario_silencio') as ReglasContacto['silencio'])
    : REGLAS_POR_DEFECTO.silencio;
  return { tope: Number.isInteger(tope) && tope > 0 ? tope : REGLAS_POR_DEFECTO.tope, silencio };
}

export async function obtenerReglas(db: Conexion, usuario: Usuario) {
  exigirRol(usuario, TODOS, 'ver las reglas de contacto');
  return leerReglas(db);
}

export async function guardarReglas(db: Conexion, usuario: Usuario, actor: Actor, reglas: ReglasContacto) {
  exigirRol(usuario, ['admin'], 'cambiar las reglas de contacto');
  await enTransaccion(db, async (trx) => {
    const antes = await leerReglas(trx);
    for (const [clave, valor] of [
      ['tope_contactos_30_dias', reglas.tope],
      ['horario_silencio', reglas.silencio],
    ] as const) {
      await sql`INSERT INTO ajustes (clave, valor) VALUES (${clave}, ${JSON.stringify(valor)})
                ON CONFLICT (clave) DO UPDATE SET valor = excluded.valor`.execute(trx);
    }
    await registrarAuditoria(trx, actor, {
      accion: 'editar',
      entidad: 'ajustes',
      id_entidad: 'contacto',
      detalle: { antes, despues: reglas },
    });
  });
  return leerReglas(db);
}

/**
 * The contacts of each customer from 30 days before `ahora` on: proactive messages going out or
 * gone (by when they went, or are due) and personal contacts logged by the staff.
 */
async function contactosRecientes(trx: Conexion, ids: number[], ahora: Date): Promise<Map<number, Date[]>> {
  const desde = new Date(ahora.getTime() - VENTANA_DIAS * 86_400_000);
  const r = await sql<{ id_cliente: number; fecha: Date }>`
    SELECT id_cliente, coalesce(enviado_en, programado_para) AS fecha FROM mensajes
    WHERE id_cliente = ANY(${sql.val(ids)}::int[]) AND motivo = ANY(${sql.val(MOTIVOS_PROACTIVOS)}::text[])
      AND estado = ANY(${sql.val(ESTADOS_QUE_CUENTAN)}::text[]) AND coalesce(enviado_en, programado_para) > ${desde}
    UNION ALL
    SELECT id_cliente, fecha FROM interacciones_cliente
    WHERE id_cliente = ANY(${sql.val(ids)}::int[]) AND origen = 'manual'
      AND tipo = ANY(${sql.val(TIPOS_PERSONALES)}::text[]) AND fecha > ${desde}`.execute(trx);
  const mapa = new Map<number, Date[]>();
  for (const f of r.rows) {
    const lista = mapa.get(f.id_cliente);
    if (lista) lista.push(new Date(f.fecha));
    else mapa.set(f.id_cliente, [new Date(f.fecha)]);
  }
  return mapa;
}

/**
 * Decides, for proactive messages about to be queued or released, which go now and which wait
 * and why. Runs under one transaction-scoped lock, so two campaigns sent at once (or two app
 * instances) see each other's messages and the cap holds.
 */
export async function decidirLote(trx: Conexion, mensajes: { id_cliente: number }[], ahora: Date): Promise<Decision[]> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('rancho:tope_contacto'))`.execute(trx);
  const reglas = await leerReglas(trx);
  const contactos = await contactosRecientes(trx, [...new Set(mensajes.map((m) => m.id_cliente))], ahora);
  return mensajes.map((m) => {
    const previos = contactos.get(m.id_cliente) ?? [];
    const decision = decidirEnvio(previos, ahora, reglas);
    // A message let through now counts for the next one to the same customer in this batch.
    if (decision.estado === 'pendiente' || decision.motivo_retencion?.startsWith('Horario'))
      contactos.set(m.id_cliente, [...previos, decision.programado_para]);
    return decision;
  });
}

/**
 * Releases the held-back messages whose time came, if the rules now allow them; the others get
 * their new time and reason. Runs every few minutes; SKIP LOCKED keeps two instances apart.
 */
export async function liberarRetenidos(db: Conexion, ahora: Date = new Date()): Promise<{ liberados: number }> {
  // A night's held reminders all come due at 08:00: go through them in batches of 500, one
  // transaction each, up to 20,000 per run.
  let liberados = 0;
  for (let lote = 0; lote < 40; lote++) {
    const r = await liberarLote(db, ahora);
    liberados += r.liberados;
    if (r.revisados < 500) break;
  }
  return { liberados };
}

async function liberarLote(db: Conexion, ahora: Date): Promise<{ liberados: number; revisados: number }> {
  return enTransaccion(db, async (trx) => {
    const retenidos = await sql<{ id_mensaje: number; id_cliente: number }>`
      SELECT id_mensaje, id_cliente FROM mensajes WHERE estado = 'retenido' AND programado_para <= ${ahora}
      ORDER BY programado_para, id_mensaje LIMIT 500 FOR UPDATE SKIP LOCKED`.execute(trx);
    if (retenidos.rows.length === 0) return { liberados: 0, revisados: 0 };
    const decisiones = await decidirLote(trx, retenidos.rows, ahora);
    // One statement for the whole batch: each message with its own decision.
    const filas = retenidos.rows.map((m, i) => {
      const d = decisiones[i]!;
      return sql`(${m.id_mensaje}::bigint, ${d.estado}, ${d.programado_para}::timestamptz, ${d.motivo_retencion}::text)`;
    });
    await sql`UPDATE mensajes m SET estado = d.estado, programado_para = d.programado_para, motivo_retencion = d.motivo
              FROM (VALUES ${sql.join(filas)}) AS d(id_mensaje, estado, programado_para, motivo)
              WHERE m.id_mensaje = d.id_mensaje`.execute(trx);
    const liberados = decisiones.filter((d) => d.estado === 'pendiente').length;
    return { liberados, revisados: retenidos.rows.length };
  });
}
