import { sql, type RawBuilder } from 'kysely';
import { restarMeses } from '../../shared/actividad.ts';
import { hoyEnSantiago } from '../../shared/formato.ts';
import type { Conexion } from '../db/tipos.ts';

/**
 * Recomputes `metricas_clientes` (DOMAIN.md "Value and segmentation") in one set-based statement,
 * for the given clientes (inside an event's transaction) or for all of them (nightly job):
 * - valor_cliente: monto of completed órdenes (terminada, entregada) + delivered pedidos, all time;
 * - cliente_recurrente: ≥ 2 of those completed in the last 12 months;
 * - counts of equipos (active), órdenes and pedidos (every one requested), interacciones of the year.
 */
export async function recalcularMetricas(
  db: Conexion,
  opciones: { ids?: number[]; hoy?: string; ahora?: Date } = {},
): Promise<number> {
  const hoy = opciones.hoy ?? hoyEnSantiago();
  const desde = restarMeses(hoy, 12);
  const ids = opciones.ids;
  if (ids && ids.length === 0) return 0;
  const filtro = (columna: RawBuilder<unknown>) => (ids ? sql`AND ${columna} = ANY(${sql.val(ids)}::int[])` : sql``);
  const resultado = await sql`
    WITH base AS (
      SELECT id_cliente FROM clientes WHERE true ${filtro(sql`id_cliente`)}
    ),
    eq AS (
      SELECT id_cliente, count(*) FILTER (WHERE activo) AS n FROM equipos WHERE true ${filtro(sql`id_cliente`)} GROUP BY id_cliente
    ),
    ot AS (
      SELECT id_cliente,
             count(*) AS n,
             coalesce(sum(monto_total) FILTER (WHERE estado IN ('terminada', 'entregada')), 0) AS valor,
             coalesce(sum(monto_total) FILTER (WHERE estado IN ('terminada', 'entregada')
               AND coalesce(fecha_cierre, fecha_ingreso) > ${desde}::date), 0) AS valor_anio,
             count(*) FILTER (WHERE estado IN ('terminada', 'entregada')
               AND coalesce(fecha_cierre, fecha_ingreso) > ${desde}::date) AS completadas_anio
      FROM ordenes_trabajo WHERE true ${filtro(sql`id_cliente`)} GROUP BY id_cliente
    ),
    pe AS (
      SELECT id_cliente,
             count(*) AS n,
             coalesce(sum(monto_total) FILTER (WHERE estado = 'entregado'), 0) AS valor,
             coalesce(sum(monto_total) FILTER (WHERE estado = 'entregado'
               AND coalesce(fecha_entrega, fecha) > ${desde}::date), 0) AS valor_anio,
             count(*) FILTER (WHERE estado = 'entregado' AND coalesce(fecha_entrega, fecha) > ${desde}::date) AS entregados_anio
      FROM pedidos_repuestos WHERE true ${filtro(sql`id_cliente`)} GROUP BY id_cliente
    ),
    pot AS (
      -- Valor potencial anual: gasto esperado por tipo, escalado por las horas de uso del equipo.
      SELECT e.id_cliente,
             round(sum(g.monto_anual * CASE WHEN e.horas_anuales IS NULL THEN 1
                   ELSE least(greatest(e.horas_anuales / g.horas_referencia, 0.25), 3) END)) AS valor
      FROM equipos e JOIN gasto_esperado_tipo g ON g.tipo = e.tipo
      WHERE e.activo ${filtro(sql`e.id_cliente`)} GROUP BY e.id_cliente
    ),
    it AS (
      SELECT id_cliente,
             max(fecha) AS ultima,
             count(*) FILTER (WHERE (fecha AT TIME ZONE 'America/Santiago')::date > ${desde}::date) AS anio
      FROM interacciones_cliente WHERE true ${filtro(sql`id_cliente`)} GROUP BY id_cliente
    )
    INSERT INTO metricas_clientes AS m (
      id_cliente, cantidad_equipos, cantidad_mantenciones_solicitadas, cantidad_pedidos_repuestos,
      ultima_interaccion, cantidad_interacciones_ultimo_anio, valor_cliente, fecha_actualizacion,
      cliente_recurrente, dias_desde_ultima_interaccion, valor_ultimo_anio, valor_potencial
    )
    SELECT b.id_cliente,
           coalesce(eq.n, 0), coalesce(ot.n, 0), coalesce(pe.n, 0),
           it.ultima, coalesce(it.anio, 0),
           coalesce(ot.valor, 0) + coalesce(pe.valor, 0),
           ${opciones.ahora ?? new Date()}::timestamptz,
           coalesce(ot.completadas_anio, 0) + coalesce(pe.entregados_anio, 0) >= 2,
           ${hoy}::date - (it.ultima AT TIME ZONE 'America/Santiago')::date,
           coalesce(ot.valor_anio, 0) + coalesce(pe.valor_anio, 0),
           coalesce(pot.valor, 0)
    FROM base b
    LEFT JOIN eq ON eq.id_cliente = b.id_cliente
    LEFT JOIN ot ON ot.id_cliente = b.id_cliente
    LEFT JOIN pe ON pe.id_cliente = b.id_cliente
    LEFT JOIN it ON it.id_cliente = b.id_cliente
    LEFT JOIN pot ON pot.id_cliente = b.id_cliente
    ON CONFLICT (id_cliente) DO UPDATE SET
      cantidad_equipos = excluded.cantidad_equipos,
      cantidad_mantenciones_solicitadas = excluded.cantidad_mantenciones_solicitadas,
      cantidad_pedidos_repuestos = excluded.cantidad_pedidos_repuestos,
      ultima_interaccion = excluded.ultima_interaccion,
      cantidad_interacciones_ultimo_anio = excluded.cantidad_interacciones_ultimo_anio,
      valor_cliente = excluded.valor_cliente,
      fecha_actualizacion = excluded.fecha_actualizacion,
      cliente_recurrente = excluded.cliente_recurrente,
      dias_desde_ultima_interaccion = excluded.dias_desde_ultima_interaccion,
      valor_ultimo_anio = excluded.valor_ultimo_anio,
      valor_potencial = excluded.valor_potencial
  `.execute(db);
  if (!ids) {
    await recalcularSegmentos(db);
    // Summaries built on the old figures (dashboard, segments) are recomputed on next view.
    await sql`DELETE FROM resumenes`.execute(db);
    // The workshop's average customer value, for the ficha's comparison without scanning every request.
    await sql`
      INSERT INTO ajustes (clave, valor)
      SELECT 'valor_cliente_promedio', to_jsonb(coalesce(round(avg(valor_cliente)), 0)::int8)
      FROM metricas_clientes WHERE valor_cliente > 0
      ON CONFLICT (clave) DO UPDATE SET valor = excluded.valor`.execute(db);
  }
  return Number(resultado.numAffectedRows ?? 0);
}

