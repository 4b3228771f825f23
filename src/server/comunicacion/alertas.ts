import { sql } from 'kysely';
import { restarMeses } from '../../shared/actividad.ts';
import { hoyEnSantiago } from '../../shared/formato.ts';
import { sumarDias } from '../../shared/kpis.ts';
import type { Conexion } from '../db/tipos.ts';
import { ErrorApp, noEncontrado } from '../http/errores.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';

async function ajusteNumero(db: Conexion, clave: string, defecto: number) {
  const r = await db.selectFrom('ajustes').select('valor').where('clave', '=', clave).executeTakeFirst();
  const n = Number(r?.valor);
  return Number.isFinite(n) && n > 0 ? n : defecto;
}

/**
 * Genera las alertas del día por conjuntos (idempotente: cada alerta tiene una clave única, así
 * que correrlo dos veces o en dos servidores no duplica nada): seguimientos vencidos o de hoy,
 * mantenciones dentro del aviso, clientes que cruzan el umbral de inactividad esta semana y
 * fechas especiales de la semana. Las de detractores nacen al responder la encuesta.
 */
export async function generarAlertas(db: Conexion, hoy: string = hoyEnSantiago()) {
  const diasAviso = await ajusteNumero(db, 'dias_aviso_mantencion', 30);
  const meses = await ajusteNumero(db, 'meses_inactividad', 6);
  const umbral = restarMeses(hoy, meses);
  const semana = sumarDias(hoy, 7);
  // A cliente without responsable still lands in someone's list: an admin's, else a comercial's.
  const responsable = sql`coalesce(c.id_responsable, (SELECT id_usuario FROM usuarios WHERE activo AND rol IN ('admin', 'comercial')
                                                     ORDER BY rol = 'admin' DESC, id_usuario LIMIT 1))`;
  const insertar = (seleccion: ReturnType<typeof sql>) =>
    sql`INSERT INTO alertas (id_cliente, id_usuario, tipo, clave, titulo, detalle, fecha) ${seleccion} ON CONFLICT (clave) DO NOTHING`.execute(
      db,
    );
  const r = await Promise.all([
    insertar(sql`
      SELECT i.id_cliente, i.id_responsable_seguimiento, 'seguimiento', 'seguimiento:' || i.id_interaccion || ':' || i.fecha_seguimiento,
             'Seguimiento: ' || i.motivo, c.nombre, i.fecha_seguimiento
      FROM interacciones_cliente i JOIN clientes c ON c.id_cliente = i.id_cliente
      WHERE i.seguimiento_requerido AND i.seguimiento_completado_en IS NULL AND i.fecha_seguimiento <= ${hoy}::date AND NOT c.archivado`),
    insertar(sql`
      SELECT e.id_cliente, ${responsable}, 'mantencion', 'mantencion:' || e.id_equipo || ':' || e.proxima_mantencion,
             CASE WHEN e.proxima_mantencion < ${hoy}::date THEN 'Mantención atrasada: ' ELSE 'Mantención próxima: ' END
               || e.tipo || ' ' || e.marca || coalesce(' ' || e.modelo, ''),
             c.nombre || ' · vence el ' || to_char(e.proxima_mantencion, 'DD-MM-YYYY')
               || CASE e.proxima_motivo WHEN 'horas' THEN ' (por horas de uso)' ELSE ' (por fecha)' END,
             e.proxima_mantencion
      FROM equipos e JOIN clientes c ON c.id_cliente = e.id_cliente
      WHERE e.activo AND NOT c.archivado AND e.proxima_mantencion <= ${sumarDias(hoy, diasAviso)}::date`),
    insertar(sql`
      SELECT c.id_cliente, ${responsable}, 'inactividad', 'inactividad:' || c.id_cliente || ':' || (c.ultimo_contacto AT TIME ZONE 'America/Santiago')::date,
             'Sin contacto hace ' || ${meses}::int || ' meses', c.nombre || ' · último contacto ' || to_char(c.ultimo_contacto AT TIME ZONE 'America/Santiago', 'DD-MM-YYYY'),
             ${hoy}::date
      FROM clientes c
      WHERE NOT c.archivado AND NOT c.anonimizado
        AND (c.ultimo_contacto AT TIME ZONE 'America/Santiago')::date BETWEEN ${sumarDias(umbral, -7)}::date AND ${umbral}::date`),
    insertar(sql`
      SELECT c.id_cliente, ${responsable}, 'fecha_especial', 'fecha:' || o.tipo || ':' || c.id_cliente || ':' || f.dia,
             o.titulo || ': ' || c.nombre, NULL, f.dia
      FROM clientes c
      CROSS JOIN LATERAL (VALUES
        ('cumpleanos', 'Cumpleaños', c.fecha_nacimiento),
        ('aniversario', 'Aniversario de la empresa', c.fecha_aniversario),
        ('cliente_desde', 'Aniversario como cliente', (c.fecha_registro AT TIME ZONE 'America/Santiago')::date)
      ) AS o(tipo, titulo, origen)
      -- This year's and next year's date of the occasion (29 February falls on 1 March in other years).
      CROSS JOIN LATERAL (SELECT (make_date(y, extract(month FROM o.origen)::int, 1) + (extract(day FROM o.origen)::int - 1))::date AS dia
                          FROM (VALUES (extract(year FROM ${hoy}::date)::int), (extract(year FROM ${hoy}::date)::int + 1)) AS a(y)) AS f
      WHERE o.origen IS NOT NULL AND NOT c.archivado AND NOT c.anonimizado
        AND f.dia BETWEEN ${hoy}::date AND ${semana}::date
        AND (o.tipo <> 'cliente_desde' OR f.dia > o.origen)`),
  ]);
  return { creadas: r.reduce((s, x) => s + Number(x.numAffectedRows ?? 0), 0) };
}

