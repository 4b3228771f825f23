import { sql, type RawBuilder } from 'kysely';
import { restarMeses } from '../../shared/actividad.ts';
import { hoyEnSantiago } from '../../shared/formato.ts';
import { cambio, periodos, type Kpi } from '../../shared/kpis.ts';
import { buscarRegion } from '../../shared/territorio.ts';
import { clientesActivosEntre } from '../clientes/actividad.ts';
import type { Conexion } from '../db/tipos.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import { conResumen } from './cache.ts';
import type { Usuario } from '../usuarios/usuarios.ts';

export interface FiltrosKpi {
  desde?: string;
  hasta?: string;
  region?: string;
  segmento?: 'A' | 'B' | 'C';
}

/** The clientes the filters keep (región, segmento), as a SQL subquery. */
function universo(f: FiltrosKpi): RawBuilder<unknown> {
  const region = f.region ? (buscarRegion(f.region)?.region ?? '∅') : null;
  return sql`
    SELECT c.id_cliente FROM clientes c LEFT JOIN metricas_clientes m ON m.id_cliente = c.id_cliente
    WHERE true ${region ? sql`AND c.region = ${region}` : sql``} ${f.segmento ? sql`AND m.segmento_abc = ${f.segmento}` : sql``}`;
}

/**
 * The five KPIs of the seed for one period (DOMAIN.md "KPIs"), in one statement:
 * - retención = activos en el período anterior y en este / activos en el anterior;
 * - valor cliente promedio = valor (órdenes completadas + pedidos entregados) / clientes con alguno;
 * - NPS global = 100 × (P − D) / respondidas;
 * - frecuencia = interacciones / clientes activos;
 * - conversión = aceptadas / creadas en el período que ya no están pendientes (y las pendientes aparte).
 */
async function calcular(
  db: Conexion,
  p: { desde: string; hasta: string; anterior: { desde: string; hasta: string } },
  f: FiltrosKpi,
) {
  const u = universo(f);
  const r = await sql<Record<string, number | null>>`
    WITH u AS (${u}),
    act AS (SELECT DISTINCT a.id_cliente FROM (${clientesActivosEntre(p.desde, p.hasta)}) a JOIN u ON u.id_cliente = a.id_cliente),
    ant AS (SELECT DISTINCT a.id_cliente FROM (${clientesActivosEntre(p.anterior.desde, p.anterior.hasta)}) a JOIN u ON u.id_cliente = a.id_cliente),
    valor AS (
      SELECT v.id_cliente, sum(v.monto_total) AS monto FROM (
        SELECT id_cliente, monto_total FROM ordenes_trabajo
          WHERE estado IN ('terminada', 'entregada') AND coalesce(fecha_cierre, fecha_ingreso) BETWEEN ${p.desde}::date AND ${p.hasta}::date
        UNION ALL
        SELECT id_cliente, monto_total FROM pedidos_repuestos
          WHERE estado = 'entregado' AND coalesce(fecha_entrega, fecha) BETWEEN ${p.desde}::date AND ${p.hasta}::date
      ) v JOIN u ON u.id_cliente = v.id_cliente GROUP BY v.id_cliente
    )
    SELECT
      (SELECT count(*) FROM ant) AS activos_anterior,
      (SELECT count(*) FROM ant JOIN act USING (id_cliente)) AS retenidos,
      (SELECT count(*) FROM act) AS activos,
      (SELECT coalesce(sum(monto), 0) FROM valor) AS valor_total,
      (SELECT count(*) FROM valor) AS clientes_con_compra,
      (SELECT count(*) FROM encuestas_satisfaccion s JOIN u ON u.id_cliente = s.id_cliente
         WHERE s.estado = 'respondida' AND s.fecha BETWEEN ${p.desde}::date AND ${p.hasta}::date) AS respondidas,
      (SELECT count(*) FROM encuestas_satisfaccion s JOIN u ON u.id_cliente = s.id_cliente
         WHERE s.estado = 'respondida' AND s.nps = 1 AND s.fecha BETWEEN ${p.desde}::date AND ${p.hasta}::date) AS promotores,
      (SELECT count(*) FROM encuestas_satisfaccion s JOIN u ON u.id_cliente = s.id_cliente
         WHERE s.estado = 'respondida' AND s.nps = -1 AND s.fecha BETWEEN ${p.desde}::date AND ${p.hasta}::date) AS detractores,
      (SELECT count(*) FROM interacciones_cliente i JOIN u ON u.id_cliente = i.id_cliente
         WHERE i.fecha >= (${p.desde}::date::timestamp AT TIME ZONE 'America/Santiago')
           AND i.fecha < ((${p.hasta}::date + 1)::timestamp AT TIME ZONE 'America/Santiago')) AS interacciones,
      (SELECT count(*) FROM cotizaciones q JOIN u ON u.id_cliente = q.id_cliente
         WHERE q.fecha BETWEEN ${p.desde}::date AND ${p.hasta}::date AND q.estado = 'aceptada') AS aceptadas,
      (SELECT count(*) FROM cotizaciones q JOIN u ON u.id_cliente = q.id_cliente
         WHERE q.fecha BETWEEN ${p.desde}::date AND ${p.hasta}::date AND q.estado <> 'pendiente') AS resueltas,
      (SELECT count(*) FROM cotizaciones q JOIN u ON u.id_cliente = q.id_cliente
         WHERE q.fecha BETWEEN ${p.desde}::date AND ${p.hasta}::date AND q.estado = 'pendiente') AS pendientes`.execute(
    db,
  );
  const x = Object.fromEntries(Object.entries(r.rows[0]!).map(([k, v]) => [k, Number(v ?? 0)])) as Record<
    string,
    number
  >;
  const pct = (a: number, b: number) => (b ? Math.round((1000 * a) / b) / 10 : null);
  return {
    retencion: {
      valor: pct(x.retenidos!, x.activos_anterior!),
      retenidos: x.retenidos!,
      activos_anterior: x.activos_anterior!,
    },
    valor_promedio: {
      valor: x.clientes_con_compra ? Math.round(x.valor_total! / x.clientes_con_compra) : null,
      valor_total: x.valor_total!,
      clientes: x.clientes_con_compra!,
    },
    nps: {
      valor: x.respondidas ? Math.round((100 * (x.promotores! - x.detractores!)) / x.respondidas) : null,
      respondidas: x.respondidas!,
      promotores: x.promotores!,
      detractores: x.detractores!,
    },
    frecuencia: {
      valor: x.activos ? Math.round((x.interacciones! / x.activos) * 100) / 100 : null,
      interacciones: x.interacciones!,
      activos: x.activos!,
    },
    conversion: {
      valor: pct(x.aceptadas!, x.resueltas!),
      aceptadas: x.aceptadas!,
      resueltas: x.resueltas!,
      pendientes: x.pendientes!,
    },
  };
}