/**
 * Segmentación (DOMAIN.md): ABC por valor histórico — ordenados de mayor a menor, A son los que
 * juntan el 80 % del valor total (incluido el cliente que cruza el 80 %), B los que siguen hasta
 * el 95 % y C el resto, incluidos los de valor 0 — cruzado con potencial alto/bajo: brecha
 * (potencial − valor del último año) sobre la mediana de las brechas.
 */
export async function recalcularSegmentos(db: Conexion): Promise<void> {
  await sql`
    WITH orden AS (
      SELECT id_cliente, valor_cliente,
             coalesce(sum(valor_cliente) OVER (ORDER BY valor_cliente DESC, id_cliente
                                               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS previo,
             sum(valor_cliente) OVER () AS total,
             valor_potencial - valor_ultimo_anio AS brecha
      FROM metricas_clientes
    ),
    mediana AS (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY brecha) AS m FROM orden)
    UPDATE metricas_clientes mc
    SET segmento_abc = CASE WHEN o.valor_cliente <= 0 OR o.total <= 0 THEN 'C'
                            WHEN o.previo < 0.80 * o.total THEN 'A'
                            WHEN o.previo < 0.95 * o.total THEN 'B'
                            ELSE 'C' END,
        potencial_alto = o.brecha > (SELECT m FROM mediana)
    FROM orden o
    WHERE o.id_cliente = mc.id_cliente`.execute(db);
}