/** Alertas que piden acción hoy: abiertas, o pospuestas cuyo plazo ya llegó; las del usuario (admin: todas). */
export async function listarAlertas(
  db: Conexion,
  usuario: Usuario,
  f: { todos?: boolean; tipo?: string; limit: number; offset: number },
  hoy: string = hoyEnSantiago(),
) {
  exigirRol(usuario, TODOS, 'ver alertas');
  let q = db
    .selectFrom('alertas as a')
    .innerJoin('clientes as c', 'c.id_cliente', 'a.id_cliente')
    .where((eb) =>
      eb.or([
        eb('a.estado', '=', 'abierta'),
        eb.and([eb('a.estado', '=', 'pospuesta'), eb('a.pospuesta_hasta', '<=', hoy)]),
      ]),
    )
    .where('c.archivado', '=', false);
  if (!(usuario.rol === 'admin' && f.todos)) q = q.where('a.id_usuario', '=', usuario.id_usuario);
  if (f.tipo) q = q.where('a.tipo', '=', f.tipo as never);
  const [items, total, porTipo] = await Promise.all([
    q
      .select([
        'a.id_alerta',
        'a.id_cliente',
        'a.tipo',
        'a.titulo',
        'a.detalle',
        'a.fecha',
        'a.estado',
        'c.nombre as cliente',
        'c.telefono',
      ])
      .orderBy('a.fecha')
      .orderBy('a.id_alerta')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    q
      .select(['a.tipo', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('a.tipo')
      .execute(),
  ]);
  return { total: Number(total.n), por_tipo: Object.fromEntries(porTipo.map((p) => [p.tipo, Number(p.n)])), items };
}

/** Atender, descartar (con motivo) o posponer una alerta. */
export async function cambiarAlerta(
  db: Conexion,
  usuario: Usuario,
  id: number,
  cambio: { accion: 'atender' } | { accion: 'descartar'; motivo: string } | { accion: 'posponer'; hasta: string },
) {
  exigirRol(usuario, ['admin', 'comercial', 'tecnico'], 'gestionar alertas');
  const a = await db
    .selectFrom('alertas')
    .select(['id_usuario', 'estado'])
    .where('id_alerta', '=', id)
    .executeTakeFirst();
  if (!a) throw noEncontrado(`La alerta ${id}`);
  if (usuario.rol !== 'admin' && a.id_usuario !== usuario.id_usuario) {
    throw new ErrorApp('PROHIBIDO', 'No tiene permiso para esta acción', 'Esta alerta está asignada a otra persona.');
  }
  const valores =
    cambio.accion === 'atender'
      ? { estado: 'atendida' as const }
      : cambio.accion === 'descartar'
        ? { estado: 'descartada' as const, motivo_cierre: cambio.motivo }
        : { estado: 'pospuesta' as const, pospuesta_hasta: cambio.hasta };
  return db.updateTable('alertas').set(valores).where('id_alerta', '=', id).returningAll().executeTakeFirstOrThrow();
}
