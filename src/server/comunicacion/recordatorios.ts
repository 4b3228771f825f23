import { sql } from 'kysely';
import { restarMeses } from '../../shared/actividad.ts';
import { formatearFecha, hoyEnSantiago } from '../../shared/formato.ts';
import { sumarDias } from '../../shared/kpis.ts';
import { digitosWhatsapp } from '../../shared/telefono.ts';
import type { Conexion } from '../db/tipos.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';
import { encolarMensajes, firmarBaja, secretoBaja, type MensajeNuevo } from './mensajes.ts';

async function ajusteNumero(db: Conexion, clave: string, defecto: number) {
  const r = await db.selectFrom('ajustes').select('valor').where('clave', '=', clave).executeTakeFirst();
  const n = Number(r?.valor);
  return Number.isFinite(n) && n > 0 ? n : defecto;
}

/**
 * Recordatorios de mantención: para cada equipo cuya próxima mantención cae dentro del aviso
 * (30 días por defecto), un mensaje al cliente — por correo si lo tiene y no se dio de baja, si no
 * un enlace de WhatsApp que el personal envía —, una sola vez por equipo y fecha de vencimiento.
 */
export async function generarRecordatorios(db: Conexion, publicUrl: string, hoy: string = hoyEnSantiago()) {
  const dias = await ajusteNumero(db, 'dias_aviso_mantencion', 30);
  const filas = await sql<{
    id_equipo: number;
    id_cliente: number;
    nombre: string;
    email: string | null;
    telefono: string | null;
    canal_preferido: string | null;
    equipo: string;
    proxima: string;
    motivo: string;
    baja_email: boolean;
    baja_whatsapp: boolean;
  }>`
    SELECT e.id_equipo, c.id_cliente, c.nombre, c.email, c.telefono, c.canal_preferido,
           e.tipo || ' ' || e.marca || coalesce(' ' || e.modelo, '') AS equipo, e.proxima_mantencion::text AS proxima, e.proxima_motivo AS motivo,
           coalesce((SELECT NOT k.otorgado FROM consentimientos k WHERE k.id_cliente = c.id_cliente AND k.canal = 'email' ORDER BY k.fecha DESC, k.id_consentimiento DESC LIMIT 1), false) AS baja_email,
           coalesce((SELECT NOT k.otorgado FROM consentimientos k WHERE k.id_cliente = c.id_cliente AND k.canal = 'whatsapp' ORDER BY k.fecha DESC, k.id_consentimiento DESC LIMIT 1), false) AS baja_whatsapp
    FROM equipos e JOIN clientes c ON c.id_cliente = e.id_cliente
    WHERE e.activo AND NOT c.archivado AND NOT c.bloqueado AND NOT c.anonimizado
      AND e.proxima_mantencion BETWEEN ${restarMeses(hoy, 1)}::date AND ${sumarDias(hoy, dias)}::date
      -- Exact keys (the unique index answers them); a LIKE on a built prefix read the whole outbox per machine.
      AND NOT EXISTS (SELECT 1 FROM mensajes m WHERE m.clave IN (
        'mantencion:' || e.id_equipo || ':' || e.proxima_mantencion || ':email',
        'mantencion:' || e.id_equipo || ':' || e.proxima_mantencion || ':whatsapp'))`.execute(db);
  // One batch for all of them: the contact rules are decided per thousand, the secret read once.
  const clave = await secretoBaja(db);
  const base = publicUrl.replace(/\/$/, '');
  const mensajes: MensajeNuevo[] = [];
  for (const f of filas.rows) {
    const porCorreo =
      Boolean(f.email) && !f.baja_email && (f.canal_preferido === 'email' || !f.telefono || f.baja_whatsapp);
    const porWhatsapp = !porCorreo && Boolean(f.telefono) && !f.baja_whatsapp;
    if (!porCorreo && !porWhatsapp) continue;
    const cuando =
      f.proxima < hoy ? `está atrasada desde el ${formatearFecha(f.proxima)}` : `vence el ${formatearFecha(f.proxima)}`;
    const texto = `Hola ${f.nombre}: la mantención de su ${f.equipo} ${cuando}${f.motivo === 'horas' ? ' según sus horas de uso' : ''}. ¿Le agendamos una hora en el taller?`;
    const canal = porCorreo ? 'email' : 'whatsapp';
    const baja = porCorreo
      ? `\n\nSi no desea recibir más correos nuestros: ${base}/api/public/baja/${firmarBaja(clave, f.id_cliente, 'email')}`
      : '';
    mensajes.push({
      id_cliente: f.id_cliente,
      canal,
      motivo: 'mantencion',
      clave: `mantencion:${f.id_equipo}:${f.proxima}:${canal}`,
      destino: porCorreo ? f.email : f.telefono,
      asunto: `Mantención de su ${f.equipo}`,
      cuerpo: texto + baja,
      enlace: porWhatsapp ? `https://wa.me/${digitosWhatsapp(f.telefono!)}?text=${encodeURIComponent(texto)}` : null,
    });
  }
  const creados = await encolarMensajes(db, mensajes);
  return { recordatorios: creados };
}

