import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import { Client, Pool, types } from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { Database } from './schema.ts';
import { MARCA_PREPARADA } from './tipos.ts';

export type Engine = 'pglite' | 'postgres';

export interface Db {
  db: Kysely<Database>;
  engine: Engine;
  /** The PGlite instance, when embedded (for dumps and clones). */
  pglite: PGlite | null;
  /**
   * Listens on a notification channel (a constant identifier): `alAviso` with each notification's
   * payload, `alCaer` once if the listening connection is lost, after which notifications may have been
   * missed. Resolves with the function that stops listening.
   */
  escuchar(canal: string, alAviso: (carga: string) => void, alCaer: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

// Both drivers must hand back the same JS types: numbers for int8/numeric, 'YYYY-MM-DD' for date.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const toNumber = (v: string) => Number(v);
const asIs = (v: string) => v;

const nombresPreparadas = new Map<string, string>();

/** The statement's name comes from its text: the same text, the same statement on every connection. */
function nombrePreparada(texto: string): string {
  let nombre = nombresPreparadas.get(texto);
  if (!nombre) {
    nombre = `rancho_${createHash('sha1').update(texto).digest('hex').slice(0, 24)}`;
    nombresPreparadas.set(texto, nombre);
  }
  return nombre;
}

/** A pooled connection that runs the queries marked `preparada` as named prepared statements. */
class ClienteConPreparadas extends Client {
  override query(...args: unknown[]): never {
    const [texto, valores, alTerminar] = args;
    if (typeof texto === 'string' && texto.startsWith(MARCA_PREPARADA)) {
      args = [{ name: nombrePreparada(texto), text: texto, values: valores }, alTerminar];
    }
    return (Client.prototype.query as (...a: unknown[]) => never).apply(this, args);
  }
}

/** Opens a PostgreSQL server connection pool. */
export function openPostgres(url: string, options: { max?: number } = {}): Db {
  const parsers: Record<number, (v: string) => unknown> = { [INT8]: toNumber, [NUMERIC]: toNumber, [DATE]: asIs };
  const tipos = {
    getTypeParser: ((oid: number, format?: string) =>
      parsers[oid] ?? types.getTypeParser(oid, format as 'text')) as typeof types.getTypeParser,
  };
  const pool = new Pool({
    connectionString: url,
    max: options.max ?? 10,
    types: tipos,
    Client: ClienteConPreparadas,
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on next use.
  pool.on('error', (err) => console.error(`PostgreSQL: conexión inactiva perdida (${err.message})`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    pglite: null,
    escuchar: (...a) => escucharPostgres(url, ...a),
    close: () => db.destroy(),
  };
}

/** LISTEN needs a connection of its own, outside the pool, held for as long as we listen. */
async function escucharPostgres(
  url: string,
  canal: string,
  alAviso: (carga: string) => void,
  alCaer: () => void,
): Promise<() => Promise<void>> {
  const cliente = new Client({ connectionString: url, application_name: `rancho ${canal}` });
  let activo = true;
  const caer = () => {
    if (!activo) return;
    activo = false;
    alCaer();
    cliente.end().catch(() => {});
  };
  // Without an 'error' listener a dropped connection would crash the process.
  cliente.on('error', caer);
  cliente.on('end', caer);
  cliente.on('notification', (aviso) => {
    if (activo && aviso.channel === canal) alAviso(aviso.payload ?? '');
  });
  try {
    await cliente.connect();
    await cliente.query(`LISTEN ${canal}`);
  } catch (e) {
    activo = false;
    await cliente.end().catch(() => {});
    throw e;
  }
  return async () => {
    activo = false;
    await cliente.end().catch(() => {});
  };
}

/** Creates a PGlite instance with the extensions and parsers the app needs. */
export async function createPglite(dataDir?: string, loadDataDir?: Blob | File): Promise<PGlite> {
  const pglite = await PGlite.create({
    dataDir,
    loadDataDir,
    extensions: { pg_trgm, unaccent },
    parsers: { [INT8]: toNumber, [NUMERIC]: toNumber, [DATE]: asIs },
  });
  return pglite;
}

export function wrapPglite(pglite: PGlite, release: () => void = () => {}): Db {
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    engine: 'pglite',
    pglite,
    // One process, one session: nothing to lose, so `alCaer` never runs.
    escuchar: async (canal, alAviso) => {
      const dejar = await pglite.listen(canal, (carga) => alAviso(carga));
      return () => dejar();
    },
    close: async () => {
      await db.destroy();
      release();
    },
  };
}

/**
 * Opens the embedded engine on a data directory. Two processes on one data dir corrupt it, so an
 * exclusive lock file guards it; a lock left by a dead process is taken over.
 */
export async function openEmbedded(dataDir: string): Promise<Db> {
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = path.join(dataDir, 'rancho.lock');
  takeLock(lock);
  const pglite = await createPglite(path.join(dataDir, 'pg'));
  return wrapPglite(pglite, () => fs.rmSync(lock, { force: true }));
}

function takeLock(lock: string): void {
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const pid = Number(fs.readFileSync(lock, 'utf8'));
  if (pid && pid !== process.pid && isAlive(pid)) {
    throw new Error(
      `La base de datos embebida en ${path.dirname(lock)} ya está abierta por el proceso ${pid}. ` +
        'Ciérrelo antes de iniciar otro, o use DATABASE_URL con un servidor PostgreSQL.',
    );
  }
  fs.writeFileSync(lock, String(process.pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Opens the configured database: PostgreSQL when a URL is given, else embedded. */
export async function openDatabase(config: { databaseUrl: string | null; dataDir: string }): Promise<Db> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openEmbedded(config.dataDir);
}
