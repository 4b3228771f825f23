import { sql } from 'kysely';
import { z } from 'zod';
import { restarMeses } from '../../shared/actividad.ts';
import { formatearFecha, hoyEnSantiago } from '../../shared/formato.ts';
import { filtrosClientes } from '../../shared/listas.ts';
import { completarPlantilla, variablesDesconocidas } from '../../shared/plantillas.ts';
import { digitosWhatsapp } from '../../shared/telefono.ts';
import { registrarAuditoria, type Actor } from '../auditoria/auditoria.ts';
import { idsClientesFiltrados } from '../clientes/clientes.consultas.ts';
import { enTransaccion, type Conexion } from '../db/tipos.ts';
import { ErrorApp, noEncontrado, reglaIncumplida } from '../http/errores.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';
import { encolarMensajes, firmarBaja, secretoBaja, type Canal } from './mensajes.ts';

const ESCRIBIR = ['admin', 'comercial'] as const;

/** Who receives a campaign: the customer list's filters plus inactivity, machine age or an explicit list. */
export const destinatariosCampana = z.strictObject({
  ...filtrosClientes.omit({ limit: true, offset: true, orden: true }).shape,
  inactivo_meses: z.coerce.number().int().min(1).max(120).optional(),
  antiguedad_equipo_min: z.coerce.number().int().min(1).max(80).optional(),
  ids: z.array(z.number().int().positive()).max(100_000).optional(),
});
export type DestinatariosCampana = z.infer<typeof destinatariosCampana>;

export const nuevaCampana = z.strictObject({
  nombre: z.string().trim().min(1).max(120),
  /** `preferido`: each customer on the channel they prefer (WhatsApp first when they prefer a call or a visit). */
  canal: z.enum(['preferido', 'email', 'whatsapp']).default('preferido'),
  asunto: z.string().max(200).nullish(),
  cuerpo: z.string().min(1).max(5000),
  tipo: z.enum(['general', 'reactivacion']).default('general'),
  dias_conversion: z.number().int().min(1).max(365).default(60),
  filtros: destinatariosCampana,
});

interface Destinatario {
  id_cliente: number;
  nombre: string;
  canal: Canal;
  destino: string | null;
  incluido: boolean;
  motivo_exclusion: string | null;
  variables: Record<string, string | null>;
}

/**
 * The recipients of a campaign with, for each, whether it can be contacted on the channel: explicit
 * consent for that channel is required (Ley 21.719, DOMAIN.md "Consent"), as is a mail or phone.
 */
