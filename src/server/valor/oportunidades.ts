import { sql } from 'kysely';
import { hoyEnSantiago } from '../../shared/formato.ts';
import type { Conexion } from '../db/tipos.ts';
import { noEncontrado } from '../http/errores.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';

export const TIPOS_OPORTUNIDAD = [
  'mantencion',
  'sin_servicio',
  'renovacion',
  'cotizacion_por_vencer',
  'bajo_potencial',
] as const;
export type TipoOportunidad = (typeof TIPOS_OPORTUNIDAD)[number];

const DIAS_MANTENCION = 30;
const DIAS_COTIZACION = 15;
const ANIOS_RENOVACION = 15;
const HORAS_RENOVACION = 8_000;

const mas = (fecha: string, dias: number) =>
  new Date(Date.parse(`${fecha}T12:00:00Z`) + dias * 86_400_000).toISOString().slice(0, 10);

/**
 * Oportunidades (seed "Identificación de Oportunidades"), each with its reason and an estimated
 * value: service due or overdue on a machine (the typical preventive orden of its tipo), a
 * machine with parts bought but never serviced here, machines past 15 years or 8.000 h (renewal),
 * pending quotes expiring within 15 days, and customers well below their potential (the gap).
 */
function oportunidadesSql(hoy: string, idCliente?: number) {
  const deCliente = (col: string) => (idCliente ? sql`AND ${sql.ref(col)} = ${idCliente}` : sql``);
  const anioLimite = Number(hoy.slice(0, 4)) - ANIOS_RENOVACION;
  return sql`
    WITH tipico AS (
      SELECT e.tipo, round(avg(o.monto_total)) AS monto
      FROM ordenes_trabajo o JOIN equipos e ON e.id_equipo = o.id_equipo
      WHERE o.tipo = 'preventiva' AND o.estado IN ('terminada', 'entregada') AND o.monto_total > 0
        AND o.fecha_ingreso > ${hoy}::date - 730
      GROUP BY e.tipo
    )
    SELECT 'mantencion' AS tipo, e.id_cliente, e.id_equipo, NULL::int AS id_cotizacion,
           CASE WHEN e.proxima_mantencion < ${hoy}::date THEN 'Mantención atrasada' ELSE 'Mantención próxima' END
             || CASE WHEN e.tipo IN ('cosechadora', 'sembradora', 'enfardadora') THEN ' de la ' ELSE ' del ' END
             || e.tipo || ' ' || e.marca || coalesce(' ' || e.modelo, '')
             || CASE e.proxima_motivo WHEN 'horas' THEN ' (por horas de uso)' ELSE ' (por fecha)' END AS motivo,
           coalesce(t.monto, g.monto_anual / 2)::int8 AS valor_estimado, e.proxima_mantencion AS fecha
    FROM equipos e
    LEFT JOIN tipico t ON t.tipo = e.tipo
    LEFT JOIN gasto_esperado_tipo g ON g.tipo = e.tipo
    WHERE e.activo AND e.proxima_mantencion <= ${mas(hoy, DIAS_MANTENCION)}::date ${deCliente('e.id_cliente')}
    UNION ALL
    SELECT 'sin_servicio', e.id_cliente, e.id_equipo, NULL,
           'Compra repuestos para su ' || e.tipo || ' ' || e.marca || ' pero nunca lo ha mantenido aquí',
           (g.monto_anual / 2)::int8, NULL::date
    FROM equipos e JOIN gasto_esperado_tipo g ON g.tipo = e.tipo
    WHERE e.activo ${deCliente('e.id_cliente')}
      AND EXISTS (SELECT 1 FROM pedidos_repuestos p WHERE p.id_equipo = e.id_equipo AND p.estado <> 'cancelado')
      AND NOT EXISTS (SELECT 1 FROM ordenes_trabajo o WHERE o.id_equipo = e.id_equipo)
    UNION ALL
    SELECT 'renovacion', e.id_cliente, e.id_equipo, NULL,
           'Renovación: ' || e.tipo || ' ' || e.marca || coalesce(' ' || e.modelo, '')
             || CASE WHEN e.anio <= ${anioLimite} THEN ' del año ' || e.anio ELSE '' END
             || CASE WHEN e.horometro >= ${HORAS_RENOVACION} THEN ' con ' || round(e.horometro) || ' h' ELSE '' END,
           g.monto_anual::int8, NULL::date
    FROM equipos e JOIN gasto_esperado_tipo g ON g.tipo = e.tipo
    WHERE e.activo AND (e.anio <= ${anioLimite} OR e.horometro >= ${HORAS_RENOVACION}) ${deCliente('e.id_cliente')}
    UNION ALL
    SELECT 'cotizacion_por_vencer', q.id_cliente, NULL, q.id_cotizacion,
           'Cotización ' || coalesce(q.numero, q.id_cotizacion::text) || ' vence el ' || to_char(q.fecha_vencimiento, 'DD-MM-YYYY'),
           q.monto_total, q.fecha_vencimiento
    FROM cotizaciones q
    WHERE q.estado = 'pendiente' AND q.fecha_vencimiento BETWEEN ${hoy}::date AND ${mas(hoy, DIAS_COTIZACION)}::date ${deCliente('q.id_cliente')}
    UNION ALL
    SELECT 'bajo_potencial', m.id_cliente, NULL, NULL,
           'Gasta ' || round(100.0 * m.valor_ultimo_anio / m.valor_potencial) || ' % de lo que sus equipos necesitan al año',
           (m.valor_potencial - m.valor_ultimo_anio)::int8, NULL::date
    FROM metricas_clientes m
    WHERE m.valor_potencial > 0 AND m.valor_ultimo_anio < 0.7 * m.valor_potencial ${deCliente('m.id_cliente')}`;
}

