import type { Conexion } from '../db/tipos.ts';

/** From this many matches up, a list's total is remembered for a while. */
export const CONTEO_GRANDE = 1_000;
const VIGENCIA_MS = 60_000;
const MAXIMO_CLAVES = 1_000;

interface Memoria {
  totales: Map<string, { n: number; vence: number }>;
  enCurso: Map<string, Promise<number>>;
}
const porBase = new WeakMap<Conexion, Memoria>();

/**
 * The total of a list page. Counting a big match set is the costliest read of the list: the whole
 * list or a word like «agrícola» scans tens of thousands of rows on every page and every keystroke,
 * for a number nobody reads to the unit. So a total above CONTEO_GRANDE is kept for a minute
 * (the same filters ask once, concurrent askers share one count); smaller totals, the ones a
 * person checks against what they see, are always counted fresh.
 */
export async function totalRecordado(db: Conexion, clave: string, contar: () => Promise<number>): Promise<number> {
  let memoria = porBase.get(db);
  if (!memoria) {
    memoria = { totales: new Map(), enCurso: new Map() };
    porBase.set(db, memoria);
  }
  const guardado = memoria.totales.get(clave);
  if (guardado && guardado.vence > Date.now()) return guardado.n;
  const pendiente = memoria.enCurso.get(clave);
  if (pendiente) return pendiente;
  const { totales, enCurso } = memoria;
  const conteo = contar().then(
    (n) => {
      enCurso.delete(clave);
      if (n > CONTEO_GRANDE) {
        if (totales.size >= MAXIMO_CLAVES) totales.clear();
        totales.set(clave, { n, vence: Date.now() + VIGENCIA_MS });
      } else totales.delete(clave);
      return n;
    },
    (e: unknown) => {
      enCurso.delete(clave);
      throw e;
    },
  );
  enCurso.set(clave, conteo);
  return conteo;
}
