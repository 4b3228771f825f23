import { sql, type RawBuilder } from 'kysely';
import { restarMeses } from '../../shared/actividad.ts';
import { hoyEnSantiago } from '../../shared/formato.ts';
import { formatearRut } from '../../shared/rut.ts';
import { buscarRegion } from '../../shared/territorio.ts';
import { clientesActivosEntre } from '../clientes/actividad.ts';
import type { Conexion } from '../db/tipos.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import { conResumen } from '../kpis/cache.ts';
import type { Usuario } from '../usuarios/usuarios.ts';

const diaAntes = (fecha: string) => new Date(Date.parse(`${fecha}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Value of completed órdenes + delivered pedidos per cliente in [desde, hasta] (DOMAIN.md). */
function valorEntre(desde: string, hasta: string, ids?: RawBuilder<unknown>) {
  const de = ids ? sql`AND id_cliente IN (${ids})` : sql``;
  return sql`
    SELECT id_cliente, sum(monto_total) AS valor FROM (
      SELECT id_cliente, monto_total FROM ordenes_trabajo
        WHERE estado IN ('terminada', 'entregada') AND coalesce(fecha_cierre, fecha_ingreso) BETWEEN ${desde}::date AND ${hasta}::date ${de}
      UNION ALL
      SELECT id_cliente, monto_total FROM pedidos_repuestos
        WHERE estado = 'entregado' AND coalesce(fecha_entrega, fecha) BETWEEN ${desde}::date AND ${hasta}::date ${de}
    ) v GROUP BY id_cliente`;
}

/**
 * Ranking de clientes por valor (seed, reporte 2): posición por valor histórico, valor del período
 * y del período anterior de igual largo (tendencia), segmento y región.
 */
export async function rankingValor(
  db: Conexion,
  usuario: Usuario,
  f: { desde?: string; hasta?: string; region?: string; segmento?: 'A' | 'B' | 'C'; limit: number; offset: number },
  hoy: string = hoyEnSantiago(),
) {
  exigirRol(usuario, TODOS, 'ver el ranking de valor');
  const hasta = f.hasta ?? hoy;
  const desde = f.desde ?? restarMeses(hasta, 12);
  const dias = Math.round((Date.parse(hasta) - Date.parse(desde)) / 86_400_000);
  const hastaAnterior = diaAntes(desde);
  const desdeAnterior = new Date(Date.parse(`${hastaAnterior}T12:00:00Z`) - dias * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const region = f.region ? (buscarRegion(f.region)?.region ?? '∅') : null;
  const filtro = sql`WHERE NOT c.archivado ${region ? sql`AND c.region = ${region}` : sql``} ${f.segmento ? sql`AND m.segmento_abc = ${f.segmento}` : sql``}`;
  const [filas, total] = await Promise.all([
    sql<Record<string, unknown>>`
      -- The page first (by historical value, from the metrics), then the period values of those rows only.
      WITH pagina AS (
        SELECT c.id_cliente, c.nombre, c.rut, c.comuna, c.region, m.valor_cliente, m.segmento_abc, m.potencial_alto, m.cliente_recurrente
        FROM clientes c JOIN metricas_clientes m ON m.id_cliente = c.id_cliente
        ${filtro}
        ORDER BY m.valor_cliente DESC, c.id_cliente
        LIMIT ${f.limit} OFFSET ${f.offset}
      ),
      actual AS (${valorEntre(desde, hasta, sql`SELECT id_cliente FROM pagina`)}),
      anterior AS (${valorEntre(desdeAnterior, hastaAnterior, sql`SELECT id_cliente FROM pagina`)})
      SELECT row_number() OVER (ORDER BY g.valor_cliente DESC, g.id_cliente) AS posicion,
             g.id_cliente, g.nombre, g.rut, g.comuna, g.region, g.valor_cliente AS valor_historico,
             coalesce(a.valor, 0) AS valor_periodo, coalesce(p.valor, 0) AS valor_periodo_anterior,
             g.segmento_abc, g.potencial_alto, g.cliente_recurrente
      FROM pagina g
      LEFT JOIN actual a ON a.id_cliente = g.id_cliente
      LEFT JOIN anterior p ON p.id_cliente = g.id_cliente
      ORDER BY g.valor_cliente DESC, g.id_cliente`.execute(db),
    sql<{
      n: number;
    }>`SELECT count(*) AS n FROM clientes c JOIN metricas_clientes m ON m.id_cliente = c.id_cliente ${filtro}`.execute(
      db,
    ),
  ]);
  return {
    periodo: { desde, hasta, anterior: { desde: desdeAnterior, hasta: hastaAnterior } },
    total: Number(total.rows[0]?.n ?? 0),
    limit: f.limit,
    offset: f.offset,
    items: filas.rows.map((r) => {
      const actual = Number(r.valor_periodo);
      const anterior = Number(r.valor_periodo_anterior);
      return {
        ...r,
        posicion: Number(r.posicion) + f.offset,
        rut_formateado: formatearRut(String(r.rut)),
        valor_historico: Number(r.valor_historico),
        valor_periodo: actual,
        valor_periodo_anterior: anterior,
        tendencia: anterior > 0 ? Math.round(((actual - anterior) / anterior) * 1000) / 10 : actual > 0 ? null : 0,
      };
    }),
  };
}

/**
 * Segmentos lado a lado: la matriz ABC × potencial (cantidad y valor por celda) y, por segmento,
 * cantidad, valor total y promedio, frecuencia de interacción, NPS, retención, % de recurrentes y
 * valor de oportunidad (la brecha positiva), en los últimos 12 meses.
 */
export async function reporteSegmentos(
  db: Conexion,
  usuario: Usuario,
  hoy: string = hoyEnSantiago(),
  opciones: { vigenciaMs?: number } = {},
) {
  exigirRol(usuario, TODOS, 'ver los segmentos');
  // Segments only change with the nightly recompute; retention over two years of events is kept
  // 15 minutes in `resumenes` instead of recomputed on every page view.
  return conResumen(db, `segmentos:${hoy}`, opciones.vigenciaMs ?? 15 * 60_000, () => calcularSegmentos(db, hoy));
}

async function calcularSegmentos(db: Conexion, hoy: string) {
  const desde = restarMeses(hoy, 12);
  const hastaAnterior = desde;
  const desdeAnterior = restarMeses(hoy, 24);
  const r = await sql<Record<string, unknown>>`
    WITH activos AS (${clientesActivosEntre(new Date(Date.parse(`${desde}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10), hoy)}),
    activos_antes AS (${clientesActivosEntre(new Date(Date.parse(`${desdeAnterior}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10), hastaAnterior)}),
    inter AS (
      SELECT id_cliente, count(*) AS n FROM interacciones_cliente
      WHERE (fecha AT TIME ZONE 'America/Santiago')::date > ${desde}::date GROUP BY id_cliente
    ),
    enc AS (
      SELECT id_cliente, count(*) AS n, count(*) FILTER (WHERE nps = 1) AS p, count(*) FILTER (WHERE nps = -1) AS d
      FROM encuestas_satisfaccion WHERE estado = 'respondida' AND fecha > ${desde}::date GROUP BY id_cliente
    )
    SELECT coalesce(m.segmento_abc, 'C') AS segmento, coalesce(m.potencial_alto, false) AS potencial_alto,
           count(*) AS clientes,
           sum(m.valor_cliente) AS valor_total,
           sum(m.valor_ultimo_anio) AS valor_ultimo_anio,
           sum(coalesce(i.n, 0)) AS interacciones,
           count(*) FILTER (WHERE a.id_cliente IS NOT NULL) AS activos,
           count(*) FILTER (WHERE b.id_cliente IS NOT NULL) AS activos_antes,
           count(*) FILTER (WHERE a.id_cliente IS NOT NULL AND b.id_cliente IS NOT NULL) AS retenidos,
           count(*) FILTER (WHERE m.cliente_recurrente) AS recurrentes,
           sum(greatest(m.valor_potencial - m.valor_ultimo_anio, 0)) AS oportunidad,
           sum(coalesce(e.n, 0)) AS encuestas, sum(coalesce(e.p, 0)) AS promotores, sum(coalesce(e.d, 0)) AS detractores
    FROM clientes c
    JOIN metricas_clientes m ON m.id_cliente = c.id_cliente
    LEFT JOIN activos a ON a.id_cliente = c.id_cliente
    LEFT JOIN activos_antes b ON b.id_cliente = c.id_cliente
    LEFT JOIN inter i ON i.id_cliente = c.id_cliente
    LEFT JOIN enc e ON e.id_cliente = c.id_cliente
    WHERE NOT c.archivado
    GROUP BY 1, 2 ORDER BY 1, 2 DESC`.execute(db);
  const celdas = r.rows.map((x) => ({
    segmento: String(x.segmento),
    potencial_alto: Boolean(x.potencial_alto),
    ...Object.fromEntries(
      Object.entries(x)
        .filter(([k]) => k !== 'segmento' && k !== 'potencial_alto')
        .map(([k, v]) => [k, Number(v)]),
    ),
  })) as ({ segmento: string; potencial_alto: boolean } & Record<string, number>)[];
  const resumir = (filas: typeof celdas) => {
    const s = (k: string) => filas.reduce((t, f) => t + (f[k] ?? 0), 0);
    const clientes = s('clientes');
    return {
      clientes,
      valor_total: s('valor_total'),
      valor_promedio: clientes ? Math.round(s('valor_total') / clientes) : 0,
      valor_ultimo_anio: s('valor_ultimo_anio'),
      frecuencia_interaccion: s('activos') ? Math.round((s('interacciones') / s('activos')) * 100) / 100 : null,
      nps: s('encuestas') ? Math.round((100 * (s('promotores') - s('detractores'))) / s('encuestas')) : null,
      retencion: s('activos_antes') ? Math.round((1000 * s('retenidos')) / s('activos_antes')) / 10 : null,
      recurrentes: clientes ? Math.round((1000 * s('recurrentes')) / clientes) / 10 : 0,
      valor_oportunidad: s('oportunidad'),
    };
  };
  return {
    periodo: { desde, hasta: hoy },
    matriz: celdas.map((c) => ({
      segmento: c.segmento,
      potencial: c.potencial_alto ? 'alto' : 'bajo',
      clientes: c.clientes,
      valor_total: c.valor_total,
    })),
    comparacion: [
      ...['A', 'B', 'C'].map((seg) => ({ segmento: seg, ...resumir(celdas.filter((c) => c.segmento === seg)) })),
      ...['A', 'B', 'C'].flatMap((seg) =>
        [true, false].map((alto) => ({
          segmento: `${seg} / ${alto ? 'alto' : 'bajo'}`,
          ...resumir(celdas.filter((c) => c.segmento === seg && c.potencial_alto === alto)),
        })),
      ),
    ],
  };
}
