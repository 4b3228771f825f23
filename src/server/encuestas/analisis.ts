import { sql, type RawBuilder } from 'kysely';
import { restarMeses } from '../../shared/actividad.ts';
import { hoyEnSantiago } from '../../shared/formato.ts';
import { analizarDimensiones, DIMENSIONES } from '../../shared/satisfaccion.ts';
import { plegar } from '../../shared/texto.ts';
import type { Conexion } from '../db/tipos.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import { conResumen } from '../kpis/cache.ts';
import type { Usuario } from '../usuarios/usuarios.ts';

export interface FiltrosSatisfaccion {
  desde?: string;
  hasta?: string;
  id_tecnico?: number;
  tipo_orden?: 'preventiva' | 'correctiva' | 'garantia';
  segmento?: 'A' | 'B' | 'C';
}

/** Period of a report: default the last 12 months up to today (DOMAIN.md "KPIs"). */
export function periodo(f: { desde?: string; hasta?: string }, hoy: string = hoyEnSantiago()) {
  const hasta = f.hasta ?? hoy;
  return { desde: f.desde ?? restarMeses(hasta, 12), hasta };
}

/** Filters shared by every satisfaction query (técnico and tipo de orden via the survey's orden). */
function filtrosSql(f: FiltrosSatisfaccion): RawBuilder<unknown> {
  const partes: RawBuilder<unknown>[] = [];
  if (f.id_tecnico) partes.push(sql`AND o.id_tecnico = ${f.id_tecnico}`);
  if (f.tipo_orden) partes.push(sql`AND o.tipo = ${f.tipo_orden}`);
  if (f.segmento) partes.push(sql`AND m.segmento_abc = ${f.segmento}`);
  return sql.join(partes, sql` `);
}

const DESDE_ENCUESTAS = sql`
  FROM encuestas_satisfaccion s
  LEFT JOIN ordenes_trabajo o ON o.id_orden = s.id_orden
  LEFT JOIN metricas_clientes m ON m.id_cliente = s.id_cliente`;

/**
 * Análisis de satisfacción (seed, reporte 4): NPS del período con promotores/pasivos/detractores,
 * tendencia mensual de 24 meses del NPS y de cada dimensión, el área más débil con su brecha,
 * distribución de notas, tasa de respuesta y NPS por segmento.
 */
export async function analisisSatisfaccion(
  db: Conexion,
  usuario: Usuario,
  f: FiltrosSatisfaccion,
  hoy: string = hoyEnSantiago(),
) {
  exigirRol(usuario, TODOS, 'ver el análisis de satisfacción');
  // Aggregating years of surveys on every view is too slow at scale: the result is kept 15 minutes
  // in `resumenes`, and every new answer clears it so a fresh response is counted at once.
  const clave = `satisfaccion:${JSON.stringify({ ...f, hoy })}`;
  return conResumen(db, clave, 15 * 60_000, () => calcularAnalisis(db, f, hoy));
}

