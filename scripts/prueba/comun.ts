// Lo que comparten las pruebas de confianza: bases desechables, la app real como proceso hijo en
// un puerto libre, sesiones por HTTP y el informe final que decide el código de salida.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openPostgres } from '../../src/server/db/open.ts';
import { COOKIE_SESION } from '../../src/server/http/sesion.ts';
import { calcularDv } from '../../src/shared/rut.ts';
import { CABECERA_CSRF } from '../../src/shared/seguridad.ts';

export const RAIZ = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ADMIN = { email: 'admin@prueba.rancho.local', password: 'clave-admin-de-prueba-2026' };

export const log = (texto: string) => console.error(`· ${texto}`);

/** The server to create throwaway databases on: TEST_DATABASE_URL (as CI sets it) or the local one. */
export function urlServidor(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function conBase(url: string, base: string): string {
  const u = new URL(url);
  u.pathname = `/${base}`;
  return u.toString();
}

/** A new empty PostgreSQL database with a unique name; `borrar` drops it (even with open connections). */
export async function baseDesechable(
  prefijo: string,
): Promise<{ url: string; nombre: string; borrar(): Promise<void> }> {
  const nombre = `${prefijo}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = openPostgres(urlServidor(), { max: 1 });
  try {
    await sql.raw(`CREATE DATABASE ${nombre}`).execute(admin.db);
  } catch (e) {
    await admin.close();
    throw new Error(
      `No se pudo crear una base de prueba en ${urlServidor()} (${(e as Error).message}). ` +
        'Defina TEST_DATABASE_URL con un usuario que pueda crear bases.',
      { cause: e },
    );
  }
  return {
    url: conBase(urlServidor(), nombre),
    nombre,
    borrar: async () => {
      await sql.raw(`DROP DATABASE IF EXISTS ${nombre} WITH (FORCE)`).execute(admin.db);
      await admin.close();
    },
  };
}

/** A directory for an embedded database, removed with `borrar`. */
export function directorioDesechable(prefijo: string): { dir: string; borrar(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefijo}-`));
  return { dir, borrar: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function puertoLibre(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const puerto = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(puerto));
    });
  });
}

export interface ProcesoApp {
  proceso: ChildProcess;
  base: string;
  /** The last lines of its output, to explain a failure. */
  salida(): string;
  /** SIGKILL (no cleanup at all) or SIGTERM (orderly shutdown); waits for the exit. */
  detener(senal: 'SIGKILL' | 'SIGTERM'): Promise<void>;
}

/** Where the app's data lives: a PostgreSQL URL or an embedded data dir. */
export type Destino = { databaseUrl: string } | { dataDir: string };

/**
 * Starts the real server (src/server/main.ts, what `npm start` runs after building the web) as a
 * child process on a free port and waits until /healthz answers.
 */
export async function iniciarApp(destino: Destino, extra: Record<string, string> = {}): Promise<ProcesoApp> {
  const puerto = await puertoLibre();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(puerto),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    RANCHO_ADMIN_EMAIL: ADMIN.email,
    RANCHO_ADMIN_PASSWORD: ADMIN.password,
    ...extra,
  };
  delete env.DATABASE_URL;
  delete env.RANCHO_DATA_DIR;
  if ('databaseUrl' in destino) env.DATABASE_URL = destino.databaseUrl;
  else env.RANCHO_DATA_DIR = destino.dataDir;
  const proceso = spawn(process.execPath, [path.join(RAIZ, 'src/server/main.ts')], {
    cwd: RAIZ,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let texto = '';
  const guardar = (t: Buffer) => {
    texto = (texto + t.toString('utf8')).slice(-4000);
  };
  proceso.stdout!.on('data', guardar);
  proceso.stderr!.on('data', guardar);
  const salio = new Promise<void>((resolve) => proceso.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${puerto}`;
  const limite = Date.now() + 60_000;
  for (;;) {
    if (proceso.exitCode !== null || proceso.signalCode !== null) {
      throw new Error(`La app terminó al iniciar (código ${proceso.exitCode}):\n${texto}`);
    }
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > limite) {
      proceso.kill('SIGKILL');
      throw new Error(`La app no respondió en 60 s:\n${texto}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    proceso,
    base,
    salida: () => texto,
    detener: async (senal) => {
      if (proceso.exitCode === null && proceso.signalCode === null) proceso.kill(senal);
      await salio;
    },
  };
}

export interface Respuesta {
  status: number;
  cuerpo: any;
}

/** One JSON request; network failures come back as status 0 (the caller decides what they mean). */
export async function pedir(
  base: string,
  metodo: string,
  ruta: string,
  opciones: { cookie?: string; cuerpo?: unknown } = {},
): Promise<Respuesta> {
  try {
    const r = await fetch(`${base}${ruta}`, {
      method: metodo,
      headers: {
        // A script sends no Origin: the CSRF header is how our own clients say so (src/server/http/sesion.ts).
        [CABECERA_CSRF]: '1',
        ...(opciones.cookie ? { cookie: opciones.cookie } : {}),
        ...(opciones.cuerpo !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: opciones.cuerpo !== undefined ? JSON.stringify(opciones.cuerpo) : undefined,
    });
    const texto = await r.text();
    let cuerpo: unknown = texto;
    try {
      cuerpo = JSON.parse(texto);
    } catch {
      // Not JSON: keep the text.
    }
    return { status: r.status, cuerpo };
  } catch (e) {
    return { status: 0, cuerpo: (e as Error).message };
  }
}

/** Signs in over HTTP and returns the session cookie. */
export async function iniciarSesion(base: string, email: string, password: string): Promise<string> {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (r.status !== 200) throw new Error(`El inicio de sesión de ${email} falló (${r.status}): ${await r.text()}`);
  const cookie = r.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE_SESION}=`));
  if (!cookie) throw new Error('El inicio de sesión no devolvió la cookie de sesión.');
  return cookie.split(';')[0]!;
}

/** Prints the verdict and exits: 0 only when every goal was met. */
export function terminar(titulo: string, fallas: string[]): never {
  const carga = os.loadavg()[0]!.toFixed(1);
  console.log(`\nMáquina: ${os.availableParallelism()} núcleos, carga media al terminar ${carga}.`);
  if (fallas.length === 0) {
    console.log(`${titulo}: CUMPLE.`);
    process.exit(0);
  }
  console.log(`${titulo}: NO CUMPLE.`);
  for (const f of fallas.slice(0, 20)) console.log(`  - ${f}`);
  if (fallas.length > 20) console.log(`  … y ${fallas.length - 20} más.`);
  process.exit(1);
}

/** A valid RUT (canonical form) for a number. */
export function rut(n: number): string {
  return `${n}-${calcularDv(String(n))}`;
}
