import { sql } from 'kysely';
import { restarMeses } from '../../shared/actividad.ts';
import { hoyEnSantiago } from '../../shared/formato.ts';
import type { Conexion } from '../db/tipos.ts';

export interface Diferencia {
  id_cliente: number;
  columna: string;
  tabla: unknown;
  calculado: unknown;
}

/**
 * Compares `metricas_clientes` with a from-scratch computation written independently of the
 * recompute (one correlated subquery per column, straight from DOMAIN.md), so a bug in the
 * set-based recompute cannot hide in both. Returns every mismatch.
 */
export async function verificarMetricas(db: Conexion, hoy: string = hoyEnSantiago()): Promise<Diferencia[]> {
  const desde = restarMeses(hoy, 12);
  const filas = await sql<Record<string, unknown> & { id_cliente: number }>`
    SELECT c.id_cliente,
      m.cantidad_equipos AS t_equipos,
      (SELECT count(*) FROM equipos e WHERE e.id_cliente = c.id_cliente AND e.activo) AS c_equipos,
      m.cantidad_mantenciones_solicitadas AS t_mantenciones,
      (SELECT count(*) FROM ordenes_trabajo o WHERE o.id_cliente = c.id_cliente) AS c_mantenciones,
      m.cantidad_pedidos_repuestos AS t_pedidos,
      (SELECT count(*) FROM pedidos_repuestos p WHERE p.id_cliente = c.id_cliente) AS c_pedidos,
      m.ultima_interaccion AS t_ultima,
      (SELECT max(i.fecha) FROM interacciones_cliente i WHERE i.id_cliente = c.id_cliente) AS c_ultima,
      m.cantidad_interacciones_ultimo_anio AS t_interacciones,
      (SELECT count(*) FROM interacciones_cliente i WHERE i.id_cliente = c.id_cliente
         AND (i.fecha AT TIME ZONE 'America/Santiago')::date > ${desde}::date) AS c_interacciones,
      m.valor_cliente AS t_valor,
      (SELECT coalesce(sum(o.monto_total), 0) FROM ordenes_trabajo o WHERE o.id_cliente = c.id_cliente AND o.estado IN ('terminada', 'entregada'))
        + (SELECT coalesce(sum(p.monto_total), 0) FROM pedidos_repuestos p WHERE p.id_cliente = c.id_cliente AND p.estado = 'entregado') AS c_valor,
      m.cliente_recurrente AS t_recurrente,
      ((SELECT count(*) FROM ordenes_trabajo o WHERE o.id_cliente = c.id_cliente AND o.estado IN ('terminada', 'entregada')
          AND coalesce(o.fecha_cierre, o.fecha_ingreso) > ${desde}::date)
       + (SELECT count(*) FROM pedidos_repuestos p WHERE p.id_cliente = c.id_cliente AND p.estado = 'entregado'
          AND coalesce(p.fecha_entrega, p.fecha) > ${desde}::date)) >= 2 AS c_recurrente,
      m.dias_desde_ultima_interaccion AS t_dias,
      ${hoy}::date - (SELECT max((i.fecha AT TIME ZONE 'America/Santiago')::date) FROM interacciones_cliente i WHERE i.id_cliente = c.id_cliente) AS c_dias
    FROM clientes c LEFT JOIN metricas_clientes m ON m.id_cliente = c.id_cliente`.execute(db);
  const diferencias: Diferencia[] = [];
  const normal = (v: unknown) =>
    v instanceof Date ? v.toISOString() : v == null ? null : typeof v === 'boolean' ? v : Number(v);
  for (const f of filas.rows) {
    for (const columna of [
      'equipos',
      'mantenciones',
      'pedidos',
      'ultima',
      'interacciones',
      'valor',
      'recurrente',
      'dias',
    ]) {
      const tabla = normal(f[`t_${columna}`]);
      const calculado = normal(f[`c_${columna}`]);
      if (tabla !== calculado) diferencias.push({ id_cliente: f.id_cliente, columna, tabla, calculado });
    }
  }
  return diferencias;
}