/** Tablero de KPIs: período elegido, el anterior y su cambio, y la tendencia de 24 meses (mensual). */
export async function tableroKpis(
  db: Conexion,
  usuario: Usuario,
  f: FiltrosKpi,
  hoy: string = hoyEnSantiago(),
  opciones: { vigenciaMs?: number } = {},
) {
  exigirRol(usuario, TODOS, 'ver los indicadores');
  // Years of events per request are too slow for a home page: the result is kept 15 minutes in
  // `resumenes` (and the default view is refreshed by a periodic job), with its computation time shown.
  const clave = `kpis:${JSON.stringify({ desde: f.desde ?? null, hasta: f.hasta ?? null, region: f.region ?? null, segmento: f.segmento ?? null, hoy })}`;
  return conResumen(db, clave, opciones.vigenciaMs ?? 15 * 60_000, () => calcularTablero(db, f, hoy));
}

async function calcularTablero(db: Conexion, f: FiltrosKpi, hoy: string) {
  const p = periodos(f, hoy);
  const [actual, anterior, tendencia] = await Promise.all([
    calcular(db, p, f),
    calcular(db, periodos(p.anterior, hoy), f),
    tendenciaMensual(db, f, p.hasta),
  ]);
  const kpis = (Object.keys(actual) as Kpi[]).map((k) => ({
    kpi: k,
    ...actual[k],
    anterior: anterior[k].valor,
    cambio: cambio(actual[k].valor, anterior[k].valor),
    tendencia: tendencia.map((t) => ({ mes: t.mes, valor: t[k] })),
  }));
  return { periodo: { desde: p.desde, hasta: p.hasta }, periodo_anterior: p.anterior, kpis };
}

