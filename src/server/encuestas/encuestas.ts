import crypto from 'node:crypto';
import { sql } from 'kysely';
import { formatearFecha, hoyEnSantiago } from '../../shared/formato.ts';
import { npsDeNota } from '../../shared/satisfaccion.ts';
import { digitosWhatsapp } from '../../shared/telefono.ts';
import { validarNotas, type RespuestaEncuesta } from '../../shared/encuestas.ts';
import { registrarAuditoria, type Actor } from '../auditoria/auditoria.ts';
import { registrarActividad } from '../clientes/actividad.ts';
import { encolarMensaje, consentimiento, tokenBaja } from '../comunicacion/mensajes.ts';
import { enTransaccion, type Conexion } from '../db/tipos.ts';
import { ErrorApp, noEncontrado, reglaIncumplida } from '../http/errores.ts';
import { exigirRol } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';
import { recalcularMetricas } from '../valor/metricas.ts';

const CREAR = ['admin', 'comercial'] as const;
const DIGITAR = ['admin', 'comercial', 'tecnico'] as const;
const DIA = 86_400_000;

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

async function ajusteNumero(db: Conexion, clave: string, defecto: number): Promise<number> {
  const r = await db.selectFrom('ajustes').select('valor').where('clave', '=', clave).executeTakeFirst();
  const n = Number(r?.valor);
  return Number.isFinite(n) && n > 0 ? n : defecto;
}

/** Lo que la encuesta dice del servicio: «la mantención preventiva de su tractor John Deere 6130J». */
async function describirServicio(db: Conexion, idOrden: number | null, idPedido: number | null): Promise<string> {
  if (idOrden) {
    const o = await db
      .selectFrom('ordenes_trabajo as o')
      .leftJoin('equipos as e', 'e.id_equipo', 'o.id_equipo')
      .select(['o.tipo', 'e.tipo as equipo', 'e.marca', 'e.modelo'])
      .where('o.id_orden', '=', idOrden)
      .executeTakeFirst();
    if (o) {
      const trabajo =
        o.tipo === 'preventiva'
          ? 'la mantención preventiva'
          : o.tipo === 'garantia'
            ? 'la atención en garantía'
            : 'la reparación';
      return o.equipo ? `${trabajo} de su ${o.equipo} ${o.marca}${o.modelo ? ` ${o.modelo}` : ''}` : trabajo;
    }
  }
  if (idPedido) return 'su pedido de repuestos';
  return 'nuestro servicio';
}

function textoIntro(plantilla: string, nombre: string, servicio: string): string {
  const primerNombre = nombre.split(' ')[0] ?? nombre;
  return plantilla.replaceAll('{nombre}', primerNombre).replaceAll('{servicio}', servicio);
}

/** Enlace público, mensaje y enlace de WhatsApp de una encuesta recién emitida. */
async function emitirToken(trx: Conexion, idEncuesta: number, publicUrl: string, diasVigencia: number) {
  const token = crypto.randomBytes(24).toString('base64url'); // 192 bits
  const expira = new Date(Date.now() + diasVigencia * DIA);
  await trx
    .updateTable('encuestas_satisfaccion')
    .set({ token_hash: hashToken(token), expira_en: expira, estado: 'enviada', enviada_en: new Date() })
    .where('id_encuesta', '=', idEncuesta)
    .execute();
  // A sent survey changes the response rate of the analysis: drop its stored summaries.
  await sql`DELETE FROM resumenes WHERE clave LIKE 'satisfaccion:%'`.execute(trx);
  return { token, enlace: `${publicUrl.replace(/\/$/, '')}/e/${token}`, expira_en: expira };
}

/**
 * Crea y envía una encuesta personalizada (desde una orden, un pedido o un cliente): por correo
 * queda en la cola de mensajes; por WhatsApp devuelve el enlace wa.me con el texto listo.
 */
