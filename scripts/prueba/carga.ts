// npm run prueba:carga [-- --segundos 60] [--sesiones 200] [--pausa 1000] [--rapida]
// 200 sesiones de usuarios comerciales distintos trabajan a la vez contra la app real (proceso
// hijo) sobre PostgreSQL: buscar, listar, abrir ficha, historia, bandeja de seguimientos,
// registrar interacciones y editar clientes. Objetivo: 0 errores y p95 ≤ 200 ms por tipo y total.
// DATABASE_URL elige la base (p. ej. una copia del conjunto grande); sin ella se crea una base
// desechable con `npm run demo` y se borra al final.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { migrate } from '../../src/server/db/migrate.ts';
import { openPostgres } from '../../src/server/db/open.ts';
import { COOKIE_SESION } from '../../src/server/http/sesion.ts';
import { hashPassword } from '../../src/server/usuarios/usuarios.ts';
import { hoyEnSantiago } from '../../src/shared/formato.ts';
import { ClienteHttp, percentil } from '../bench/medir.ts';
import { baseDesechable, iniciarApp, log, RAIZ, terminar, type ProcesoApp } from './comun.ts';

const { values } = parseArgs({
  options: {
    segundos: { type: 'string' },
    sesiones: { type: 'string' },
    pausa: { type: 'string', default: '1000' },
    rapida: { type: 'boolean', default: false },
  },
});
const SEGUNDOS = Number(values.segundos ?? (values.rapida ? 10 : 60));
const SESIONES = Number(values.sesiones ?? (values.rapida ? 50 : 200));
const PAUSA_MS = Number(values.pausa);
const OBJETIVO_P95_MS = 200;
const CLAVE = 'carga-de-prueba-2026';
if (!(SEGUNDOS > 0 && SEGUNDOS <= 600) || !(SESIONES > 0 && SESIONES <= 1000) || !(PAUSA_MS >= 0)) {
  console.error('Uso: npm run prueba:carga -- [--segundos 1..600] [--sesiones 1..1000] [--pausa ms] [--rapida]');
  process.exit(2);
}

type Tipo = 'buscar' | 'listar' | 'ficha' | 'historia' | 'seguimientos' | 'interaccion' | 'abrir' | 'editar';
/** The mix of a commercial user's day: mostly reading, one write in five actions. */
const MEZCLA: [Exclude<Tipo, 'abrir'>, number][] = [
  ['buscar', 22],
  ['listar', 13],
  ['ficha', 20],
  ['historia', 15],
  ['seguimientos', 10],
  ['interaccion', 12],
  ['editar', 8],
];

interface Medida {
  tiempos: number[];
  errores: number;
  primerError: string | null;
}

const fallas: string[] = [];
const propia = process.env.DATABASE_URL ? null : await baseDesechable('rancho_carga');
const url = process.env.DATABASE_URL ?? propia!.url;
let app: ProcesoApp | null = null;
const db = openPostgres(url, { max: 2 });

