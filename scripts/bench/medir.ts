// Motor de medición del banco de pruebas: percentiles, bucle secuencial y bucle de carga, ambos
// acotados en cantidad Y en tiempo para que siempre terminen solos, y un cliente HTTP keep-alive.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { CABECERA_CSRF } from '../../src/shared/seguridad.ts';

/** Una operación medible: una petición HTTP o una consulta directa. */
export type Operacion = () => Promise<void>;

export interface Latencias {
  n: number;
  errores: number;
  p50: number;
  p95: number;
  p99: number;
  media: number;
  max: number;
  /** La medición se cortó por tiempo antes de completar las n operaciones pedidas. */
  cortadaPorTiempo: boolean;
  primerError: string | null;
}

export interface Rendimiento {
  concurrencia: number;
  operaciones: number;
  errores: number;
  segundos: number;
  porSegundo: number;
  /** Algún carril seguía esperando al vencer el plazo de gracia: se abandonó. */
  abandonada: boolean;
  primerError: string | null;
}

/** Percentil por rango más cercano sobre valores ya ordenados (ms). */
export function percentil(ordenados: readonly number[], p: number): number {
  if (ordenados.length === 0) return Number.NaN;
  const rango = Math.ceil((p / 100) * ordenados.length);
  return ordenados[Math.min(ordenados.length - 1, Math.max(0, rango - 1))]!;
}

