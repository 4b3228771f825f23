import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { hoyEnSantiago } from '../../shared/formato.ts';
import type { Conexion } from '../db/tipos.ts';

/**
 * Runs `tarea` once per day (Santiago date): at start if today's run is missing, then every
 * 10 minutes it checks again. The day's mark is claimed in `ajustes` with a conditional upsert,
 * so two instances never both run the same day.
 */
export function programarDiario(
  db: Conexion,
  nombre: string,
  tarea: (hoy: string) => Promise<unknown>,
  log: FastifyBaseLogger,
): () => void {
  const clave = `ultimo_diario_${nombre}`;
  const revisar = async () => {
    const hoy = hoyEnSantiago();
    try {
      const reclamado = await sql<{ clave: string }>`
        INSERT INTO ajustes (clave, valor) VALUES (${clave}, ${JSON.stringify(hoy)})
        ON CONFLICT (clave) DO UPDATE SET valor = excluded.valor WHERE ajustes.valor <> excluded.valor
        RETURNING clave`.execute(db);
      if (reclamado.rows.length === 0) return;
      const inicio = Date.now();
      const resultado = await tarea(hoy);
      log.info({ tarea: nombre, hoy, resultado, ms: Date.now() - inicio }, 'tarea diaria');
    } catch (err) {
      log.error({ err, tarea: nombre }, 'tarea diaria falló');
    }
  };
  void revisar();
  const timer = setInterval(revisar, 10 * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