export async function crearEncuesta(
  db: Conexion,
  usuario: Usuario,
  actor: Actor,
  entrada: { id_cliente?: number; id_orden?: number; id_pedido?: number; canal: 'email' | 'whatsapp' },
  publicUrl: string,
) {
  exigirRol(usuario, CREAR, 'enviar encuestas');
  return enTransaccion(db, async (trx) => {
    let idCliente = entrada.id_cliente;
    for (const [tabla, col, id] of [
      ['ordenes_trabajo', 'id_orden', entrada.id_orden],
      ['pedidos_repuestos', 'id_pedido', entrada.id_pedido],
    ] as const) {
      if (!id) continue;
      const r = (
        await sql<{
          id_cliente: number;
        }>`SELECT id_cliente FROM ${sql.table(tabla)} WHERE ${sql.ref(col)} = ${id}`.execute(trx)
      ).rows[0];
      if (!r)
        throw reglaIncumplida([
          { campo: col, mensaje: `${col === 'id_orden' ? 'La orden' : 'El pedido'} ${id} no existe.` },
        ]);
      if (idCliente && r.id_cliente !== idCliente)
        throw reglaIncumplida([{ campo: col, mensaje: `No es de este cliente.` }]);
      idCliente = r.id_cliente;
    }
    if (!idCliente)
      throw reglaIncumplida([{ campo: 'id_cliente', mensaje: 'Indique el cliente, la orden o el pedido.' }]);
    if (entrada.id_orden) {
      const ya = await trx
        .selectFrom('encuestas_satisfaccion')
        .select('id_encuesta')
        .where('id_orden', '=', entrada.id_orden)
        .executeTakeFirst();
      if (ya)
        throw new ErrorApp(
          'CONFLICTO',
          'Esa orden ya tiene encuesta',
          `La orden ${entrada.id_orden} ya tiene la encuesta ${ya.id_encuesta}.`,
        );
    }
    const { id_encuesta } = await trx
      .insertInto('encuestas_satisfaccion')
      .values({
        id_cliente: idCliente,
        id_orden: entrada.id_orden ?? null,
        id_pedido: entrada.id_pedido ?? null,
        fecha: hoyEnSantiago(),
        estado: 'pendiente',
        canal: entrada.canal,
      })
      .returning('id_encuesta')
      .executeTakeFirstOrThrow();
    const envio = await enviarEncuesta(trx, id_encuesta, publicUrl);
    await registrarAuditoria(trx, actor, {
      accion: 'crear',
      entidad: 'encuesta',
      id_entidad: id_encuesta,
      id_cliente: idCliente,
      detalle: { canal: entrada.canal },
    });
    return { id_encuesta, ...envio };
  });
}

/** Emite el token de una encuesta y prepara su mensaje (correo a la cola, o enlace de WhatsApp). */
async function enviarEncuesta(trx: Conexion, idEncuesta: number, publicUrl: string) {
  const e = await trx
    .selectFrom('encuestas_satisfaccion as s')
    .innerJoin('clientes as c', 'c.id_cliente', 's.id_cliente')
    .select(['s.id_cliente', 's.id_orden', 's.id_pedido', 's.canal', 'c.nombre', 'c.email', 'c.telefono'])
    .where('s.id_encuesta', '=', idEncuesta)
    .executeTakeFirstOrThrow();
  const plantilla = await trx
    .selectFrom('plantillas_encuesta')
    .select('introduccion')
    .where('activa', '=', true)
    .orderBy('id_plantilla')
    .executeTakeFirst();
  const servicio = await describirServicio(trx, e.id_orden, e.id_pedido);
  const intro = textoIntro(
    plantilla?.introduccion ?? 'Hola {nombre}, ¿cómo le fue con {servicio}?',
    e.nombre,
    servicio,
  );
  const { token, enlace, expira_en } = await emitirToken(
    trx,
    idEncuesta,
    publicUrl,
    await ajusteNumero(trx, 'dias_vigencia_encuesta', 30),
  );
  const texto = `${intro}\nSon 5 preguntas, menos de un minuto: ${enlace}`;
  const canal = e.canal === 'email' && e.email ? 'email' : 'whatsapp';
  let enlaceWhatsapp: string | null = null;
  if (canal === 'email') {
    if ((await consentimiento(trx, e.id_cliente, 'email')) !== false) {
      const baja = `${publicUrl.replace(/\/$/, '')}/api/public/baja/${await tokenBaja(trx, e.id_cliente, 'email')}`;
      await encolarMensaje(trx, {
        id_cliente: e.id_cliente,
        canal: 'email',
        motivo: 'encuesta',
        clave: `encuesta:${idEncuesta}:${hashToken(token).slice(0, 12)}`,
        destino: e.email,
        asunto: '¿Cómo le fue con nuestro servicio?',
        cuerpo: `${texto}\n\nLa encuesta vence el ${formatearFecha(expira_en)}.\n\nSi no desea recibir más correos nuestros: ${baja}`,
        enlace,
      });
    }
  } else if (e.telefono) {
    enlaceWhatsapp = `https://wa.me/${digitosWhatsapp(e.telefono)}?text=${encodeURIComponent(texto)}`;
  }
  return { enlace, token, expira_en: expira_en.toISOString(), texto, canal, enlace_whatsapp: enlaceWhatsapp };
}