export async function previsualizarDestinatarios(
  db: Conexion,
  canal: Canal | 'preferido',
  filtros: DestinatariosCampana,
  hoy: string = hoyEnSantiago(),
): Promise<Destinatario[]> {
  const { ids, inactivo_meses, antiguedad_equipo_min, ...deLista } = filtros;
  let candidatos = ids ?? (await idsClientesFiltrados(db, deLista));
  if (candidatos.length === 0) return [];
  const extra = [
    inactivo_meses
      ? sql`AND (c.ultimo_contacto IS NULL OR (c.ultimo_contacto AT TIME ZONE 'America/Santiago')::date <= ${restarMeses(hoy, inactivo_meses)}::date)`
      : sql``,
    antiguedad_equipo_min
      ? sql`AND EXISTS (SELECT 1 FROM equipos e WHERE e.id_cliente = c.id_cliente AND e.activo AND e.anio <= ${Number(hoy.slice(0, 4)) - antiguedad_equipo_min})`
      : sql``,
  ];
  const filas = await sql<{
    id_cliente: number;
    nombre: string;
    email: string | null;
    telefono: string | null;
    comuna: string | null;
    tipo_persona: string | null;
    bloqueado: boolean;
    anonimizado: boolean;
    canal_preferido: string | null;
    consentido_email: boolean | null;
    consentido_whatsapp: boolean | null;
    equipos: string | null;
    equipo: string | null;
    ultima_mantencion: string | null;
  }>`
    SELECT c.id_cliente, c.nombre, c.email, c.telefono, c.comuna, c.tipo_persona, c.bloqueado, c.anonimizado, c.canal_preferido,
           (SELECT k.otorgado FROM consentimientos k WHERE k.id_cliente = c.id_cliente AND k.canal = 'email'
             ORDER BY k.fecha DESC, k.id_consentimiento DESC LIMIT 1) AS consentido_email,
           (SELECT k.otorgado FROM consentimientos k WHERE k.id_cliente = c.id_cliente AND k.canal = 'whatsapp'
             ORDER BY k.fecha DESC, k.id_consentimiento DESC LIMIT 1) AS consentido_whatsapp,
           (SELECT string_agg(e.tipo || ' ' || e.marca || coalesce(' ' || e.modelo, ''), ', ' ORDER BY e.id_equipo)
              FROM equipos e WHERE e.id_cliente = c.id_cliente AND e.activo) AS equipos,
           (SELECT e.tipo || ' ' || e.marca || coalesce(' ' || e.modelo, '') FROM equipos e
              WHERE e.id_cliente = c.id_cliente AND e.activo ORDER BY e.id_equipo LIMIT 1) AS equipo,
           (SELECT max(coalesce(o.fecha_cierre, o.fecha_ingreso))::text FROM ordenes_trabajo o
              WHERE o.id_cliente = c.id_cliente AND o.estado IN ('terminada', 'entregada')) AS ultima_mantencion
    FROM clientes c
    WHERE c.id_cliente = ANY(${sql.val(candidatos)}::int[]) AND NOT c.archivado ${sql.join(extra, sql` `)}
    ORDER BY c.nombre, c.id_cliente`.execute(db);
  return filas.rows.map((f) => {
    const motivoPara = (c: Canal) => {
      const consentido = c === 'email' ? f.consentido_email : f.consentido_whatsapp;
      const destino = c === 'email' ? f.email : f.telefono;
      return f.anonimizado || f.bloqueado
        ? 'Tratamiento bloqueado a pedido del titular'
        : consentido === false
          ? 'Se dio de baja de este canal'
          : consentido !== true
            ? 'Sin consentimiento para este canal'
            : !destino
              ? c === 'email'
                ? 'Sin correo registrado'
                : 'Sin teléfono registrado'
              : null;
    };
    // The preferred channel when it is one we can write on; else WhatsApp, then mail: the first
    // one the customer consented to and we have an address for.
    const orden: Canal[] =
      canal !== 'preferido' ? [canal] : f.canal_preferido === 'email' ? ['email', 'whatsapp'] : ['whatsapp', 'email'];
    const elegido = orden.find((c) => motivoPara(c) === null) ?? orden[0]!;
    const motivo = motivoPara(elegido);
    const destino = elegido === 'email' ? f.email : f.telefono;
    return {
      id_cliente: f.id_cliente,
      nombre: f.nombre,
      canal: elegido,
      destino,
      incluido: motivo === null,
      motivo_exclusion: motivo,
      variables: {
        nombre: f.tipo_persona === 'natural' ? (f.nombre.split(' ')[0] ?? f.nombre) : f.nombre,
        equipo: f.equipo,
        equipos: f.equipos,
        ultima_mantencion: f.ultima_mantencion ? formatearFecha(f.ultima_mantencion) : 'sin registro',
        comuna: f.comuna,
      },
    };
  });
}

