import { sql } from 'kysely';
import type { Conexion } from '../db/tipos.ts';

/**
 * Serves a computed summary from the `resumenes` table while it is younger than `vigenciaMs`,
 * otherwise computes and stores it. Shared by every instance (no in-memory state).
 */
export async function conResumen<T>(
  db: Conexion,
  clave: string,
  vigenciaMs: number,
  calcular: () => Promise<T>,
): Promise<T & { calculado_en: string }> {
  const guardado = await db
    .selectFrom('resumenes')
    .select(['valor', 'calculado_en'])
    .where('clave', '=', clave)
    .executeTakeFirst();
  if (guardado && Date.now() - guardado.calculado_en.getTime() < vigenciaMs) {
    return { ...(guardado.valor as T), calculado_en: guardado.calculado_en.toISOString() };
  }
  const valor = await calcular();
  const ahora = new Date();
  await sql`INSERT INTO resumenes (clave, calculado_en, valor) VALUES (${clave}, ${ahora}, ${JSON.stringify(valor)})
            ON CONFLICT (clave) DO UPDATE SET calculado_en = excluded.calculado_en, valor = excluded.valor`.execute(db);
  return { ...valor, calculado_en: ahora.toISOString() };
}