async function calcularAnalisis(db: Conexion, f: FiltrosSatisfaccion, hoy: string) {
  const { desde, hasta } = periodo(f, hoy);
  const inicioTendencia = `${restarMeses(hasta, 23).slice(0, 7)}-01`;
  const filtro = filtrosSql(f);
  const [resumen, tendencia, distribucion, envios, segmentos] = await Promise.all([
    sql<Record<string, number | null>>`
      SELECT count(*) AS respondidas,
             count(*) FILTER (WHERE s.nps = 1) AS promotores,
             count(*) FILTER (WHERE s.nps = 0) AS pasivos,
             count(*) FILTER (WHERE s.nps = -1) AS detractores,
             avg(s.puntuacion_general)::float8 AS general,
             avg(s.puntuacion_tiempo)::float8 AS tiempo, avg(s.puntuacion_calidad)::float8 AS calidad,
             avg(s.puntuacion_precio)::float8 AS precio, avg(s.puntuacion_atencion)::float8 AS atencion
      ${DESDE_ENCUESTAS}
      WHERE s.estado = 'respondida' AND s.fecha BETWEEN ${desde}::date AND ${hasta}::date ${filtro}`.execute(db),
    sql<{
      mes: string;
      n: number;
      p: number;
      d: number;
      tiempo: number;
      calidad: number;
      precio: number;
      atencion: number;
      general: number;
    }>`
      SELECT to_char(s.fecha, 'YYYY-MM') AS mes, count(*) AS n,
             count(*) FILTER (WHERE s.nps = 1) AS p, count(*) FILTER (WHERE s.nps = -1) AS d,
             avg(s.puntuacion_general)::float8 AS general,
             avg(s.puntuacion_tiempo)::float8 AS tiempo, avg(s.puntuacion_calidad)::float8 AS calidad,
             avg(s.puntuacion_precio)::float8 AS precio, avg(s.puntuacion_atencion)::float8 AS atencion
      ${DESDE_ENCUESTAS}
      WHERE s.estado = 'respondida' AND s.fecha BETWEEN ${inicioTendencia}::date AND ${hasta}::date ${filtro}
      GROUP BY 1 ORDER BY 1`.execute(db),
    sql<{ nota: number; n: number }>`
      SELECT s.puntuacion_general AS nota, count(*) AS n
      ${DESDE_ENCUESTAS}
      WHERE s.estado = 'respondida' AND s.fecha BETWEEN ${desde}::date AND ${hasta}::date ${filtro}
      GROUP BY 1`.execute(db),
    sql<{ enviadas: number; respondidas: number }>`
      SELECT count(*) AS enviadas, count(*) FILTER (WHERE s.estado = 'respondida') AS respondidas
      ${DESDE_ENCUESTAS}
      WHERE s.enviada_en IS NOT NULL
        AND (s.enviada_en AT TIME ZONE 'America/Santiago')::date BETWEEN ${desde}::date AND ${hasta}::date ${filtro}`.execute(
      db,
    ),
    sql<{ segmento: string | null; n: number; p: number; d: number }>`
      SELECT m.segmento_abc AS segmento, count(*) AS n, count(*) FILTER (WHERE s.nps = 1) AS p, count(*) FILTER (WHERE s.nps = -1) AS d
      ${DESDE_ENCUESTAS}
      WHERE s.estado = 'respondida' AND s.fecha BETWEEN ${desde}::date AND ${hasta}::date ${filtro}
      GROUP BY 1 ORDER BY 1`.execute(db),
  ]);
  const r = resumen.rows[0]!;
  const n = Number(r.respondidas);
  const redondear = (v: unknown) => (v == null ? null : Math.round(Number(v) * 100) / 100);
  const npsDe = (p: number, d: number, total: number) =>
    total ? Math.round((100 * (Number(p) - Number(d))) / Number(total)) : null;
  const meses: string[] = [];
  for (let i = 23; i >= 0; i--) meses.push(restarMeses(hasta, i).slice(0, 7));
  const porMes = new Map(tendencia.rows.map((t) => [t.mes, t]));
  const promedios = Object.fromEntries(DIMENSIONES.map((d) => [d, redondear(r[d])])) as Record<
    (typeof DIMENSIONES)[number],
    number | null
  >;
  const enviadas = Number(envios.rows[0]?.enviadas ?? 0);
  const respondidasDeEnviadas = Number(envios.rows[0]?.respondidas ?? 0);
  return {
    periodo: { desde, hasta },
    nps: {
      respondidas: n,
      promotores: Number(r.promotores),
      pasivos: Number(r.pasivos),
      detractores: Number(r.detractores),
      nps: npsDe(Number(r.promotores), Number(r.detractores), n),
      porcentajes: n
        ? {
            promotores: Math.round((100 * Number(r.promotores)) / n),
            pasivos: Math.round((100 * Number(r.pasivos)) / n),
            detractores: Math.round((100 * Number(r.detractores)) / n),
          }
        : null,
    },
    promedio_general: redondear(r.general),
    dimensiones: analizarDimensiones(promedios),
    tendencia: meses.map((mes) => {
      const t = porMes.get(mes);
      return {
        mes,
        respondidas: Number(t?.n ?? 0),
        nps: t ? npsDe(t.p, t.d, t.n) : null,
        general: redondear(t?.general),
        tiempo: redondear(t?.tiempo),
        calidad: redondear(t?.calidad),
        precio: redondear(t?.precio),
        atencion: redondear(t?.atencion),
      };
    }),
    distribucion: Array.from({ length: 10 }, (_, i) => ({
      nota: i + 1,
      cantidad: Number(distribucion.rows.find((d) => Number(d.nota) === i + 1)?.n ?? 0),
    })),
    tasa_respuesta: {
      enviadas,
      respondidas: respondidasDeEnviadas,
      tasa: enviadas ? Math.round((1000 * respondidasDeEnviadas) / enviadas) / 10 : null,
    },
    por_segmento: segmentos.rows.map((s) => ({
      segmento: s.segmento ?? 'sin segmento',
      respondidas: Number(s.n),
      nps: npsDe(s.p, s.d, s.n),
    })),
  };
}

/** Comentarios del período, buscables (sin tildes) y filtrables por nota, técnico y tipo de orden. */
export async function comentariosSatisfaccion(
  db: Conexion,
  usuario: Usuario,
  f: FiltrosSatisfaccion & { q?: string; nota_min?: number; nota_max?: number; limit: number; offset: number },
  hoy: string = hoyEnSantiago(),
) {
  exigirRol(usuario, TODOS, 'ver comentarios de encuestas');
  const { desde, hasta } = periodo(f, hoy);
  const partes = [filtrosSql(f)];
  if (f.q?.trim()) {
    const patron = `%${plegar(f.q).replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    partes.push(sql`AND f_unaccent(lower(s.comentarios)) LIKE ${patron}`);
  }
  if (f.nota_min) partes.push(sql`AND s.puntuacion_general >= ${f.nota_min}`);
  if (f.nota_max) partes.push(sql`AND s.puntuacion_general <= ${f.nota_max}`);
  const where = sql`WHERE s.estado = 'respondida' AND s.comentarios IS NOT NULL AND s.fecha BETWEEN ${desde}::date AND ${hasta}::date ${sql.join(partes, sql` `)}`;
  const [filas, total] = await Promise.all([
    sql<Record<string, unknown>>`
      SELECT s.id_encuesta, s.fecha, s.puntuacion_general, s.nps, s.comentarios, s.id_cliente, c.nombre AS cliente,
             o.tipo AS tipo_orden, u.nombre AS tecnico
      ${DESDE_ENCUESTAS}
      JOIN clientes c ON c.id_cliente = s.id_cliente
      LEFT JOIN usuarios u ON u.id_usuario = o.id_tecnico
      ${where}
      ORDER BY s.fecha DESC, s.id_encuesta DESC LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db),
    sql<{ n: number }>`SELECT count(*) AS n ${DESDE_ENCUESTAS} ${where}`.execute(db),
  ]);
  return { total: Number(total.rows[0]?.n ?? 0), limit: f.limit, offset: f.offset, items: filas.rows };
}