/**
 * Al cerrarse una orden (terminada o entregada) se programa su encuesta para N días después
 * (ajuste `dias_envio_encuesta`, 2 por defecto), una sola vez por orden aunque se cierre dos veces.
 */
export async function programarEncuestaDeOrden(trx: Conexion, idOrden: number): Promise<boolean> {
  const o = await trx
    .selectFrom('ordenes_trabajo')
    .select(['id_cliente', 'estado', 'fecha_cierre'])
    .where('id_orden', '=', idOrden)
    .executeTakeFirst();
  if (!o || !['terminada', 'entregada'].includes(o.estado)) return false;
  const dias = await ajusteNumero(trx, 'dias_envio_encuesta', 2);
  const cierre = o.fecha_cierre ?? hoyEnSantiago();
  const enviarEn = new Date(Date.parse(`${cierre}T10:00:00-03:00`) + dias * DIA);
  const r = await trx
    .insertInto('encuestas_satisfaccion')
    .values({
      id_cliente: o.id_cliente,
      id_orden: idOrden,
      fecha: cierre,
      estado: 'pendiente',
      enviar_en: enviarEn,
      canal: 'email',
    })
    .onConflict((oc) => oc.column('id_orden').doNothing())
    .returning('id_encuesta')
    .executeTakeFirst();
  return Boolean(r);
}

/** Envía las encuestas programadas que ya vencieron su espera; idempotente (cada una una vez). */
export async function enviarEncuestasProgramadas(
  db: Conexion,
  publicUrl: string,
  ahora: Date = new Date(),
): Promise<number> {
  const debidas = await db
    .selectFrom('encuestas_satisfaccion')
    .select('id_encuesta')
    .where('estado', '=', 'pendiente')
    .where('enviar_en', '<=', ahora)
    .orderBy('enviar_en')
    .limit(500)
    .execute();
  let enviadas = 0;
  for (const { id_encuesta } of debidas) {
    const hecho = await enTransaccion(db, async (trx) => {
      // Re-check under lock: another worker may have sent it meanwhile.
      const e = await trx
        .selectFrom('encuestas_satisfaccion')
        .select('estado')
        .where('id_encuesta', '=', id_encuesta)
        .forUpdate()
        .executeTakeFirst();
      if (e?.estado !== 'pendiente') return false;
      await enviarEncuesta(trx, id_encuesta, publicUrl);
      return true;
    });
    if (hecho) enviadas++;
  }
  return enviadas;
}

