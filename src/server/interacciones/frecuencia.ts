import { sql } from 'kysely';
import { restarMeses } from '../../shared/actividad.ts';
import { hoyEnSantiago } from '../../shared/formato.ts';
import { TIPOS_INTERACCION } from '../../shared/interacciones.ts';
import { preparada, type Conexion } from '../db/tipos.ts';
import { noEncontrado } from '../http/errores.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';

/**
 * Patrón de contacto de un cliente: interacciones por mes y tipo en 24 meses, días promedio entre
 * contactos, su cadencia habitual (mediana de los intervalos) y cuánto lleva sin contacto frente a ella.
 */
export async function frecuenciaCliente(
  db: Conexion,
  usuario: Usuario,
  idCliente: number,
  hoy: string = hoyEnSantiago(),
) {
  exigirRol(usuario, TODOS, 'ver interacciones');
  const existe = await db
    .selectFrom('clientes')
    .select('id_cliente')
    .where('id_cliente', '=', idCliente)
    .executeTakeFirst();
  if (!existe) throw noEncontrado(`El cliente ${idCliente}`);
  const primerMes = `${restarMeses(hoy, 23).slice(0, 7)}-01`;
  const [porMes, intervalos] = await Promise.all([
    sql<{ mes: string; tipo: string; n: number }>`${preparada}
      SELECT to_char(fecha AT TIME ZONE 'America/Santiago', 'YYYY-MM') AS mes, tipo, count(*) AS n
      FROM interacciones_cliente
      WHERE id_cliente = ${idCliente} AND (fecha AT TIME ZONE 'America/Santiago')::date >= ${primerMes}::date
      GROUP BY 1, 2`.execute(db),
    sql<{ promedio: number | null; mediana: number | null; ultima: string | null; contactos: number }>`${preparada}
      WITH d AS (
        SELECT (fecha AT TIME ZONE 'America/Santiago')::date AS dia FROM interacciones_cliente WHERE id_cliente = ${idCliente}
      ),
      dias AS (SELECT DISTINCT dia FROM d),
      gaps AS (SELECT dia - lag(dia) OVER (ORDER BY dia) AS gap FROM dias WHERE dia >= ${primerMes}::date)
      SELECT avg(gap)::float8 AS promedio,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY gap)::float8 AS mediana,
             (SELECT max(dia)::text FROM dias) AS ultima,
             (SELECT count(*) FROM d) AS contactos
      FROM gaps WHERE gap IS NOT NULL`.execute(db),
  ]);
  const meses: string[] = [];
  for (let i = 23; i >= 0; i--) meses.push(restarMeses(hoy, i).slice(0, 7));
  const serie = meses.map((mes) => {
    const fila: Record<string, number | string> = { mes, total: 0 };
    for (const tipo of TIPOS_INTERACCION) fila[tipo] = 0;
    for (const r of porMes.rows.filter((x) => x.mes === mes)) {
      fila[r.tipo] = Number(r.n);
      fila.total = (fila.total as number) + Number(r.n);
    }
    return fila;
  });
  const i = intervalos.rows[0];
  const cadencia = i?.mediana == null ? null : Math.round(i.mediana);
  const diasSinContacto = i?.ultima ? Math.round((Date.parse(hoy) - Date.parse(i.ultima)) / 86_400_000) : null;
  return {
    meses: serie,
    total_24_meses: serie.reduce((s, m) => s + (m.total as number), 0),
    dias_promedio_entre_contactos: i?.promedio == null ? null : Math.round(i.promedio * 10) / 10,
    cadencia_habitual_dias: cadencia,
    ultimo_contacto: i?.ultima ?? null,
    dias_sin_contacto: diasSinContacto,
    atrasado: cadencia != null && diasSinContacto != null && diasSinContacto > Math.max(cadencia * 1.5, cadencia + 7),
  };
}
