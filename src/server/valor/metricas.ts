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
    it AS (
      SELECT id_cliente,
             max(fecha) AS ultima,
             count(*) FILTER (WHERE (fecha AT TIME ZONE 'America/Santiago')::date > ${desde}::date) AS anio
      FROM interacciones_cliente WHERE true ${filtro(sql`id_cliente`)} GROUP BY id_cliente
    )
    INSERT INTO metricas_clientes AS m (
      id_cliente, cantidad_equipos, cantidad_mantenciones_solicitadas, cantidad_pedidos_repuestos,
      ultima_interaccion, cantidad_interacciones_ultimo_anio, valor_cliente, fecha_actualizacion,
      cliente_recurrente, dias_desde_ultima_interaccion, valor_ultimo_anio
    )
    SELECT b.id_cliente,
           coalesce(eq.n, 0), coalesce(ot.n, 0), coalesce(pe.n, 0),
           it.ultima, coalesce(it.anio, 0),
           coalesce(ot.valor, 0) + coalesce(pe.valor, 0),
           ${opciones.ahora ?? new Date()}::timestamptz,
           coalesce(ot.completadas_anio, 0) + coalesce(pe.entregados_anio, 0) >= 2,
           ${hoy}::date - (it.ultima AT TIME ZONE 'America/Santiago')::date,
           coalesce(ot.valor_anio, 0) + coalesce(pe.valor_anio, 0)
    FROM base b
    LEFT JOIN eq ON eq.id_cliente = b.id_cliente
    LEFT JOIN ot ON ot.id_cliente = b.id_cliente
    LEFT JOIN pe ON pe.id_cliente = b.id_cliente
    LEFT JOIN it ON it.id_cliente = b.id_cliente
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
      valor_ultimo_anio = excluded.valor_ultimo_anio
  `.execute(db);
  if (!ids) {
    // The workshop's average customer value, for the ficha's comparison without scanning every request.
    await sql`
      INSERT INTO ajustes (clave, valor)
      SELECT 'valor_cliente_promedio', to_jsonb(coalesce(round(avg(valor_cliente)), 0)::int8)
      FROM metricas_clientes WHERE valor_cliente > 0
      ON CONFLICT (clave) DO UPDATE SET valor = excluded.valor`.execute(db);
  }
  return Number(resultado.numAffectedRows ?? 0);
}