/** Lo que ve el cliente al abrir el enlace (sin sesión): no revela nada fuera de su propia encuesta. */
export async function encuestaPublica(db: Conexion, token: string) {
  const e = await db
    .selectFrom('encuestas_satisfaccion as s')
    .innerJoin('clientes as c', 'c.id_cliente', 's.id_cliente')
    .select(['s.id_encuesta', 's.estado', 's.expira_en', 's.id_orden', 's.id_pedido', 'c.nombre'])
    .where('s.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!e)
    throw new ErrorApp(
      'NO_ENCONTRADO',
      'Encuesta no encontrada',
      'El enlace no corresponde a ninguna encuesta. Revise que esté completo.',
    );
  if (e.estado === 'respondida')
    throw new ErrorApp('CONFLICTO', 'Ya respondió esta encuesta', 'Ya recibimos su respuesta. ¡Muchas gracias!');
  if (!e.expira_en || e.expira_en.getTime() < Date.now()) {
    throw new ErrorApp(
      'REGLA',
      'La encuesta venció',
      `Esta encuesta venció el ${formatearFecha(e.expira_en ?? new Date())}. Si quiere darnos su opinión, llámenos.`,
      {
        extra: { vencida: true },
      },
    );
  }
  const plantilla = await db
    .selectFrom('plantillas_encuesta')
    .select(['introduccion', 'pregunta_extra'])
    .where('activa', '=', true)
    .orderBy('id_plantilla')
    .executeTakeFirst();
  const servicio = await describirServicio(db, e.id_orden, e.id_pedido);
  return {
    introduccion: textoIntro(
      plantilla?.introduccion ?? 'Hola {nombre}, ¿cómo le fue con {servicio}?',
      e.nombre,
      servicio,
    ),
    pregunta_extra: plantilla?.pregunta_extra ?? null,
    vence: formatearFecha(e.expira_en),
  };
}

/** Guarda la respuesta y, si es de un detractor, abre el seguimiento y la alerta (lazo cerrado). */
async function guardarRespuesta(
  trx: Conexion,
  idEncuesta: number,
  idCliente: number,
  r: RespuestaEncuesta,
  ahora: Date,
) {
  await registrarActividad(trx, idCliente, ahora);
  await recalcularMetricas(trx, { ids: [idCliente] });
  await sql`DELETE FROM resumenes WHERE clave LIKE 'satisfaccion:%' OR clave LIKE 'kpis:%'`.execute(trx);
  if (npsDeNota(r.puntuacion_general) !== -1) return;
  const c = await trx
    .selectFrom('clientes')
    .select(['id_responsable', 'nombre'])
    .where('id_cliente', '=', idCliente)
    .executeTakeFirstOrThrow();
  // Without a responsable the follow-up goes to an admin (or a comercial): it must land in someone's inbox.
  const respaldo = await trx
    .selectFrom('usuarios')
    .select('id_usuario')
    .where('rol', 'in', ['admin', 'comercial'])
    .where('activo', '=', true)
    .orderBy(sql`rol = 'admin'`, 'desc')
    .orderBy('id_usuario')
    .executeTakeFirst();
  const responsable = c.id_responsable ?? respaldo?.id_usuario ?? null;
  const manana = new Date(Date.parse(`${hoyEnSantiago(ahora)}T12:00:00Z`) + DIA).toISOString().slice(0, 10);
  await trx
    .insertInto('interacciones_cliente')
    .values({
      id_cliente: idCliente,
      fecha: ahora,
      tipo: 'otro',
      motivo: `Encuesta con nota ${r.puntuacion_general}/10: llamar al cliente`,
      descripcion: r.comentarios ? `Comentario del cliente: «${r.comentarios}»` : 'El cliente no dejó comentario.',
      seguimiento_requerido: true,
      fecha_seguimiento: manana,
      id_responsable_seguimiento: responsable,
      origen: 'encuesta',
    })
    .execute();
  await trx
    .insertInto('alertas')
    .values({
      id_cliente: idCliente,
      id_usuario: responsable,
      tipo: 'detractor',
      clave: `detractor:${idEncuesta}`,
      titulo: `${c.nombre} respondió la encuesta con ${r.puntuacion_general}/10`,
      detalle: r.comentarios ?? null,
      fecha: hoyEnSantiago(ahora),
    })
    .onConflict((oc) => oc.column('clave').doNothing())
    .execute();
}

/** Responder por el enlace: una sola vez y antes de que venza (el UPDATE condicional lo garantiza). */
export async function responderEncuesta(db: Conexion, token: string, r: RespuestaEncuesta) {
  const errores = validarNotas(r);
  if (errores.length) throw reglaIncumplida(errores);
  const ahora = new Date();
  return enTransaccion(db, async (trx) => {
    const fila = await trx
      .updateTable('encuestas_satisfaccion')
      .set({
        ...r,
        comentarios: r.comentarios?.trim() || null,
        respuesta_extra: r.respuesta_extra?.trim() || null,
        estado: 'respondida',
        respondida_en: ahora,
        fecha: hoyEnSantiago(ahora),
      })
      .where('token_hash', '=', hashToken(token))
      .where('estado', 'in', ['pendiente', 'enviada'])
      .where('expira_en', '>', ahora)
      .returning(['id_encuesta', 'id_cliente'])
      .executeTakeFirst();
    if (!fila) await encuestaPublica(trx, token); // throws the precise reason: unknown, answered or expired
    await guardarRespuesta(trx, fila!.id_encuesta, fila!.id_cliente, r, ahora);
    return { mensaje: '¡Gracias! Recibimos su respuesta.' };
  });
}

/** Una encuesta contestada por teléfono o en persona, digitada por el personal. */
export async function digitarEncuesta(
  db: Conexion,
  usuario: Usuario,
  actor: Actor,
  e: RespuestaEncuesta & {
    id_cliente: number;
    id_orden?: number;
    id_pedido?: number;
    canal: 'telefono' | 'presencial';
    fecha?: string;
  },
) {
  exigirRol(usuario, DIGITAR, 'registrar encuestas');
  const errores = validarNotas(e);
  if (errores.length) throw reglaIncumplida(errores);
  const ahora = new Date();
  return enTransaccion(db, async (trx) => {
    const c = await trx
      .selectFrom('clientes')
      .select('id_cliente')
      .where('id_cliente', '=', e.id_cliente)
      .executeTakeFirst();
    if (!c) throw noEncontrado(`El cliente ${e.id_cliente}`);
    const { id_cliente, id_orden, id_pedido, canal, fecha, ...respuesta } = e;
    for (const [tabla, col, id] of [
      ['ordenes_trabajo', 'id_orden', id_orden],
      ['pedidos_repuestos', 'id_pedido', id_pedido],
    ] as const) {
      if (!id) continue;
      const r = (
        await sql<{
          id_cliente: number;
        }>`SELECT id_cliente FROM ${sql.table(tabla)} WHERE ${sql.ref(col)} = ${id}`.execute(trx)
      ).rows[0];
      if (r?.id_cliente !== id_cliente)
        throw reglaIncumplida([{ campo: col, mensaje: 'No existe o no es de este cliente.' }]);
    }
    const creada = await trx
      .insertInto('encuestas_satisfaccion')
      .values({
        ...respuesta,
        id_cliente,
        id_orden: id_orden ?? null,
        id_pedido: id_pedido ?? null,
        canal,
        estado: 'respondida',
        fecha: fecha ?? hoyEnSantiago(),
        respondida_en: ahora,
      })
      .returning('id_encuesta')
      .executeTakeFirstOrThrow()
      .catch((err: unknown) => {
        if ((err as { code?: string }).code === '23505')
          throw new ErrorApp('CONFLICTO', 'Esa orden ya tiene encuesta', 'La orden ya tiene una encuesta registrada.');
        throw err;
      });
    await guardarRespuesta(trx, creada.id_encuesta, id_cliente, respuesta, ahora);
    await registrarAuditoria(trx, actor, {
      accion: 'crear',
      entidad: 'encuesta',
      id_entidad: creada.id_encuesta,
      id_cliente,
      detalle: { canal },
    });
    return { id_encuesta: creada.id_encuesta };
  });
}
