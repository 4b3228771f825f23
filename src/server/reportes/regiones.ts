import { sql } from 'kysely';
import { restarMeses } from '../../shared/actividad.ts';
import { hoyEnSantiago } from '../../shared/formato.ts';
import { buscarRegion, REGIONES } from '../../shared/territorio.ts';
import type { Conexion } from '../db/tipos.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';

/**
 * Mapa de clientes por región (seed, reporte 3): por cada una de las 16 regiones, clientes,
 * activos, valor histórico, NPS de los últimos 12 meses y equipos activos; los clientes sin comuna
 * aparecen aparte para que los totales cuadren con el total de clientes.
 */
export async function reporteRegiones(db: Conexion, usuario: Usuario, hoy: string = hoyEnSantiago()) {
  exigirRol(usuario, TODOS, 'ver el mapa de clientes');
  const desde = restarMeses(hoy, 12);
  const r = await sql<{
    region: string | null;
    clientes: number;
    activos: number;
    valor: number;
    equipos: number;
    respondidas: number;
    p: number;
    d: number;
  }>`
    WITH clientes_region AS (
      SELECT c.region, count(*) AS clientes, count(*) FILTER (WHERE c.activo) AS activos,
             coalesce(sum(m.valor_cliente), 0) AS valor, coalesce(sum(m.cantidad_equipos), 0) AS equipos
      FROM clientes c LEFT JOIN metricas_clientes m ON m.id_cliente = c.id_cliente
      WHERE NOT c.archivado GROUP BY c.region),
    -- The year's surveys counted by region at once (an index-only walk), not per cliente first.
    nps_region AS (
      SELECT c.region, count(*) AS n, count(*) FILTER (WHERE e.nps = 1) AS p, count(*) FILTER (WHERE e.nps = -1) AS d
      FROM encuestas_satisfaccion e JOIN clientes c ON c.id_cliente = e.id_cliente
      WHERE e.estado = 'respondida' AND e.fecha > ${desde}::date AND NOT c.archivado GROUP BY c.region)
    SELECT r.region, r.clientes, r.activos, r.valor, r.equipos,
           coalesce(n.n, 0) AS respondidas, coalesce(n.p, 0) AS p, coalesce(n.d, 0) AS d
    FROM clientes_region r LEFT JOIN nps_region n ON n.region IS NOT DISTINCT FROM r.region`.execute(db);
  const fila = (x: (typeof r.rows)[number] | undefined) => ({
    clientes: Number(x?.clientes ?? 0),
    activos: Number(x?.activos ?? 0),
    valor: Number(x?.valor ?? 0),
    equipos: Number(x?.equipos ?? 0),
    nps:
      x && Number(x.respondidas) > 0 ? Math.round((100 * (Number(x.p) - Number(x.d))) / Number(x.respondidas)) : null,
  });
  const regiones = REGIONES.map((reg) => ({
    codigo_region: reg.codigo_region,
    region: reg.region,
    nombre_corto: reg.nombre_corto,
    ...fila(r.rows.find((x) => x.region === reg.region)),
  }));
  const sinRegion = fila(r.rows.find((x) => x.region == null));
  const total = r.rows.reduce((s, x) => s + Number(x.clientes), 0);
  return { periodo_nps: { desde, hasta: hoy }, total_clientes: total, regiones, sin_region: sinRegion };
}

/** Las comunas de una región con sus clientes, para el detalle al hacer clic en el mapa. */
export async function comunasDeRegion(db: Conexion, usuario: Usuario, region: string) {
  exigirRol(usuario, TODOS, 'ver el mapa de clientes');
  const reg = buscarRegion(region);
  if (!reg) return { region: null, comunas: [] };
  const r = await sql<{
    codigo_comuna: string;
    comuna: string;
    clientes: number;
    activos: number;
    valor: number;
    equipos: number;
  }>`
    SELECT co.codigo_comuna, co.nombre AS comuna, count(c.id_cliente) AS clientes, count(c.id_cliente) FILTER (WHERE c.activo) AS activos,
           coalesce(sum(m.valor_cliente), 0) AS valor, coalesce(sum(m.cantidad_equipos), 0) AS equipos
    FROM comunas co
    LEFT JOIN clientes c ON c.codigo_comuna = co.codigo_comuna AND NOT c.archivado
    LEFT JOIN metricas_clientes m ON m.id_cliente = c.id_cliente
    WHERE co.codigo_region = ${reg.codigo_region}
    GROUP BY co.codigo_comuna, co.nombre ORDER BY count(c.id_cliente) DESC, co.nombre`.execute(db);
  return {
    region: reg.region,
    comunas: r.rows.map((x) => ({
      ...x,
      clientes: Number(x.clientes),
      activos: Number(x.activos),
      valor: Number(x.valor),
      equipos: Number(x.equipos),
    })),
  };
}