/**
 * Saludos: cumpleaños, aniversario de la empresa y aniversario como cliente de hoy. Solo se envían
 * a quien consintió el canal (DOMAIN.md); los demás quedan listados para un llamado personal.
 */
export async function generarSaludos(db: Conexion, publicUrl: string, hoy: string = hoyEnSantiago()) {
  const filas = (await fechasEspeciales(db, hoy, hoy)).filter((f) => f.consentimiento_email && f.email);
  const clave = await secretoBaja(db);
  const base = publicUrl.replace(/\/$/, '');
  const creados = await encolarMensajes(
    db,
    filas.map((f) => {
      const texto =
        f.tipo === 'cumpleanos'
          ? `¡Feliz cumpleaños, ${f.nombre.split(' ')[0]}! Le saluda todo el equipo del taller.`
          : f.tipo === 'aniversario'
            ? `¡Feliz aniversario a ${f.nombre}! Gracias por confiar en nosotros.`
            : `Hoy se cumplen ${f.anios} año${f.anios === 1 ? '' : 's'} desde que ${f.nombre} es cliente del taller. ¡Gracias por su confianza!`;
      return {
        id_cliente: f.id_cliente,
        canal: 'email' as const,
        motivo: 'saludo',
        clave: `saludo:${f.tipo}:${f.id_cliente}:${f.dia}`,
        destino: f.email,
        asunto: 'Un saludo del taller',
        cuerpo: `${texto}\n\nSi no desea recibir más correos nuestros: ${base}/api/public/baja/${firmarBaja(clave, f.id_cliente, 'email')}`,
      };
    }),
  );
  return { saludos: creados };
}

/** Fechas especiales entre dos días: tipo, cliente, si consintió correo, y años cumplidos. */
async function fechasEspeciales(db: Conexion, desde: string, hasta: string) {
  const r = await sql<{
    id_cliente: number;
    nombre: string;
    email: string | null;
    telefono: string | null;
    tipo: string;
    dia: string;
    anios: number;
    consentimiento_email: boolean;
  }>`
    SELECT c.id_cliente, c.nombre, c.email, c.telefono, o.tipo, f.dia::text AS dia,
           (extract(year FROM f.dia) - extract(year FROM o.origen))::int AS anios,
           coalesce((SELECT k.otorgado FROM consentimientos k WHERE k.id_cliente = c.id_cliente AND k.canal = 'email' ORDER BY k.fecha DESC, k.id_consentimiento DESC LIMIT 1), false) AS consentimiento_email
    FROM clientes c
    CROSS JOIN LATERAL (VALUES ('cumpleanos', c.fecha_nacimiento), ('aniversario', c.fecha_aniversario),
                               ('cliente_desde', (c.fecha_registro AT TIME ZONE 'America/Santiago')::date)) AS o(tipo, origen)
    CROSS JOIN LATERAL (SELECT (make_date(y, extract(month FROM o.origen)::int, 1) + (extract(day FROM o.origen)::int - 1))::date AS dia
                        FROM (VALUES (extract(year FROM ${desde}::date)::int), (extract(year FROM ${desde}::date)::int + 1)) AS a(y)) AS f
    WHERE o.origen IS NOT NULL AND NOT c.archivado AND NOT c.anonimizado AND NOT c.bloqueado
      AND f.dia BETWEEN ${desde}::date AND ${hasta}::date AND f.dia > o.origen
    ORDER BY f.dia, c.nombre`.execute(db);
  return r.rows;
}

/** Las fechas especiales de los próximos días, para saludar en persona a quien no consintió correo. */
export async function listarFechasEspeciales(
  db: Conexion,
  usuario: Usuario,
  dias: number,
  hoy: string = hoyEnSantiago(),
) {
  exigirRol(usuario, TODOS, 'ver fechas especiales');
  return { desde: hoy, hasta: sumarDias(hoy, dias), items: await fechasEspeciales(db, hoy, sumarDias(hoy, dias)) };
}
