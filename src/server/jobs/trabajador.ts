import type { FastifyBaseLogger } from 'fastify';

/**
 * Runs `tarea` every `cadaMs`, never two at once in this process (other processes are kept apart
 * by each task's own idempotent keys and SKIP LOCKED claims). Returns a stop function.
 */
export function cadaCierto(
  nombre: string,
  cadaMs: number,
  tarea: () => Promise<unknown>,
  log: FastifyBaseLogger,
): () => void {
  let corriendo = false;
  const tick = async () => {
    if (corriendo) return;
    corriendo = true;
    try {
      const r = await tarea();
      if (r && typeof r === 'object' && Object.values(r).some((v) => typeof v === 'number' && v > 0))
        log.info({ tarea: nombre, resultado: r }, 'tarea periódica');
    } catch (err) {
      log.error({ err, tarea: nombre }, 'tarea periódica falló');
    } finally {
      corriendo = false;
    }
  };
  const primera = setTimeout(tick, Math.min(cadaMs, 10_000));
  const timer = setInterval(tick, cadaMs);
  primera.unref();
  timer.unref();
  return () => {
    clearTimeout(primera);
    clearInterval(timer);
  };
}
