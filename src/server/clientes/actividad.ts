import { sql } from 'kysely';
import { restarMeses } from '../../shared/actividad.ts';
import { hoyEnSantiago } from '../../shared/formato.ts';
import type { Conexion } from '../db/tipos.ts';

/**
 * Records an activity of a cliente (DOMAIN.md "activo"): keeps `ultima_actividad` as the latest
 * one and `activo` true when it falls in the last 12 months. Call it inside the event's transaction.
 */
export async function registrarActividad(
  trx: Conexion,
  idCliente: number,
  fecha: Date,
  opciones: { esContacto?: boolean; hoy?: string } = {},
): Promise<void> {
  const limite = restarMeses(opciones.hoy ?? hoyEnSantiago(), 12);
  await trx
    .updateTable('clientes')
    .set((eb) => ({
      ultima_actividad: sql`greatest(${eb.ref('ultima_actividad')}, ${fecha})`,
      ...(opciones.esContacto ? { ultimo_contacto: sql`greatest(${eb.ref('ultimo_contacto')}, ${fecha})` } : {}),
      activo: sql<boolean>`(greatest(${eb.ref('ultima_actividad')}, ${fecha}) AT TIME ZONE 'America/Santiago')::date > ${limite}::date`,
    }))
    .where('id_cliente', '=', idCliente)
    .execute();
}

/**
 * Recomputes `ultima_actividad`, `ultimo_contacto` and `activo` of every cliente from the events
 * themselves, in one set-based statement. Runs daily because `activo` changes with time alone.
 */
export async function recalcularActividad(
  db: Conexion,
  hoy: string = hoyEnSantiago(),
  ids?: number[],
): Promise<number> {
  const limite = restarMeses(hoy, 12);
  // For a few clientes (a merge), every subquery filters by them so no table is read whole.
  const soloIds = ids ? sql`AND id_cliente = ANY(${sql.val(ids)}::int[])` : sql``;
  const resultado = await sql`
    WITH eventos AS (
      SELECT id_cliente, max(fecha) AS ultima, max(fecha) AS contacto FROM interacciones_cliente WHERE true ${soloIds} GROUP BY id_cliente
      UNION ALL
      SELECT id_cliente, max(coalesce(fecha_cierre, fecha_ingreso)::timestamp AT TIME ZONE 'America/Santiago'), NULL
        FROM ordenes_trabajo WHERE estado <> 'cancelada' ${soloIds} GROUP BY id_cliente
      UNION ALL
      SELECT id_cliente, max(coalesce(fecha_entrega, fecha)::timestamp AT TIME ZONE 'America/Santiago'), NULL
        FROM pedidos_repuestos WHERE estado <> 'cancelado' ${soloIds} GROUP BY id_cliente
      UNION ALL
      SELECT id_cliente, max(fecha::timestamp AT TIME ZONE 'America/Santiago'), NULL FROM cotizaciones WHERE true ${soloIds} GROUP BY id_cliente
      UNION ALL
      SELECT id_cliente, max(coalesce(respondida_en, fecha::timestamp AT TIME ZONE 'America/Santiago')), NULL
        FROM encuestas_satisfaccion WHERE estado = 'respondida' ${soloIds} GROUP BY id_cliente
    ),
    resumen AS (
      SELECT c.id_cliente, max(e.ultima) AS ultima, max(e.contacto) AS contacto
      FROM clientes c LEFT JOIN eventos e ON e.id_cliente = c.id_cliente
      WHERE true ${ids ? sql`AND c.id_cliente = ANY(${sql.val(ids)}::int[])` : sql``}
      GROUP BY c.id_cliente
    )
    UPDATE clientes c
    SET ultima_actividad = r.ultima,
        ultimo_contacto = r.contacto,
        activo = coalesce((r.ultima AT TIME ZONE 'America/Santiago')::date > ${limite}::date, false)
    FROM resumen r
    WHERE r.id_cliente = c.id_cliente
      AND (c.ultima_actividad IS DISTINCT FROM r.ultima
        OR c.ultimo_contacto IS DISTINCT FROM r.contacto
        OR c.activo IS DISTINCT FROM coalesce((r.ultima AT TIME ZONE 'America/Santiago')::date > ${limite}::date, false))
  `.execute(db);
  return Number(resultado.numAffectedRows ?? 0);
}

/**
 * SQL for the clientes with any activity (interacción, non-cancelled orden or pedido, cotización,
 * encuesta answered) between two calendar dates in Santiago, inclusive: the base of retention
 * and of every "active in the period" figure (DOMAIN.md "KPIs").
 */
export function clientesActivosEntre(desde: string, hasta: string) {
  return sql<{ id_cliente: number }>`
    SELECT id_cliente FROM interacciones_cliente
      WHERE fecha >= (${desde}::date::timestamp AT TIME ZONE 'America/Santiago')
        AND fecha < ((${hasta}::date + 1)::timestamp AT TIME ZONE 'America/Santiago')
    UNION SELECT id_cliente FROM ordenes_trabajo
      WHERE estado <> 'cancelada' AND coalesce(fecha_cierre, fecha_ingreso) BETWEEN ${desde}::date AND ${hasta}::date
    UNION SELECT id_cliente FROM pedidos_repuestos
      WHERE estado <> 'cancelado' AND coalesce(fecha_entrega, fecha) BETWEEN ${desde}::date AND ${hasta}::date
    UNION SELECT id_cliente FROM cotizaciones WHERE fecha BETWEEN ${desde}::date AND ${hasta}::date
    UNION SELECT id_cliente FROM encuestas_satisfaccion
      WHERE estado = 'respondida' AND coalesce((respondida_en AT TIME ZONE 'America/Santiago')::date, fecha) BETWEEN ${desde}::date AND ${hasta}::date`;
}
