// npm run bench: mide la app real (HTTP, en este proceso) contra su "piso", el mismo SQL ejecutado
// directo, sobre el conjunto de datos grande (`npm run demo -- --escala grande`).
// Opciones: --solo buscar,obtener · --peticiones N (c=1, 300) · --segundos S (c=32, 10) · --permitir-pequeno
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { construirApp } from '../src/server/app.ts';
import { CABECERA_CSRF } from '../src/shared/seguridad.ts';
import { leerConfig, type Config } from '../src/server/config.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { openDatabase, openPostgres, type Db } from '../src/server/db/open.ts';
import type { Conexion } from '../src/server/db/tipos.ts';
import { COOKIE_SESION } from '../src/server/http/sesion.ts';
import { crearUsuario, hashPassword } from '../src/server/usuarios/usuarios.ts';
import {
  CALENTAMIENTO,
  compararAppYPiso,
  CONCURRENCIA,
  ENTRADAS_CARGA,
  iniciarTrafico,
  medirEscenario,
  medirHttpVacio,
  TANDAS,
} from './bench/correr.ts';
import {
  crearEscenarios,
  OBJETIVOS_P95_POSTGRES,
  OBJETIVOS_REQS_POSTGRES,
  RATIO_MAXIMO,
  tomarMuestra,
} from './bench/escenarios.ts';
import { evaluar, notasMemoria, tabla, type ResultadoEscenario } from './bench/informe.ts';
import { medirTareas, tablaTareas, type ResultadoTarea } from './bench/tareas.ts';
const RAIZ = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIR_RESULTADOS = path.join(RAIZ, '.bench');
const MINIMO_CLIENTES = 40_000;
const USUARIO_BENCH = {
  email: 'banco.pruebas@rancho.local',
  nombre: 'Banco de pruebas',
  password: 'banco-pruebas-2026',
};
const TABLAS_CONTADAS = [
  'clientes',
  'equipos',
  'interacciones_cliente',
  'ordenes_trabajo',
  'pedidos_repuestos',
  'cotizaciones',
  'encuestas_satisfaccion',
] as const;

const log = (texto: string) => console.error(`· ${texto}`);

function salir(codigo: number, texto: string): never {
  console.error(texto);
  process.exit(codigo);
}