try {
  if (propia) {
    log(`base desechable ${propia.nombre}: npm run demo…`);
    const r = spawnSync(process.execPath, [path.join(RAIZ, 'scripts/demo.ts')], {
      cwd: RAIZ,
      env: { ...process.env, DATABASE_URL: url },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`npm run demo falló: ${r.stderr || r.stdout}`);
  }
  await migrate(db.db);

  // One comercial user per session (the login limit is per email); one hash for all of them.
  const hash = await hashPassword(CLAVE);
  const emails = Array.from({ length: SESIONES }, (_, i) => `carga${i}@prueba.rancho.local`);
  for (let i = 0; i < emails.length; i += 100) {
    const lote = emails.slice(i, i + 100);
    await sql`INSERT INTO usuarios (email, nombre, rol, password_hash, activo)
      SELECT e, 'Vendedor de carga ' || ordinality, 'comercial', ${hash}, true FROM unnest(${lote}::text[]) WITH ORDINALITY e
      ON CONFLICT (email) DO UPDATE SET password_hash = excluded.password_hash, rol = 'comercial', activo = true`.execute(
      db.db,
    );
  }
  const muestra = await sql<{ id: number; nombre: string }>`
    SELECT id_cliente AS id, nombre FROM clientes WHERE NOT archivado AND NOT anonimizado ORDER BY random() LIMIT 5000`.execute(
    db.db,
  );
  const clientes = muestra.rows;
  if (clientes.length < SESIONES)
    throw new Error(`La base tiene ${clientes.length} clientes; se necesitan al menos ${SESIONES}.`);
  const palabras = clientes.flatMap((c) => c.nombre.split(/\s+/).filter((p) => p.length >= 4)).slice(0, 2000);
  const conteo = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM clientes`.execute(db.db)).rows[0]!.n;

  app = await iniciarApp({ databaseUrl: url }, { LOG_LEVEL: 'error' });
  const puerto = Number(new URL(app.base).port);
  const http = new ClienteHttp(puerto, { accept: 'application/json' }, SESIONES, 15_000);

  log(
    `app ${app.base} (pid ${app.proceso.pid}) sobre ${conteo.toLocaleString('es-CL')} clientes; iniciando ${SESIONES} sesiones…`,
  );
  // Logins go through fetch: the session cookie comes back in Set-Cookie.
  const cookies: string[] = [];
  for (let i = 0; i < SESIONES; i += 10) {
    cookies.push(
      ...(await Promise.all(
        emails.slice(i, i + 10).map(async (email) => {
          const r = await fetch(`${app!.base}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email, password: CLAVE }),
          });
          const c = r.headers.getSetCookie().find((x) => x.startsWith(`${COOKIE_SESION}=`));
          if (r.status !== 200 || !c) throw new Error(`login de ${email}: ${r.status}`);
          return c.split(';')[0]!;
        }),
      )),
    );
  }

  const medidas = new Map<Tipo, Medida>();
  const medir = (tipo: Tipo): Medida => {
    let m = medidas.get(tipo);
    if (!m) {
      m = { tiempos: [], errores: 0, primerError: null };
      medidas.set(tipo, m);
    }
    return m;
  };
  let midiendo = false;
  const hoy = hoyEnSantiago();
  const azar = <T>(lista: readonly T[]): T => lista[Math.floor(Math.random() * lista.length)]!;
  const total = MEZCLA.reduce((s, [, p]) => s + p, 0);
  const elegir = (): Exclude<Tipo, 'abrir'> => {
    let r = Math.random() * total;
    for (const [t, p] of MEZCLA) if ((r -= p) < 0) return t;
    return 'buscar';
  };

  /** One request, timed; anything but the expected status is an error. */
  const llamar = async (
    tipo: Tipo,
    cookie: string,
    metodo: string,
    ruta: string,
    json?: unknown,
    esperado = 200,
  ): Promise<any> => {
    const t0 = performance.now();
    let error: string | null = null;
    let cuerpo: any = null;
    try {
      const r = await http.pedir(metodo, ruta, { cabeceras: { cookie }, json });
      if (r.estado !== esperado) error = `${metodo} ${ruta} → ${r.estado}: ${r.cuerpo.toString('utf8').slice(0, 200)}`;
      else cuerpo = JSON.parse(r.cuerpo.toString('utf8'));
    } catch (e) {
      error = (e as Error).message;
    }
    if (midiendo) {
      const m = medir(tipo);
      if (error) {
        m.errores++;
        m.primerError ??= error;
      } else m.tiempos.push(performance.now() - t0);
    }
    return cuerpo;
  };

  const CALENTAMIENTO_S = Math.min(5, SEGUNDOS / 5);
  const fin = performance.now() + (CALENTAMIENTO_S + SEGUNDOS) * 1000;
  const sesion = async (s: number) => {
    const cookie = cookies[s]!;
    // Each session edits only its own clientes: a 409 here would be a real error, not a race.
    const propios = clientes.filter((_, i) => i % SESIONES === s);
    await new Promise((r) => setTimeout(r, Math.random() * PAUSA_MS));
    while (performance.now() < fin) {
      const c = azar(clientes);
      switch (elegir()) {
        case 'buscar':
          await llamar('buscar', cookie, 'GET', `/api/clientes?q=${encodeURIComponent(azar(palabras))}`);
          break;
        case 'listar':
          await llamar(
            'listar',
            cookie,
            'GET',
            `/api/clientes?limit=25&offset=${25 * Math.floor(Math.random() * 20)}&orden=nombre`,
          );
          break;
        case 'ficha':
          await llamar('ficha', cookie, 'GET', `/api/clientes/${c.id}/ficha`);
          break;
        case 'historia':
          await llamar('historia', cookie, 'GET', `/api/clientes/${c.id}/timeline`);
          break;
        case 'seguimientos':
          await llamar('seguimientos', cookie, 'GET', '/api/seguimientos');
          break;
        case 'interaccion': {
          const seguimiento = Math.random() < 0.3;
          await llamar(
            'interaccion',
            cookie,
            'POST',
            `/api/clientes/${c.id}/interacciones`,
            {
              tipo: azar(['llamada', 'visita', 'whatsapp'] as const),
              motivo: 'Prueba de carga: consulta por repuestos',
              descripcion: 'Registrada por la prueba de carga.',
              seguimiento_requerido: seguimiento,
              ...(seguimiento ? { fecha_seguimiento: hoy } : {}),
            },
            201,
          );
          break;
        }
        case 'editar': {
          const p = azar(propios);
          const actual = await llamar('abrir', cookie, 'GET', `/api/clientes/${p.id}`);
          if (actual) {
            await llamar('editar', cookie, 'PATCH', `/api/clientes/${p.id}`, {
              version: actual.version,
              notas: `Editado por la prueba de carga (sesión ${s}) ${new Date().toISOString()}`,
            });
          }
          break;
        }
      }
      // Think time: a person reads the screen before the next action.
      await new Promise((r) => setTimeout(r, Math.random() * 2 * PAUSA_MS));
    }
  };
  const cargaInicial = os.loadavg()[0]!;
  const sesiones = Array.from({ length: SESIONES }, (_, s) => sesion(s));
  await new Promise((r) => setTimeout(r, CALENTAMIENTO_S * 1000));
  midiendo = true;
  const t0 = performance.now();
  await Promise.all(sesiones);
  const duracion = (performance.now() - t0) / 1000;
  http.cerrar();

  const filas: string[] = [];
  const todas: number[] = [];
  let errores = 0;
  const fila = (nombre: string, tiempos: number[], err: number) => {
    const o = [...tiempos].sort((a, b) => a - b);
    const p95 = percentil(o, 95);
    filas.push(
      `  ${nombre.padEnd(13)} ${String(o.length + err).padStart(7)} ${(o.length / duracion).toFixed(1).padStart(8)} ` +
        `${percentil(o, 50).toFixed(0).padStart(6)} ${p95.toFixed(0).padStart(6)} ${percentil(o, 99).toFixed(0).padStart(6)} ${String(err).padStart(7)}`,
    );
    return p95;
  };
  filas.push(
    `  ${'tipo'.padEnd(13)} ${'pedidas'.padStart(7)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(6)} ${'p95 ms'.padStart(6)} ${'p99 ms'.padStart(6)} ${'errores'.padStart(7)}`,
  );
  for (const [tipo, m] of [...medidas].sort(([a], [b]) => a.localeCompare(b))) {
    const p95 = fila(tipo, m.tiempos, m.errores);
    todas.push(...m.tiempos);
    errores += m.errores;
    if (m.errores > 0) fallas.push(`${tipo}: ${m.errores} errores; el primero: ${m.primerError}`);
    if (!(p95 <= OBJETIVO_P95_MS)) fallas.push(`${tipo}: p95 ${p95.toFixed(0)} ms > ${OBJETIVO_P95_MS} ms`);
  }
  const p95Total = fila('total', todas, errores);
  if (!(p95Total <= OBJETIVO_P95_MS)) fallas.push(`total: p95 ${p95Total.toFixed(0)} ms > ${OBJETIVO_P95_MS} ms`);
  if (todas.length === 0) fallas.push('no se completó ninguna petición');

  const version = (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(db.db)).rows[0]!.v;
  console.log(
    `\nPrueba de carga · PostgreSQL ${version} · ${conteo.toLocaleString('es-CL')} clientes · ${SESIONES} sesiones de comerciales distintos · ` +
      `${duracion.toFixed(0)} s medidos (tras ${CALENTAMIENTO_S} s de calentamiento) · pausa entre acciones al azar 0–${2 * PAUSA_MS} ms (media ${PAUSA_MS} ms)\n`,
  );
  console.log(filas.join('\n'));
  console.log(
    `\nApp y generador de carga en la misma máquina (${os.availableParallelism()} núcleos); carga media al empezar ${cargaInicial.toFixed(1)}, al terminar ${os.loadavg()[0]!.toFixed(1)}. Objetivo: 0 errores y p95 ≤ ${OBJETIVO_P95_MS} ms.`,
  );
} catch (e) {
  fallas.push(`la prueba no pudo completarse: ${(e as Error).message}`);
} finally {
  await app?.detener('SIGTERM');
  await db.close();
  await propia?.borrar();
}
terminar('Prueba de carga', fallas);
