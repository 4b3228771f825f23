import { sql } from 'kysely';
import { restarMeses } from '../../shared/actividad.ts';
import { hoyEnSantiago } from '../../shared/formato.ts';
import { formatearRut } from '../../shared/rut.ts';
import { buscarRegion } from '../../shared/territorio.ts';
import type { Conexion } from '../db/tipos.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';

/**
 * Clientes inactivos (seed, reporte 5): sin interacción en los últimos N meses (6 por defecto),
 * con último contacto, valor, segmento, equipos (y su antigüedad) y región.
 */
export async function reporteInactivos(
  db: Conexion,
  usuario: Usuario,
  f: { meses: number; region?: string; segmento?: 'A' | 'B' | 'C'; limit: number; offset: number },
  hoy: string = hoyEnSantiago(),
) {
  exigirRol(usuario, TODOS, 'ver clientes inactivos');
  const limite = restarMeses(hoy, f.meses);
  const region = f.region ? (buscarRegion(f.region)?.region ?? '∅') : null;
  const where = sql`
    WHERE NOT c.archivado AND NOT c.anonimizado
      AND (c.ultimo_contacto IS NULL OR c.ultimo_contacto < (${limite}::date + 1)::timestamp AT TIME ZONE 'America/Santiago')
      ${region ? sql`AND c.region = ${region}` : sql``} ${f.segmento ? sql`AND m.segmento_abc = ${f.segmento}` : sql``}`;
  const [filas, total] = await Promise.all([
    sql<Record<string, unknown> & { rut: string }>`
      SELECT c.id_cliente, c.nombre, c.rut, c.comuna, c.region, c.telefono, c.email, c.ultimo_contacto,
             ${hoy}::date - (c.ultimo_contacto AT TIME ZONE 'America/Santiago')::date AS dias_sin_contacto,
             coalesce(m.valor_cliente, 0) AS valor_cliente, m.segmento_abc, m.potencial_alto,
             coalesce((SELECT jsonb_agg(jsonb_build_object('id_equipo', e.id_equipo, 'tipo', e.tipo, 'marca', e.marca, 'modelo', e.modelo,
                                        'anio', e.anio, 'antiguedad', extract(year FROM ${hoy}::date)::int - e.anio,
                                        'ultimo_servicio', e.ultimo_servicio, 'proxima_mantencion', e.proxima_mantencion) ORDER BY e.id_equipo)
                       FROM equipos e WHERE e.id_cliente = c.id_cliente AND e.activo), '[]'::jsonb) AS equipos
      FROM clientes c LEFT JOIN metricas_clientes m ON m.id_cliente = c.id_cliente
      ${where}
      ORDER BY coalesce(m.valor_cliente, 0) DESC, c.id_cliente LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db),
    sql<{
      n: number;
    }>`SELECT count(*) AS n FROM clientes c LEFT JOIN metricas_clientes m ON m.id_cliente = c.id_cliente ${where}`.execute(
      db,
    ),
  ]);
  return {
    meses: f.meses,
    desde: limite,
    total: Number(total.rows[0]?.n ?? 0),
    items: filas.rows.map((r) => ({
      ...r,
      rut_formateado: formatearRut(r.rut),
      valor_cliente: Number(r.valor_cliente),
      dias_sin_contacto: r.dias_sin_contacto == null ? null : Number(r.dias_sin_contacto),
    })),
  };
}