function leerOpciones() {
  const { values } = parseArgs({
    options: {
      solo: { type: 'string' },
      peticiones: { type: 'string', default: '300' },
      segundos: { type: 'string', default: '10' },
      'permitir-pequeno': { type: 'boolean', default: false },
      ayuda: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.ayuda) {
    salir(
      0,
      'Uso: npm run bench -- [--solo buscar,obtener] [--peticiones N] [--segundos S] [--permitir-pequeno]\n' +
        'Base de datos: DATABASE_URL (PostgreSQL) o, sin ella, la embebida en RANCHO_DATA_DIR (./data).',
    );
  }
  const peticiones = Number(values.peticiones);
  const segundos = Number(values.segundos);
  if (!Number.isInteger(peticiones) || peticiones < 1) salir(2, '--peticiones debe ser un entero positivo.');
  if (!(segundos > 0 && segundos <= 600)) salir(2, '--segundos debe estar entre 0 y 600.');
  const solo = values.solo
    ? values.solo
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : null;
  return { peticiones, segundos, solo, permitirPequeno: values['permitir-pequeno'] };
}

function mensajeSinDatos(config: Config, clientes: number): string {
  const donde = config.databaseUrl ? 'La base PostgreSQL de DATABASE_URL' : `La base embebida en ${config.dataDir}`;
  return [
    `${donde} tiene ${clientes.toLocaleString('es-CL')} clientes; el banco de pruebas necesita al menos ${MINIMO_CLIENTES.toLocaleString('es-CL')} (el conjunto «grande»).`,
    'Genérelo con:',
    '  DATABASE_URL=postgres://usuario@host:5432/rancho_grande npm run demo -- --escala grande   (PostgreSQL)',
    '  npm run demo -- --escala grande                                                         (embebida, en RANCHO_DATA_DIR)',
    'y vuelva a ejecutar npm run bench con la misma configuración. Para probar el banco con pocos datos: npm run bench -- --permitir-pequeno',
  ].join('\n');
}

async function contarClientes(db: Conexion): Promise<number> {
  const r = await sql<{ n: number }>`SELECT CASE WHEN to_regclass('clientes') IS NULL THEN 0
    ELSE (SELECT count(*)::int FROM clientes) END AS n`.execute(db);
  return r.rows[0]?.n ?? 0;
}

async function contarTablas(db: Conexion): Promise<Record<string, number>> {
  const conteos: Record<string, number> = {};
  for (const nombre of TABLAS_CONTADAS) {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(nombre)}`.execute(db);
    conteos[nombre] = r.rows[0]?.n ?? 0;
  }
  return conteos;
}

/** Crea el usuario del banco (rol comercial) o lo reutiliza, dejando la contraseña conocida. */
async function asegurarUsuarioBench(db: Conexion): Promise<void> {
  const existe = await db
    .selectFrom('usuarios')
    .select('id_usuario')
    .where('email', '=', USUARIO_BENCH.email)
    .executeTakeFirst();
  if (!existe) {
    await crearUsuario(db, { ...USUARIO_BENCH, rol: 'comercial' });
    return;
  }
  await db
    .updateTable('usuarios')
    .set({ password_hash: await hashPassword(USUARIO_BENCH.password), rol: 'comercial', activo: true })
    .where('id_usuario', '=', existe.id_usuario)
    .execute();
}

async function iniciarSesion(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: USUARIO_BENCH.email, password: USUARIO_BENCH.password }),
  });
  if (res.status !== 200) throw new Error(`El inicio de sesión del banco falló (${res.status}): ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE_SESION}=`));
  if (!cookie) throw new Error('El inicio de sesión no devolvió la cookie de sesión.');
  return cookie.split(';')[0]!;
}

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('es-CL')} MB`;

/** Tamaño de la base y de la caché de PostgreSQL: si la base no cabe, las lecturas salen del disco. */
async function memoriaDelServidor(db: Conexion): Promise<{ base: number; buffers: number }> {
  const r = await sql<{ base: number; buffers: number }>`
    SELECT pg_database_size(current_database())::int8 AS base,
           pg_size_bytes(current_setting('shared_buffers'))::int8 AS buffers`.execute(db);
  return r.rows[0]!;
}

/** La URL de la base sin contraseña, para el informe. */
function destino(config: Config): string {
  if (!config.databaseUrl) return `embebida en ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  url.password = '';
  return url.toString();
}

async function principal(): Promise<void> {
  const opciones = leerOpciones();
  const cargaInicial = os.loadavg()[0]!;
  const config = leerConfig();
  if (!config.databaseUrl && !fs.existsSync(path.join(config.dataDir, 'pg')) && !opciones.permitirPequeno) {
    salir(2, mensajeSinDatos(config, 0));
  }

  let db: Db;
  try {
    // La app abre la base como en producción (mismo pool); el piso en PostgreSQL usa uno propio de 32.
    db = await openDatabase(config);
    await sql`SELECT 1`.execute(db.db);
  } catch (e) {
    salir(1, `No se pudo abrir la base de datos (${destino(config)}): ${e instanceof Error ? e.message : String(e)}`);
  }
  const clientes = await contarClientes(db.db);
  if (clientes === 0 || (clientes < MINIMO_CLIENTES && !opciones.permitirPequeno)) {
    await db.close();
    salir(2, mensajeSinDatos(config, clientes));
  }
  await migrate(db.db);
  const piso: Db = db.engine === 'postgres' ? openPostgres(config.databaseUrl!, { max: CONCURRENCIA }) : db;

  const muestra = await tomarMuestra(piso.db);
  let escenarios = crearEscenarios(piso.db, muestra);
  if (opciones.solo) {
    const desconocidos = opciones.solo.filter((n) => !escenarios.some((e) => e.nombre === n));
    if (desconocidos.length > 0) {
      salir(
        2,
        `Escenario desconocido: ${desconocidos.join(', ')}. Hay: ${escenarios.map((e) => e.nombre).join(', ')}.`,
      );
    }
    escenarios = escenarios.filter((e) => opciones.solo!.includes(e.nombre));
  }

  const conteos = await contarTablas(db.db);
  const version =
    (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(db.db)).rows[0]?.v ?? '?';
  log(`${db.engine === 'postgres' ? `PostgreSQL ${version}` : `PGlite (PostgreSQL ${version})`} · ${destino(config)}`);
  const memoria = db.engine === 'postgres' ? await memoriaDelServidor(db.db) : null;
  if (memoria && memoria.base > memoria.buffers) {
    log(
      `atención: la base (${mb(memoria.base)}) no cabe en shared_buffers (${mb(memoria.buffers)}): parte de cada lectura ` +
        'va al sistema operativo y las cifras lo incluyen. Se recomienda shared_buffers ≥ el tamaño de la base (README).',
    );
  }
  log(
    Object.entries(conteos)
      .map(([t, n]) => `${t} ${n.toLocaleString('es-CL')}`)
      .join(' · '),
  );

  await asegurarUsuarioBench(db.db);
  fs.mkdirSync(DIR_RESULTADOS, { recursive: true });
  // La app registra como en producción (nivel LOG_LEVEL), pero a un archivo para no ensuciar la salida.
  const registro = fs.createWriteStream(path.join(DIR_RESULTADOS, 'app.log'));
  const app = await construirApp({
    db,
    config: { ...config, host: '127.0.0.1', port: 0 },
    logger: { level: config.logLevel, stream: registro },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const puerto = (app.server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${puerto}`;
  const cookie = await iniciarSesion(base);
  log(`app en ${base}, sesión de ${USUARIO_BENCH.email} (comercial)`);

  await compararAppYPiso(escenarios, puerto, cookie);
  log('la app y el piso devuelven lo mismo para las mismas entradas');

  const httpVacio = await medirHttpVacio();
  log(
    `HTTP sin trabajo (node:http que responde {} al instante): p50 ${httpVacio.p50.toFixed(3)} ms, p95 ${httpVacio.p95.toFixed(3)} ms`,
  );
  const trafico = iniciarTrafico(puerto, cookie);
  const resultados: ResultadoEscenario[] = [];
  let tareas: ResultadoTarea[] = [];
  if (cargaInicial > os.availableParallelism() / 2) {
    log(
      `atención: la máquina ya está ocupada (carga ${cargaInicial.toFixed(1)} en ${os.availableParallelism()} núcleos); las cifras serán ruidosas`,
    );
  }
  try {
    for (const e of escenarios) {
      log(
        `${e.nombre}: ${opciones.peticiones} peticiones a c=1 (app y piso alternados) y ${opciones.segundos} s a c=${CONCURRENCIA} cada uno…`,
      );
      const fichas = app.rancho.fichas;
      resultados.push(
        await medirEscenario(e, trafico, opciones, () => ({ aciertos: fichas.aciertos, fallos: fichas.fallos })),
      );
    }
    if (!opciones.solo) {
      log('tareas: recálculo de métricas, alertas e importación de 100.000 filas…');
      tareas = await medirTareas(db, config.databaseUrl);
    }
  } finally {
    await trafico.terminate();
    await fetch(`${base}/api/auth/logout`, { method: 'POST', headers: { cookie, [CABECERA_CSRF]: '1' } }).catch(
      () => undefined,
    );
    await app.close();
    registro.end();
    if (piso !== db) await piso.close();
    await db.close();
  }

  const maquina = {
    cpu: os.cpus()[0]?.model ?? '?',
    nucleos: os.availableParallelism(),
    memoria_gb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    sistema: `${os.type()} ${os.release()} ${os.arch()}`,
    /** Carga media de 1 minuto al empezar y al terminar: si otros procesos usan la CPU, las cifras son ruidosas. */
    carga_inicial: Math.round(cargaInicial * 100) / 100,
    carga_final: Math.round(os.loadavg()[0]! * 100) / 100,
  };
  const titulo =
    `Rancho Clientes · banco de pruebas · ${db.engine === 'postgres' ? `PostgreSQL ${version}` : `embebida (PGlite, PostgreSQL ${version})`} · ` +
    `${conteos.clientes?.toLocaleString('es-CL')} clientes · Node ${process.version} · ${maquina.nucleos} núcleos, ${maquina.memoria_gb} GB`;
  console.log(`\n${titulo}\n`);
  console.log(tabla(resultados, db.engine, CONCURRENCIA));
  const memoriaApp = notasMemoria(resultados);
  if (memoriaApp.length) console.log(`\n${memoriaApp.join('\n')}`);
  if (tareas.length) console.log(`\n${tablaTareas(tareas)}`);
  console.log(
    [
      '',
      `p50/p95/p99: ${opciones.peticiones} peticiones seguidas (c=1, keep-alive). req/s: ${opciones.segundos} s con ${CONCURRENCIA} en vuelo.`,
      'piso: el mismo SQL (las mismas funciones de clientes.consultas.ts, mismos parámetros) ejecutado directo, sin HTTP' +
        (db.engine === 'postgres'
          ? `, con un pool de ${CONCURRENCIA} conexiones.`
          : ', en la misma instancia PGlite (una sesión: todo se serializa).'),
      `ratio p95 = p95 de la app / p95 del piso: el sobrecosto propio de la app (HTTP, sesión, validación, serialización) sobre el SQL. Objetivo ≤ ${RATIO_MAXIMO}×.`,
      db.engine === 'postgres'
        ? `Objetivos (PostgreSQL): ${Object.entries(OBJETIVOS_P95_POSTGRES)
            .filter(([, v]) => v !== null)
            .map(([k, v]) => `${k} p95 ≤ ${v} ms`)
            .join(', ')}; todos ≤ ${RATIO_MAXIMO}× piso; ${Object.entries(OBJETIVOS_REQS_POSTGRES)
            .map(([k, v]) => `${k} ≥ ${v.toLocaleString('es-CL')} req/s`)
            .join(', ')}.`
        : 'Motor embebido: los objetivos aplican solo en PostgreSQL; estas cifras son informativas.',
      `Ida y vuelta HTTP sin trabajo en esta máquina (el mismo cliente contra un node:http que responde {} al instante, ${httpVacio.n} peticiones): ` +
        `p50 ${httpVacio.p50.toFixed(2)} ms, p95 ${httpVacio.p95.toFixed(2)} ms. Ningún endpoint responde más rápido: sobre un SQL de p95 x ms, la razón no baja de ~(x + ${httpVacio.p95.toFixed(2)}) / x.`,
      `Cliente HTTP, app y base de datos comparten la máquina (${maquina.nucleos} núcleos; el cliente corre en otro hilo). ` +
        `Carga media al empezar ${maquina.carga_inicial}, al terminar ${maquina.carga_final}.`,
    ].join('\n'),
  );

  const evaluados = resultados.map((r) => ({ ...r, evaluacion: evaluar(r, db.engine) }));
  const informe = {
    fecha: new Date().toISOString(),
    motor: db.engine,
    version_servidor: version,
    base: destino(config),
    memoria_servidor: memoria,
    conteos,
    http_vacio: httpVacio,
    node: process.version,
    maquina,
    opciones: {
      ...opciones,
      concurrencia: CONCURRENCIA,
      calentamiento: CALENTAMIENTO,
      entradas_carga: ENTRADAS_CARGA,
      tandas_c1: TANDAS,
      nivel_registro: config.logLevel,
    },
    objetivos: {
      p95_ms_postgres: OBJETIVOS_P95_POSTGRES,
      req_s_postgres: OBJETIVOS_REQS_POSTGRES,
      ratio_maximo: RATIO_MAXIMO,
    },
    escenarios: evaluados,
    tareas,
  };
  const archivo = path.join(DIR_RESULTADOS, 'ultimo.json');
  fs.writeFileSync(archivo, JSON.stringify(informe, null, 2) + '\n');
  console.log(`\nResultados en ${path.relative(process.cwd(), archivo) || archivo}`);

  const errores = evaluados.reduce((s, r) => s + r.evaluacion.errores, 0);
  if (errores > 0) {
    const primero = evaluados
      .flatMap((r) => [r.app.c1, r.app.c32, r.piso.c1, r.piso.c32])
      .find((m) => m.primerError)?.primerError;
    salir(1, `Hubo ${errores} peticiones con error; las cifras no son confiables. Primer error: ${primero}`);
  }
}

await principal();
