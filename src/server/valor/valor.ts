import { hoyEnSantiago } from '../../shared/formato.ts';
import type { Conexion } from '../db/tipos.ts';
import { recalcularPlanEquipos } from '../equipos/plan.ts';
import { recalcularMetricas } from './metricas.ts';

/** The nightly (and on-demand) value run: machines' plans first, then metrics and segments. */
export async function recalcularValor(db: Conexion, hoy: string = hoyEnSantiago()) {
  const inicio = performance.now();
  const equipos = await recalcularPlanEquipos(db, { hoy });
  const clientes = await recalcularMetricas(db, { hoy });
  return { equipos, clientes, segundos: Math.round((performance.now() - inicio) / 10) / 100 };
}
