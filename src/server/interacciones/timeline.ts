import { sql } from 'kysely';
import { TIPOS_TIMELINE, type TipoTimeline } from '../../shared/interacciones.ts';
import { preparada, type Conexion } from '../db/tipos.ts';
import { noEncontrado } from '../http/errores.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';

export interface EventoTimeline {
  tipo: TipoTimeline;
  id: number;
  fecha: string;
  titulo: string;
  detalle: string | null;
  estado: string | null;
  monto: number | null;
  subtipo: string | null;
}

// Calendar dates become Santiago's midnight so they sort with the interactions' instants.
const FUENTES: Record<TipoTimeline, (id: number) => ReturnType<typeof sql>> = {
  interaccion: (id) => sql`
    SELECT 'interaccion' AS tipo, id_interaccion::int8 AS id, fecha, motivo AS titulo, coalesce(resultado, descripcion) AS detalle,
           CASE WHEN seguimiento_requerido AND seguimiento_completado_en IS NULL THEN 'seguimiento pendiente' END AS estado,
           NULL::int8 AS monto, tipo AS subtipo
    FROM interacciones_cliente WHERE id_cliente = ${id}`,
  orden: (id) => sql`
    SELECT 'orden' AS tipo, id_orden::int8 AS id, fecha_ingreso::timestamp AT TIME ZONE 'America/Santiago' AS fecha,
           'Orden ' || coalesce(numero, id_orden::text) || ' · ' || tipo AS titulo, descripcion AS detalle, estado,
           monto_total AS monto, tipo AS subtipo
    FROM ordenes_trabajo WHERE id_cliente = ${id}`,
  pedido: (id) => sql`
    SELECT 'pedido' AS tipo, id_pedido::int8 AS id, fecha::timestamp AT TIME ZONE 'America/Santiago' AS fecha,
           'Pedido de repuestos ' || coalesce(numero, id_pedido::text) AS titulo, NULL::text AS detalle, estado,
           monto_total AS monto, NULL::text AS subtipo
    FROM pedidos_repuestos WHERE id_cliente = ${id}`,
  cotizacion: (id) => sql`
    SELECT 'cotizacion' AS tipo, id_cotizacion::int8 AS id, fecha::timestamp AT TIME ZONE 'America/Santiago' AS fecha,
           'Cotización ' || coalesce(numero, id_cotizacion::text) AS titulo, descripcion AS detalle, estado,
           monto_total AS monto, NULL::text AS subtipo
    FROM cotizaciones WHERE id_cliente = ${id}`,
  encuesta: (id) => sql`
    SELECT 'encuesta' AS tipo, id_encuesta::int8 AS id,
           coalesce(respondida_en, fecha::timestamp AT TIME ZONE 'America/Santiago') AS fecha,
           CASE WHEN puntuacion_general IS NULL THEN 'Encuesta de satisfacción (sin respuesta)'
                ELSE 'Encuesta de satisfacción: ' || puntuacion_general || '/10' END AS titulo,
           comentarios AS detalle, estado, NULL::int8 AS monto,
           CASE nps WHEN 1 THEN 'promotor' WHEN 0 THEN 'pasivo' WHEN -1 THEN 'detractor' END AS subtipo
    FROM encuestas_satisfaccion WHERE id_cliente = ${id}`,
};

/** Historia cronológica de un cliente: interacciones, órdenes, pedidos, cotizaciones y encuestas, paginada. */
export async function timelineCliente(
  db: Conexion,
  usuario: Usuario,
  idCliente: number,
  f: { tipo?: TipoTimeline[]; limit: number; offset: number },
) {
  exigirRol(usuario, TODOS, 'ver la historia del cliente');
  const tipos = f.tipo?.length ? f.tipo : [...TIPOS_TIMELINE];
  const union = sql.join(
    tipos.map((t) => FUENTES[t](idCliente)),
    sql` UNION ALL `,
  );
  // One prepared statement (one text per set of kinds): existence, total and page in a round trip.
  type Fila = { existe: boolean; total: number; items: (Omit<EventoTimeline, 'fecha'> & { fecha: string })[] };
  const respuesta = await sql<Fila>`${preparada}
    WITH t AS (${union})
    SELECT EXISTS (SELECT 1 FROM clientes WHERE id_cliente = ${idCliente}) AS existe,
           (SELECT count(*) FROM t) AS total,
           coalesce((SELECT json_agg(p ORDER BY p.fecha DESC, p.tipo, p.id DESC) FROM (
             SELECT * FROM t ORDER BY fecha DESC, tipo, id DESC LIMIT ${f.limit} OFFSET ${f.offset}) AS p), '[]') AS items`.execute(
    db,
  );
  const fila = respuesta.rows[0]!;
  if (!fila.existe) throw noEncontrado(`El cliente ${idCliente}`);
  return {
    total: Number(fila.total),
    limit: f.limit,
    offset: f.offset,
    items: fila.items.map((r) => ({
      ...r,
      id: Number(r.id),
      fecha: new Date(r.fecha).toISOString(),
      monto: r.monto == null ? null : Number(r.monto),
    })),
  };
}