/** Each KPI month by month over 24 months (retention: this month against the one before). */
async function tendenciaMensual(db: Conexion, f: FiltrosKpi, hasta: string) {
  const inicio = `${restarMeses(hasta, 24).slice(0, 7)}-01`;
  const u = universo(f);
  const r = await sql<Record<string, unknown> & { mes: string }>`
    WITH u AS (${u}),
    eventos AS (
      SELECT id_cliente, (fecha AT TIME ZONE 'America/Santiago')::date AS dia FROM interacciones_cliente
        WHERE fecha >= (${inicio}::date - 1)::timestamptz
      UNION ALL SELECT id_cliente, coalesce(fecha_cierre, fecha_ingreso) FROM ordenes_trabajo WHERE estado <> 'cancelada' AND coalesce(fecha_cierre, fecha_ingreso) >= ${inicio}::date
      UNION ALL SELECT id_cliente, coalesce(fecha_entrega, fecha) FROM pedidos_repuestos WHERE estado <> 'cancelado' AND coalesce(fecha_entrega, fecha) >= ${inicio}::date
      UNION ALL SELECT id_cliente, fecha FROM cotizaciones WHERE fecha >= ${inicio}::date
      UNION ALL SELECT id_cliente, fecha FROM encuestas_satisfaccion WHERE estado = 'respondida' AND fecha >= ${inicio}::date
    ),
    activos AS (
      SELECT DISTINCT date_trunc('month', e.dia)::date AS mes, e.id_cliente FROM eventos e JOIN u ON u.id_cliente = e.id_cliente
      WHERE e.dia BETWEEN ${inicio}::date AND ${hasta}::date
    ),
    meses AS (SELECT generate_series(${inicio}::date, date_trunc('month', ${hasta}::date)::date, interval '1 month')::date AS mes),
    ret AS (
      SELECT a.mes, count(*) AS previos, count(b.id_cliente) AS retenidos FROM activos a
      LEFT JOIN activos b ON b.id_cliente = a.id_cliente AND b.mes = (a.mes + interval '1 month')::date
      GROUP BY a.mes
    ),
    val AS (
      SELECT date_trunc('month', v.dia)::date AS mes, sum(v.monto) AS total, count(DISTINCT v.id_cliente) AS clientes FROM (
        SELECT id_cliente, coalesce(fecha_cierre, fecha_ingreso) AS dia, monto_total AS monto FROM ordenes_trabajo WHERE estado IN ('terminada', 'entregada')
        UNION ALL SELECT id_cliente, coalesce(fecha_entrega, fecha), monto_total FROM pedidos_repuestos WHERE estado = 'entregado'
      ) v JOIN u ON u.id_cliente = v.id_cliente WHERE v.dia BETWEEN ${inicio}::date AND ${hasta}::date GROUP BY 1
    ),
    enc AS (
      SELECT date_trunc('month', s.fecha)::date AS mes, count(*) AS n, count(*) FILTER (WHERE s.nps = 1) AS p, count(*) FILTER (WHERE s.nps = -1) AS d
      FROM encuestas_satisfaccion s JOIN u ON u.id_cliente = s.id_cliente
      WHERE s.estado = 'respondida' AND s.fecha BETWEEN ${inicio}::date AND ${hasta}::date GROUP BY 1
    ),
    inter AS (
      SELECT date_trunc('month', (i.fecha AT TIME ZONE 'America/Santiago'))::date AS mes, count(*) AS n
      FROM interacciones_cliente i JOIN u ON u.id_cliente = i.id_cliente
      WHERE i.fecha >= (${inicio}::date - 1)::timestamptz AND (i.fecha AT TIME ZONE 'America/Santiago')::date BETWEEN ${inicio}::date AND ${hasta}::date GROUP BY 1
    ),
    cot AS (
      SELECT date_trunc('month', q.fecha)::date AS mes, count(*) FILTER (WHERE q.estado = 'aceptada') AS a, count(*) FILTER (WHERE q.estado <> 'pendiente') AS r
      FROM cotizaciones q JOIN u ON u.id_cliente = q.id_cliente WHERE q.fecha BETWEEN ${inicio}::date AND ${hasta}::date GROUP BY 1
    ),
    act AS (SELECT mes, count(*) AS n FROM activos GROUP BY mes)
    SELECT to_char(m.mes, 'YYYY-MM') AS mes,
           CASE WHEN rp.previos > 0 THEN round(1000.0 * rp.retenidos / rp.previos) / 10 END AS retencion,
           CASE WHEN val.clientes > 0 THEN round(val.total / val.clientes) END AS valor_promedio,
           CASE WHEN enc.n > 0 THEN round(100.0 * (enc.p - enc.d) / enc.n) END AS nps,
           CASE WHEN act.n > 0 THEN round(100.0 * coalesce(inter.n, 0) / act.n) / 100 END AS frecuencia,
           CASE WHEN cot.r > 0 THEN round(1000.0 * cot.a / cot.r) / 10 END AS conversion
    FROM meses m
    LEFT JOIN ret rp ON rp.mes = (m.mes - interval '1 month')::date
    LEFT JOIN val ON val.mes = m.mes
    LEFT JOIN enc ON enc.mes = m.mes
    LEFT JOIN act ON act.mes = m.mes
    LEFT JOIN inter ON inter.mes = m.mes
    LEFT JOIN cot ON cot.mes = m.mes
    WHERE m.mes > ${inicio}::date
    ORDER BY m.mes`.execute(db);
  return r.rows.map((x) => ({
    mes: x.mes,
    retencion: x.retencion == null ? null : Number(x.retencion),
    valor_promedio: x.valor_promedio == null ? null : Number(x.valor_promedio),
    nps: x.nps == null ? null : Number(x.nps),
    frecuencia: x.frecuencia == null ? null : Number(x.frecuencia),
    conversion: x.conversion == null ? null : Number(x.conversion),
  })) as ({ mes: string } & Record<Kpi, number | null>)[];
}

