import { crearCacheAvisada, type CacheAvisada } from '../db/cacheAvisada.ts';
import type { Db } from '../db/open.ts';
import { hashToken, sesionVigente, type Usuario } from './usuarios.ts';

/** The channel migration 0012 notifies whenever a session or a user changes or goes. */
const CANAL = 'rancho_sesiones';

export interface CacheSesiones extends Pick<CacheAvisada<unknown>, 'vaciar' | 'escuchando' | 'cerrar'> {
  /** The user behind a token, from memory when it was checked in the last seconds. */
  usuario(token: string | undefined): Promise<Usuario | null>;
}

/**
 * Checking the session is one query on every request; this keeps each checked session for up to
 * `vigenciaMs` (and never past its expiry). It is only as fresh as its invalidation: a trigger on
 * sesiones and usuarios notifies every instance at commit (logout, password change, a user
 * disabled by hand in SQL), and while that channel is not heard (not yet connected, or the
 * connection dropped) nothing is kept and every request reads the database, as without a cache.
 */
export async function crearCacheSesiones(
  db: Db,
  { vigenciaMs = 15_000, maximo = 10_000 }: { vigenciaMs?: number; maximo?: number } = {},
): Promise<CacheSesiones> {
  const cache = await crearCacheAvisada<{ usuario: Usuario; vence: number }>(db, CANAL, { maximo });
  return {
    get escuchando() {
      return cache.escuchando;
    },
    vaciar: () => cache.vaciar(),
    cerrar: () => cache.cerrar(),
    async usuario(token) {
      if (!token) return null;
      const ahora = Date.now();
      const guardada = await cache.obtener(
        hashToken(token),
        (e) => e.vence > Date.now(),
        async () => {
          const sesion = await sesionVigente(db.db, token);
          return sesion && { usuario: sesion.usuario, vence: Math.min(ahora + vigenciaMs, sesion.expira_en.getTime()) };
        },
      );
      return guardada?.usuario ?? null;
    },
  };
}
