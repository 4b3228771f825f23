import { crearCacheAvisada, type CacheAvisada } from '../db/cacheAvisada.ts';
import type { Db } from '../db/open.ts';

/** The channel migration 0015 notifies with the ids of the clientes whose ficha changed, or '*'. */
const CANAL = 'rancho_fichas';
/** A safety net behind the notifications, and the bound on what the hour of the day changes. */
const VIGENCIA_MS = 10 * 60_000;

/** A ficha as sent, for the day it was built for (what is due, overdue or expiring depends on it). */
export interface FichaGuardada {
  dia: string;
  vence: number;
  json: string;
}
export type CacheFichas = CacheAvisada<FichaGuardada>;

/**
 * The ficha is the page opened most and its query is the dearest of the reads (ten subqueries):
 * each instance keeps the last `maximo` it built, as JSON text, until a trigger says that one of
 * its sources changed, the day changes or `vigenciaMs` pass.
 */
export function crearCacheFichas(db: Db, { maximo = 5_000 }: { maximo?: number } = {}): Promise<CacheFichas> {
  return crearCacheAvisada<FichaGuardada>(db, CANAL, {
    maximo,
    olvidar: (carga) => (carga === '*' ? 'todo' : carga.split(',')),
  });
}

/** The ficha of cliente `id` for the day `hoy`, from memory or from `construir`. */
export async function fichaGuardada(
  cache: CacheFichas,
  id: number,
  hoy: string,
  construir: () => Promise<unknown>,
): Promise<string> {
  const guardada = await cache.obtener(
    String(id),
    (f) => f.dia === hoy && f.vence > Date.now(),
    async () => ({ dia: hoy, vence: Date.now() + VIGENCIA_MS, json: JSON.stringify(await construir()) }),
  );
  return guardada!.json;
}