/** The customers behind a KPI's number (click-through): who was retained or lost, who bought, who answered… */
export async function clientesDeKpi(
  db: Conexion,
  usuario: Usuario,
  kpi: Kpi,
  grupo: string | undefined,
  f: FiltrosKpi & { limit: number; offset: number },
  hoy: string = hoyEnSantiago(),
) {
  exigirRol(usuario, TODOS, 'ver los indicadores');
  const p = periodos(f, hoy);
  const u = universo(f);
  const conjuntos: Record<Kpi, RawBuilder<unknown>> = {
    retencion:
      grupo === 'perdidos'
        ? sql`SELECT id_cliente FROM (${clientesActivosEntre(p.anterior.desde, p.anterior.hasta)}) a EXCEPT SELECT id_cliente FROM (${clientesActivosEntre(p.desde, p.hasta)}) b`
        : sql`SELECT id_cliente FROM (${clientesActivosEntre(p.anterior.desde, p.anterior.hasta)}) a INTERSECT SELECT id_cliente FROM (${clientesActivosEntre(p.desde, p.hasta)}) b`,
    valor_promedio: sql`
      SELECT id_cliente FROM ordenes_trabajo WHERE estado IN ('terminada', 'entregada') AND coalesce(fecha_cierre, fecha_ingreso) BETWEEN ${p.desde}::date AND ${p.hasta}::date
      UNION SELECT id_cliente FROM pedidos_repuestos WHERE estado = 'entregado' AND coalesce(fecha_entrega, fecha) BETWEEN ${p.desde}::date AND ${p.hasta}::date`,
    nps: sql`SELECT id_cliente FROM encuestas_satisfaccion WHERE estado = 'respondida' AND fecha BETWEEN ${p.desde}::date AND ${p.hasta}::date
             ${grupo === 'detractores' ? sql`AND nps = -1` : grupo === 'promotores' ? sql`AND nps = 1` : grupo === 'pasivos' ? sql`AND nps = 0` : sql``}`,
    frecuencia: clientesActivosEntre(p.desde, p.hasta),
    conversion: sql`SELECT id_cliente FROM cotizaciones WHERE fecha BETWEEN ${p.desde}::date AND ${p.hasta}::date
                    ${grupo === 'pendientes' ? sql`AND estado = 'pendiente'` : grupo === 'aceptadas' ? sql`AND estado = 'aceptada'` : sql`AND estado <> 'pendiente'`}`,
  };
  const base = sql`FROM clientes c WHERE c.id_cliente IN (${conjuntos[kpi]}) AND c.id_cliente IN (${u})`;
  const [filas, total] = await Promise.all([
    sql<
      Record<string, unknown>
    >`SELECT c.id_cliente, c.nombre, c.rut, c.comuna, c.region, c.telefono, c.ultimo_contacto, c.activo ${base}
      ORDER BY lower(c.nombre), c.id_cliente LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db),
    sql<{ n: number }>`SELECT count(*) AS n ${base}`.execute(db),
  ]);
  return {
    kpi,
    grupo: grupo ?? null,
    periodo: { desde: p.desde, hasta: p.hasta },
    total: Number(total.rows[0]?.n ?? 0),
    items: filas.rows,
  };
}