function mensaje(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Calienta: ejecuta la operación `n` veces (o hasta `segundos`) sin medir. */
export async function calentar(op: Operacion, n: number, segundos = 15): Promise<void> {
  const fin = performance.now() + segundos * 1000;
  for (let i = 0; i < n && performance.now() < fin; i++) await op();
}

/** Tiempos crudos de una tanda secuencial (ms), para juntar tandas antes de sacar percentiles. */
export interface Tanda {
  tiempos: number[];
  pedidas: number;
  errores: number;
  primerError: string | null;
}

/** Concurrencia 1: `n` operaciones seguidas (o las que quepan en `segundosMax`), cada una cronometrada. */
export async function cronometrar(op: Operacion, n: number, segundosMax: number): Promise<Tanda> {
  const tiempos: number[] = [];
  let errores = 0;
  let primerError: string | null = null;
  const fin = performance.now() + segundosMax * 1000;
  for (let i = 0; i < n && performance.now() < fin; i++) {
    const t0 = performance.now();
    try {
      await op();
      tiempos.push(performance.now() - t0);
    } catch (e) {
      errores++;
      primerError ??= mensaje(e);
    }
  }
  return { tiempos, pedidas: n, errores, primerError };
}

/** Percentiles de una o más tandas. */
export function resumir(tandas: readonly Tanda[]): Latencias {
  const tiempos = tandas.flatMap((t) => t.tiempos).sort((a, b) => a - b);
  const errores = tandas.reduce((s, t) => s + t.errores, 0);
  const suma = tiempos.reduce((s, t) => s + t, 0);
  return {
    n: tiempos.length,
    errores,
    p50: percentil(tiempos, 50),
    p95: percentil(tiempos, 95),
    p99: percentil(tiempos, 99),
    media: tiempos.length ? suma / tiempos.length : Number.NaN,
    max: tiempos.at(-1) ?? Number.NaN,
    cortadaPorTiempo: tiempos.length + errores < tandas.reduce((s, t) => s + t.pedidas, 0),
    primerError: tandas.find((t) => t.primerError)?.primerError ?? null,
  };
}

/**
 * Concurrencia c: c carriles lanzan operaciones sin pausa hasta `segundos` o `maxOperaciones`,
 * lo que llegue primero. Si una operación se cuelga, el resultado se entrega igual al vencer
 * `segundos + gracia` (marcado `abandonada`).
 */
export async function medirRendimiento(
  op: Operacion,
  opciones: { concurrencia: number; segundos: number; maxOperaciones: number; graciaSegundos?: number },
): Promise<Rendimiento> {
  const { concurrencia, segundos, maxOperaciones } = opciones;
  let lanzadas = 0;
  let completadas = 0;
  let errores = 0;
  let primerError: string | null = null;
  const t0 = performance.now();
  const fin = t0 + segundos * 1000;
  let tFin = t0;
  const carril = async () => {
    while (lanzadas < maxOperaciones && performance.now() < fin) {
      lanzadas++;
      try {
        await op();
        completadas++;
      } catch (e) {
        errores++;
        primerError ??= mensaje(e);
      }
      tFin = performance.now();
    }
  };
  let reloj: NodeJS.Timeout | undefined;
  const gracia = new Promise<'gracia'>((resolve) => {
    reloj = setTimeout(() => resolve('gracia'), (segundos + (opciones.graciaSegundos ?? 10)) * 1000);
  });
  const resultado = await Promise.race([Promise.all(Array.from({ length: concurrencia }, carril)), gracia]);
  clearTimeout(reloj);
  const abandonada = resultado === 'gracia';
  const duracion = ((abandonada ? performance.now() : tFin) - t0) / 1000;
  return {
    concurrencia,
    operaciones: completadas,
    errores,
    segundos: duracion,
    porSegundo: duracion > 0 ? completadas / duracion : 0,
    abandonada,
    primerError,
  };
}

/**
 * Cliente HTTP con un Agent keep-alive propio (no el global de fetch): las conexiones se reutilizan
 * y se cuentan, para comprobar que la medición no incluye abrir sockets.
 */
export class ClienteHttp {
  readonly agente: http.Agent;
  private readonly puerto: number;
  private readonly cabeceras: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly sockets = new WeakSet<object>();
  /** Conexiones TCP distintas usadas hasta ahora (con keep-alive, a lo más `maxSockets`). */
  socketsAbiertos = 0;
  respuestas = 0;
  bytes = 0;

  constructor(puerto: number, cabeceras: Record<string, string>, maxSockets: number, timeoutMs = 10_000) {
    this.puerto = puerto;
    this.cabeceras = cabeceras;
    this.timeoutMs = timeoutMs;
    this.agente = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: 'lifo' });
  }

  /** GET que consume el cuerpo completo; rechaza si el estado no es 200. */
  async get(path: string): Promise<Buffer> {
    const r = await this.pedir('GET', path);
    if (r.estado !== 200) {
      throw new Error(`GET ${path} → ${r.estado}: ${r.cuerpo.toString('utf8').slice(0, 300)}`);
    }
    return r.cuerpo;
  }

  /** Cualquier método, con cabeceras propias (p. ej. la cookie de otra sesión) y un cuerpo JSON opcional. */
  pedir(
    metodo: string,
    path: string,
    opciones: { cabeceras?: Record<string, string>; json?: unknown } = {},
  ): Promise<{ estado: number; cuerpo: Buffer }> {
    const cuerpo = opciones.json === undefined ? null : Buffer.from(JSON.stringify(opciones.json));
    const headers: Record<string, string | number> = {
      ...(metodo === 'GET' ? {} : { [CABECERA_CSRF]: '1' }),
      ...this.cabeceras,
      ...opciones.cabeceras,
    };
    if (cuerpo) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = cuerpo.length;
    }
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: this.puerto, path, method: metodo, agent: this.agente, headers },
        (res) => {
          const trozos: Buffer[] = [];
          res.on('data', (t: Buffer) => trozos.push(t));
          res.on('error', reject);
          res.on('end', () => {
            const respuesta = Buffer.concat(trozos);
            this.bytes += respuesta.length;
            this.respuestas++;
            resolve({ estado: res.statusCode ?? 0, cuerpo: respuesta });
          });
        },
      );
      req.on('socket', (s) => {
        if (!this.sockets.has(s)) {
          this.sockets.add(s);
          this.socketsAbiertos++;
        }
      });
      req.setTimeout(this.timeoutMs, () =>
        req.destroy(new Error(`${metodo} ${path}: sin respuesta en ${this.timeoutMs} ms`)),
      );
      req.on('error', reject);
      req.end(cuerpo ?? undefined);
    });
  }

  cerrar(): void {
    this.agente.destroy();
  }
}
