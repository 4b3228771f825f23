import type { Db } from '../db/open.ts';
import { hashToken, sesionVigente, type Usuario } from './usuarios.ts';

/** The channel migration 0012 notifies whenever a session or a user changes or goes. */
const CANAL = 'rancho_sesiones';
const REINTENTO_MINIMO_MS = 1_000;
const REINTENTO_MAXIMO_MS = 30_000;

export interface CacheSesiones {
  /** The user behind a token, from memory when it was checked in the last seconds. */
  usuario(token: string | undefined): Promise<Usuario | null>;
  /** Forgets every session (this instance wrote to sesiones or usuarios). */
  vaciar(): void;
  /** Whether entries are being kept: only while the invalidation channel is heard. */
  readonly escuchando: boolean;
  cerrar(): Promise<void>;
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
  const entradas = new Map<string, { usuario: Usuario; vence: number }>();
  // Bumped on every invalidation: a lookup that started before one must not store its answer.
  let generacion = 0;
  let escuchando = false;
  let cerrado = false;
  let dejar: (() => Promise<void>) | null = null;
  let espera = REINTENTO_MINIMO_MS;
  let reintento: NodeJS.Timeout | undefined;

  const vaciar = () => {
    generacion++;
    entradas.clear();
  };

  const conectar = async (): Promise<void> => {
    try {
      dejar = await db.escuchar(CANAL, vaciar, () => {
        escuchando = false;
        dejar = null;
        vaciar();
        programar();
      });
      if (cerrado) {
        await dejar();
        return;
      }
      vaciar();
      escuchando = true;
      espera = REINTENTO_MINIMO_MS;
    } catch {
      programar();
    }
  };
  const programar = () => {
    if (cerrado) return;
    reintento = setTimeout(() => void conectar(), espera);
    reintento.unref();
    espera = Math.min(espera * 2, REINTENTO_MAXIMO_MS);
  };

  await conectar();

  return {
    get escuchando() {
      return escuchando;
    },
    vaciar,
    async usuario(token) {
      if (!token) return null;
      const clave = hashToken(token);
      const ahora = Date.now();
      const guardada = escuchando ? entradas.get(clave) : undefined;
      if (guardada && guardada.vence > ahora) return guardada.usuario;
      const desde = generacion;
      const sesion = await sesionVigente(db.db, token);
      if (!sesion) return null;
      if (escuchando && desde === generacion) {
        if (entradas.size >= maximo) entradas.clear();
        entradas.set(clave, {
          usuario: sesion.usuario,
          vence: Math.min(ahora + vigenciaMs, sesion.expira_en.getTime()),
        });
      }
      return sesion.usuario;
    },
    async cerrar() {
      cerrado = true;
      escuchando = false;
      clearTimeout(reintento);
      vaciar();
      await dejar?.().catch(() => {});
      dejar = null;
    },
  };
}