export async function crearCampana(db: Conexion, usuario: Usuario, actor: Actor, c: z.infer<typeof nuevaCampana>) {
  exigirRol(usuario, ESCRIBIR, 'crear campañas');
  const desconocidas = variablesDesconocidas(`${c.asunto ?? ''} ${c.cuerpo}`);
  if (desconocidas.length)
    throw reglaIncumplida([
      { campo: 'cuerpo', mensaje: `Variables desconocidas: ${desconocidas.map((v) => `{${v}}`).join(', ')}.` },
    ]);
  if (c.canal !== 'whatsapp' && !c.asunto?.trim())
    throw reglaIncumplida([
      {
        campo: 'asunto',
        mensaje:
          c.canal === 'email'
            ? 'Un correo necesita asunto.'
            : 'Escriba un asunto: a quienes prefieren correo les llega así.',
      },
    ]);
  return enTransaccion(db, async (trx) => {
    const r = await trx
      .insertInto('campanas')
      .values({
        nombre: c.nombre,
        canal: c.canal,
        asunto: c.asunto ?? null,
        cuerpo: c.cuerpo,
        tipo: c.tipo,
        dias_conversion: c.dias_conversion,
        filtros: JSON.stringify(c.filtros),
        id_usuario: usuario.id_usuario,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await registrarAuditoria(trx, actor, {
      accion: 'crear',
      entidad: 'campana',
      id_entidad: r.id_campana,
      detalle: { nombre: c.nombre, canal: c.canal },
    });
    return r;
  });
}

async function leerCampana(db: Conexion, id: number) {
  const c = await db.selectFrom('campanas').selectAll().where('id_campana', '=', id).executeTakeFirst();
  if (!c) throw noEncontrado(`La campaña ${id}`);
  return c;
}

export async function destinatariosDeCampana(db: Conexion, usuario: Usuario, id: number) {
  exigirRol(usuario, TODOS, 'ver campañas');
  const c = await leerCampana(db, id);
  const lista = await previsualizarDestinatarios(db, c.canal, c.filtros as DestinatariosCampana);
  return {
    total: lista.length,
    incluidos: lista.filter((d) => d.incluido).length,
    excluidos: lista.filter((d) => !d.incluido).length,
    items: lista.map((d) => ({ ...d, vista_previa: d.incluido ? completarPlantilla(c.cuerpo, d.variables) : null })),
  };
}

/**
 * Sends a campaign: one message per included recipient, keyed `campana:<id>:<cliente>` so a second
 * click or a retry never sends twice. Email goes through the outbox worker; WhatsApp messages wait
 * with their wa.me link for the staff to open one by one.
 */
export async function enviarCampana(db: Conexion, usuario: Usuario, actor: Actor, id: number, publicUrl: string) {
  exigirRol(usuario, ESCRIBIR, 'enviar campañas');
  const c = await leerCampana(db, id);
  if (c.estado === 'cancelada')
    throw new ErrorApp('REGLA', 'Campaña cancelada', 'Esta campaña fue cancelada y no se puede enviar.');
  const lista = (await previsualizarDestinatarios(db, c.canal, c.filtros as DestinatariosCampana)).filter(
    (d) => d.incluido,
  );
  let encolados = 0;
  await enTransaccion(db, async (trx) => {
    const clave = await secretoBaja(trx);
    const base = publicUrl.replace(/\/$/, '');
    encolados = await encolarMensajes(
      trx,
      lista.map((d) => {
        const cuerpo = completarPlantilla(c.cuerpo, d.variables);
        const baja =
          d.canal === 'email'
            ? `\n\nSi no desea recibir más correos nuestros: ${base}/api/public/baja/${firmarBaja(clave, d.id_cliente, 'email')}`
            : '';
        return {
          id_cliente: d.id_cliente,
          canal: d.canal,
          motivo: 'campana',
          clave: `campana:${id}:${d.id_cliente}`,
          destino: d.destino,
          asunto: c.asunto ? completarPlantilla(c.asunto, d.variables) : c.nombre,
          cuerpo: cuerpo + baja,
          enlace:
            d.canal === 'whatsapp' && d.destino
              ? `https://wa.me/${digitosWhatsapp(d.destino)}?text=${encodeURIComponent(cuerpo)}`
              : null,
          id_campana: id,
        };
      }),
    );
    await trx
      .updateTable('campanas')
      .set({ estado: 'enviando', enviada_en: c.enviada_en ?? new Date() })
      .where('id_campana', '=', id)
      .execute();
    await registrarAuditoria(trx, actor, {
      accion: 'enviar',
      entidad: 'campana',
      id_entidad: id,
      detalle: { destinatarios: lista.length, nuevos: encolados },
    });
  });
  // Held back by the contact cap or the quiet hours: they go out later on their own.
  const { n } = await db
    .selectFrom('mensajes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id_campana', '=', id)
    .where('estado', '=', 'retenido')
    .executeTakeFirstOrThrow();
  return { destinatarios: lista.length, encolados, retenidos: Number(n) };
}

/**
 * Per-recipient results: sent / failed (why) / pending, answered (a contact logged by the staff
 * after the message, or marked answered) and converted (an orden, pedido or accepted cotización
 * within the campaign's days).
 */
export async function resultadosCampana(db: Conexion, usuario: Usuario, id: number) {
  exigirRol(usuario, TODOS, 'ver campañas');
  const c = await leerCampana(db, id);
  const filas = await sql<Record<string, unknown> & { estado: string; respondido: boolean; convertido: boolean }>`
    SELECT m.id_mensaje, m.id_cliente, cl.nombre, m.canal, m.destino, m.estado, m.error, m.motivo_retencion, m.programado_para, m.intentos, m.enviado_en, m.enlace,
           (m.estado = 'respondido' OR EXISTS (
             SELECT 1 FROM interacciones_cliente i WHERE i.id_cliente = m.id_cliente AND i.origen = 'manual'
               AND m.enviado_en IS NOT NULL AND i.fecha > m.enviado_en AND i.fecha <= m.enviado_en + ${c.dias_conversion}::int * interval '1 day')) AS respondido,
           (m.enviado_en IS NOT NULL AND (
             EXISTS (SELECT 1 FROM ordenes_trabajo o WHERE o.id_cliente = m.id_cliente AND o.estado <> 'cancelada'
                     AND o.fecha_ingreso BETWEEN (m.enviado_en AT TIME ZONE 'America/Santiago')::date AND (m.enviado_en AT TIME ZONE 'America/Santiago')::date + ${c.dias_conversion}::int)
             OR EXISTS (SELECT 1 FROM pedidos_repuestos p WHERE p.id_cliente = m.id_cliente AND p.estado <> 'cancelado'
                     AND p.fecha BETWEEN (m.enviado_en AT TIME ZONE 'America/Santiago')::date AND (m.enviado_en AT TIME ZONE 'America/Santiago')::date + ${c.dias_conversion}::int)
             OR EXISTS (SELECT 1 FROM cotizaciones q WHERE q.id_cliente = m.id_cliente AND q.estado = 'aceptada'
                     AND q.fecha_resolucion BETWEEN (m.enviado_en AT TIME ZONE 'America/Santiago')::date AND (m.enviado_en AT TIME ZONE 'America/Santiago')::date + ${c.dias_conversion}::int))) AS convertido
    FROM mensajes m JOIN clientes cl ON cl.id_cliente = m.id_cliente
    WHERE m.id_campana = ${id} ORDER BY cl.nombre, m.id_mensaje`.execute(db);
  const contar = (p: (f: (typeof filas.rows)[number]) => boolean) => filas.rows.filter(p).length;
  const resumen = {
    destinatarios: filas.rows.length,
    enviados: contar((f) => f.estado === 'enviado' || f.estado === 'respondido'),
    fallidos: contar((f) => f.estado === 'fallido'),
    pendientes: contar((f) => f.estado === 'pendiente'),
    retenidos: contar((f) => f.estado === 'retenido'),
    respondidos: contar((f) => f.respondido),
    convertidos: contar((f) => f.convertido),
  };
  const terminada = resumen.pendientes === 0 && resumen.retenidos === 0 && resumen.fallidos === 0;
  if (c.estado === 'enviando' && terminada && resumen.destinatarios > 0) {
    await db.updateTable('campanas').set({ estado: 'terminada' }).where('id_campana', '=', id).execute();
  }
  return {
    campana: {
      ...c,
      estado: terminada && c.estado === 'enviando' ? 'terminada' : c.estado,
    },
    resumen,
    items: filas.rows,
  };
}

export async function listarCampanas(db: Conexion, usuario: Usuario) {
  exigirRol(usuario, TODOS, 'ver campañas');
  return db.selectFrom('campanas').selectAll().orderBy('creada_en', 'desc').limit(200).execute();
}