type Fila = {
  tipo: TipoOportunidad;
  id_cliente: number;
  id_equipo: number | null;
  id_cotizacion: number | null;
  motivo: string;
  valor_estimado: number;
  fecha: string | null;
};

export async function oportunidadesCliente(
  db: Conexion,
  usuario: Usuario,
  idCliente: number,
  hoy: string = hoyEnSantiago(),
) {
  exigirRol(usuario, TODOS, 'ver oportunidades');
  const c = await db.selectFrom('clientes').select('id_cliente').where('id_cliente', '=', idCliente).executeTakeFirst();
  if (!c) throw noEncontrado(`El cliente ${idCliente}`);
  const r =
    await sql<Fila>`SELECT * FROM (${oportunidadesSql(hoy, idCliente)}) o ORDER BY valor_estimado DESC NULLS LAST`.execute(
      db,
    );
  const items = r.rows.map((o) => ({ ...o, valor_estimado: Number(o.valor_estimado ?? 0) }));
  return { total: items.length, valor_total: items.reduce((s, o) => s + o.valor_estimado, 0), items };
}

export async function oportunidadesTaller(
  db: Conexion,
  usuario: Usuario,
  f: { tipo?: TipoOportunidad; limit: number; offset: number },
  hoy: string = hoyEnSantiago(),
) {
  exigirRol(usuario, TODOS, 'ver oportunidades');
  const filtro = f.tipo ? sql`WHERE o.tipo = ${f.tipo}` : sql``;
  const [filas, resumen] = await Promise.all([
    sql<Fila & { cliente: string }>`
      SELECT o.*, c.nombre AS cliente FROM (${oportunidadesSql(hoy)}) o JOIN clientes c ON c.id_cliente = o.id_cliente AND NOT c.archivado
      ${filtro} ORDER BY o.valor_estimado DESC NULLS LAST, o.id_cliente LIMIT ${f.limit} OFFSET ${f.offset}`.execute(
      db,
    ),
    sql<{ tipo: string; n: number; valor: number }>`
      SELECT o.tipo, count(*) AS n, sum(o.valor_estimado) AS valor FROM (${oportunidadesSql(hoy)}) o
      JOIN clientes c ON c.id_cliente = o.id_cliente AND NOT c.archivado GROUP BY o.tipo`.execute(db),
  ]);
  const porTipo = resumen.rows.map((r) => ({ tipo: r.tipo, cantidad: Number(r.n), valor: Number(r.valor ?? 0) }));
  const total = f.tipo
    ? (porTipo.find((p) => p.tipo === f.tipo)?.cantidad ?? 0)
    : porTipo.reduce((s, p) => s + p.cantidad, 0);
  return {
    total,
    limit: f.limit,
    offset: f.offset,
    por_tipo: porTipo,
    items: filas.rows.map((o) => ({ ...o, valor_estimado: Number(o.valor_estimado ?? 0) })),
  };
}

/** Valor potencial del cliente: por equipo, frente a lo gastado el último año, y proyección a 1–3 años. */
export async function valorCliente(db: Conexion, usuario: Usuario, idCliente: number) {
  exigirRol(usuario, TODOS, 'ver el valor del cliente');
  const m = await db.selectFrom('metricas_clientes').selectAll().where('id_cliente', '=', idCliente).executeTakeFirst();
  if (!m) throw noEncontrado(`El cliente ${idCliente}`);
  const equipos = await sql<{
    id_equipo: number;
    tipo: string;
    marca: string;
    modelo: string | null;
    horas_anuales: number | null;
    gasto_esperado: number;
  }>`
    SELECT e.id_equipo, e.tipo, e.marca, e.modelo, e.horas_anuales,
           round(g.monto_anual * CASE WHEN e.horas_anuales IS NULL THEN 1
                 ELSE least(greatest(e.horas_anuales / g.horas_referencia, 0.25), 3) END)::int8 AS gasto_esperado
    FROM equipos e JOIN gasto_esperado_tipo g ON g.tipo = e.tipo
    WHERE e.activo AND e.id_cliente = ${idCliente} ORDER BY gasto_esperado DESC`.execute(db);
  const potencial = Number(m.valor_potencial);
  const ultimoAnio = Number(m.valor_ultimo_anio);
  return {
    valor_historico: Number(m.valor_cliente),
    valor_ultimo_anio: ultimoAnio,
    valor_potencial: potencial,
    brecha: potencial - ultimoAnio,
    segmento_abc: m.segmento_abc,
    potencial_alto: m.potencial_alto,
    // Projection: what the fleet would spend if it were fully serviced here, vs the current pace.
    proyeccion: [1, 2, 3].map((anios) => ({
      anios,
      potencial: potencial * anios,
      al_ritmo_actual: ultimoAnio * anios,
    })),
    equipos: equipos.rows.map((e) => ({
      ...e,
      horas_anuales: e.horas_anuales == null ? null : Number(e.horas_anuales),
      gasto_esperado: Number(e.gasto_esperado),
    })),
  };
}
