import { sql } from 'kysely';
import { hoyEnSantiago } from '../../shared/formato.ts';
import { usoDiario } from '../../shared/mantencion.ts';
import type { Conexion } from '../db/tipos.ts';
import { proximasMantenciones } from './equipos.ts';

const LOTE = 5_000;

/**
 * Stores each active equipo's next service (DOMAIN.md "Mantención próxima"), last service and
 * yearly hours, computed with the same shared function the ficha uses, in batches: one read of
 * plans, services and readings per batch and one set-based UPDATE. For some equipos (an event)
 * or all of them (nightly).
 */
export async function recalcularPlanEquipos(
  db: Conexion,
  opciones: { ids?: number[]; hoy?: string } = {},
): Promise<number> {
  const hoy = opciones.hoy ?? hoyEnSantiago();
  let ids = opciones.ids;
  if (!ids)
    ids = (
      await db.selectFrom('equipos').select('id_equipo').where('activo', '=', true).orderBy('id_equipo').execute()
    ).map((e) => e.id_equipo);
  let total = 0;
  for (let i = 0; i < ids.length; i += LOTE) {
    const lote = ids.slice(i, i + LOTE);
    const [planes, lecturas] = await Promise.all([
      proximasMantenciones(db, lote, hoy),
      db
        .selectFrom('lecturas_horometro')
        .select(['id_equipo', 'fecha', 'horas'])
        .where('id_equipo', 'in', lote)
        .execute(),
    ]);
    const porEquipo = new Map<number, { fecha: string; horas: number }[]>();
    for (const l of lecturas) {
      const lista = porEquipo.get(l.id_equipo) ?? [];
      lista.push({ fecha: l.fecha, horas: Number(l.horas) });
      porEquipo.set(l.id_equipo, lista);
    }
    const uso = planes.map((p) => usoDiario(porEquipo.get(p.id_equipo) ?? [], hoy));
    const r = await sql`
      UPDATE equipos e SET proxima_mantencion = v.proxima, proxima_motivo = v.motivo, ultimo_servicio = v.ultimo,
                           horas_anuales = v.horas
      FROM unnest(${sql.val(planes.map((p) => p.id_equipo))}::int[], ${sql.val(planes.map((p) => p.proxima.fecha))}::date[],
                  ${sql.val(planes.map((p) => p.proxima.motivo))}::text[], ${sql.val(planes.map((p) => p.ultimo_servicio))}::date[],
                  ${sql.val(uso.map((u) => (u == null ? null : Math.round(u * 365 * 10) / 10)))}::numeric[])
        AS v(id_equipo, proxima, motivo, ultimo, horas)
      WHERE e.id_equipo = v.id_equipo
        AND (e.proxima_mantencion IS DISTINCT FROM v.proxima OR e.proxima_motivo IS DISTINCT FROM v.motivo
             OR e.ultimo_servicio IS DISTINCT FROM v.ultimo OR e.horas_anuales IS DISTINCT FROM v.horas)`.execute(db);
    total += Number(r.numAffectedRows ?? 0);
  }
  return total;
}
