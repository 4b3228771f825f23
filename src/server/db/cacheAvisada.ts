import type { Db } from './open.ts';

const REINTENTO_MINIMO_MS = 1_000;
const REINTENTO_MAXIMO_MS = 30_000;

/** What a notification on the channel says to forget: everything, or these keys. */
export type Olvido = 'todo' | string[];

export interface CacheAvisada<V> {
  /**
   * The value kept under `clave` while `vigente` holds for it; otherwise `leer()`, kept only if
   * nothing was invalidated while it read (what it read may predate that change).
   */
  obtener(clave: string, vigente: (v: V) => boolean, leer: () => Promise<V | null>): Promise<V | null>;
  /** Forgets everything (this instance wrote what the entries are made of). */
  vaciar(): void;
  /** Whether entries are being kept: only while the invalidation channel is heard. */
  readonly escuchando: boolean;
  /** Lookups answered from memory and from `leer`, since the start. */
  readonly aciertos: number;
  readonly fallos: number;
  cerrar(): Promise<void>;
}

/**
 * A cache that is only as fresh as its invalidation: triggers in the database notify `canal` at
 * commit, and `olvidar` turns each notification's payload into what to forget. While the channel is
 * not heard (not yet connected, or the connection dropped) nothing is kept and every lookup reads.
 * When full, the oldest entry goes.
 */
export async function crearCacheAvisada<V>(
  db: Db,
  canal: string,
  { maximo, olvidar = () => 'todo' }: { maximo: number; olvidar?: (carga: string) => Olvido },
): Promise<CacheAvisada<V>> {
  const entradas = new Map<string, V>();
  // Bumped on every invalidation: a lookup that started before one must not store its answer.
  let generacion = 0;
  let escuchando = false;
  let cerrado = false;
  let dejar: (() => Promise<void>) | null = null;
  let espera = REINTENTO_MINIMO_MS;
  let reintento: NodeJS.Timeout | undefined;
  let aciertos = 0;
  let fallos = 0;

  const vaciar = () => {
    generacion++;
    entradas.clear();
  };
  const alAviso = (carga: string) => {
    const claves = olvidar(carga);
    if (claves === 'todo') return vaciar();
    generacion++;
    for (const clave of claves) entradas.delete(clave);
  };

  const conectar = async (): Promise<void> => {
    try {
      dejar = await db.escuchar(canal, alAviso, () => {
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
    get aciertos() {
      return aciertos;
    },
    get fallos() {
      return fallos;
    },
    vaciar,
    async obtener(clave, vigente, leer) {
      const guardada = escuchando ? entradas.get(clave) : undefined;
      if (guardada !== undefined && vigente(guardada)) {
        aciertos++;
        return guardada;
      }
      fallos++;
      const desde = generacion;
      const valor = await leer();
      if (valor !== null && escuchando && desde === generacion) {
        entradas.delete(clave);
        if (entradas.size >= maximo) entradas.delete(entradas.keys().next().value!);
        entradas.set(clave, valor);
      }
      return valor;
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
