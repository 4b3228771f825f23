// npm run prueba:fuzz [-- --rapida] [-- --semilla N] [-- --solicitudes N]
//
// Malformed requests over every operation of the app's own OpenAPI document, in process
// (app.inject) on a fresh embedded database, signed in as admin so they reach validation.
// Passes when no answer is a 5xx and no rejected (4xx) request changed the database.
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { construirApp } from '../../src/server/app.ts';
import { leerConfig } from '../../src/server/config.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { createPglite, wrapPglite, type Db } from '../../src/server/db/open.ts';
import { crearUsuario } from '../../src/server/usuarios/usuarios.ts';
import { CABECERA_CSRF } from '../../src/shared/seguridad.ts';
import { crearCliente, crearEquipo, rutValido } from '../../test/fabricas.ts';
import {
  ejemplo,
  operaciones,
  solicitudValida,
  tipoDe,
  urlDe,
  type Esquema,
  type Operacion,
} from '../../test/openapi.ts';

const { values: argumentos } = parseArgs({
  options: {
    rapida: { type: 'boolean', default: false },
    semilla: { type: 'string', default: '20260316' },
    solicitudes: { type: 'string' },
  },
});
const TOTAL = Number(argumentos.solicitudes ?? (argumentos.rapida ? 1_000 : 10_000));
const SEMILLA = Number(argumentos.semilla);

// Session and sign-in bookkeeping change on purpose (the throttle counts failed logins).
const TABLAS_EXCLUIDAS = new Set(['sesiones', 'intentos_login', 'migraciones', 'kysely_migration']);

/** mulberry32: small, fast and the same sequence for the same seed on every machine. */
function azar(semilla: number) {
  let a = semilla >>> 0;
  const siguiente = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    siguiente,
    entero: (min: number, max: number) => min + Math.floor(siguiente() * (max - min + 1)),
    uno: <T>(lista: readonly T[]): T => lista[Math.floor(siguiente() * lista.length)]!,
    prob: (p: number) => siguiente() < p,
  };
}
type Azar = ReturnType<typeof azar>;

const GRANDE = 'A'.repeat(100_000);
const TEXTOS_MALOS = [
  GRANDE,
  '🚜🐄🌾'.repeat(50),
  '\u202Eolleh\u202C مرحبا שלום',
  'nul\u0000byte',
  '\u0000',
  'solo\uD800surrogate',
  '\uDFFFinvertido\uD83D',
  "' OR 1=1; DROP TABLE clientes; --",
  "Robert'); DELETE FROM usuarios; --",
  '1; select pg_sleep(1)',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  '${7*7}',
  '%00%2e%2e%2f',
  '../../etc/passwd',
  '',
  ' ',
  '\t\n\r',
  'ñandú Ñuñoa Concepción',
  '9999-99-99',
  '2026-02-30',
  '0000-00-00',
  '-1',
  '1e309',
  'NaN',
  'null',
  'true',
  '__proto__',
];
const VALORES_RAROS: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  -2147483649,
  2147483648,
  2 ** 53 + 2,
  1e308,
  -1e308,
  1.5,
  [],
  [1, 'a', null],
  {},
  { __proto__: { admin: true } },
  { constructor: { prototype: { x: 1 } } },
  'texto',
  ...TEXTOS_MALOS.slice(0, 12),
];
const PARAMS_RAROS = [
  '-1',
  '0',
  '2147483648',
  '99999999999999999999',
  '1e3',
  '1.5',
  'abc',
  '%00',
  '%F0%9F%9A%9C',
  '%E2%80%AE1',
  'x'.repeat(250),
  '..%2F..%2F',
  "1'%20OR%20'1'='1",
  '%3Cscript%3E',
  'NaN',
  '0x10',
  ' 1',
];
const TIPOS_CONTENIDO = [
  'text/plain',
  'application/xml',
  'multipart/form-data; boundary=----x',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/octet-stream',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/json',
  'image/png',
];

/** Walks a schema's object properties: each string/number leaf path with its schema. */
function hojas(e: Esquema, camino: string[] = []): { camino: string[]; esquema: Esquema }[] {
  const opciones = e.anyOf ?? e.oneOf;
  if (opciones) return hojas(opciones.find((o) => tipoDe(o) !== 'null') ?? opciones[0]!, camino);
  if (tipoDe(e) === 'object' && e.properties) {
    return [{ camino, esquema: e }, ...Object.entries(e.properties).flatMap(([k, p]) => hojas(p, [...camino, k]))];
  }
  return [{ camino, esquema: e }];
}

function poner(objeto: unknown, camino: string[], valor: unknown): unknown {
  if (camino.length === 0) return valor;
  const base = objeto && typeof objeto === 'object' && !Array.isArray(objeto) ? { ...(objeto as object) } : {};
  const [k, ...resto] = camino;
  (base as Record<string, unknown>)[k!] = poner((base as Record<string, unknown>)[k!], resto, valor);
  return base;
}

function quitar(objeto: unknown, camino: string[]): unknown {
  if (!objeto || typeof objeto !== 'object' || camino.length === 0) return objeto;
  const copia = { ...(objeto as Record<string, unknown>) };
  const [k, ...resto] = camino;
  if (resto.length === 0) delete copia[k!];
  else copia[k!] = quitar(copia[k!], resto);
  return copia;
}

/** One malformed request for the operation: a valid base, then one to three mutations. */
function generar(op: Operacion, r: Azar, ids: number[]): InjectOptions & { mutaciones: string[] } {
  const ruta: Record<string, unknown> = {};
  const consulta: Record<string, unknown> = {};
  for (const p of op.parametros) {
    if (p.en === 'path') ruta[p.nombre] = p.nombre === 'id' && r.prob(0.7) ? r.uno(ids) : ejemplo(p.esquema);
    if (p.en === 'query' && (p.requerido || r.prob(0.3))) consulta[p.nombre] = ejemplo(p.esquema);
  }
  let cuerpo: unknown = op.cuerpo ? solicitudValida(op).payload : undefined;
  let crudo: string | Buffer | undefined;
  let tipo: string | undefined = op.cuerpo ? 'application/json' : undefined;
  const mutaciones: string[] = [];
  const veces = r.entero(1, 3);
  for (let i = 0; i < veces; i++) {
    const clase = r.entero(0, 9);
    if (clase <= 3 && op.cuerpo) {
      const hoja = r.uno(hojas(op.cuerpo));
      const accion = r.entero(0, 4);
      if (accion === 0) {
        cuerpo = poner(cuerpo, hoja.camino, r.uno(VALORES_RAROS));
        mutaciones.push(`cuerpo.${hoja.camino.join('.')}=raro`);
      } else if (accion === 1) {
        cuerpo = poner(cuerpo, hoja.camino, r.uno(TEXTOS_MALOS));
        mutaciones.push(`cuerpo.${hoja.camino.join('.')}=texto`);
      } else if (accion === 2) {
        cuerpo = quitar(cuerpo, hoja.camino);
        mutaciones.push(`sin cuerpo.${hoja.camino.join('.')}`);
      } else if (accion === 3) {
        cuerpo = poner(cuerpo, [...hoja.camino.slice(0, -1), r.uno(['extra', '__proto__', 'id_usuario', 'rol'])], 1);
        mutaciones.push('campo extra');
      } else {
        // Every leaf of the valid body gets an odd but well-typed value (may pass validation).
        for (const h of hojas(op.cuerpo)) {
          if (tipoDe(h.esquema) === 'string' && !h.esquema.enum && !h.esquema.pattern)
            cuerpo = poner(cuerpo, h.camino, r.uno(TEXTOS_MALOS).slice(0, h.esquema.maxLength ?? 100_000));
        }
        mutaciones.push('textos raros válidos');
      }
    } else if (clase === 4) {
      const cual = r.entero(0, 5);
      cuerpo = undefined;
      crudo = [
        '{"a":',
        '[1,2,3]',
        'null',
        '"texto"',
        `${'{"a":['.repeat(2000)}1${']}'.repeat(2000)}`,
        `{"x":"${GRANDE.repeat(11)}"}`,
      ][cual];
      tipo = 'application/json';
      mutaciones.push(`cuerpo crudo #${cual}`);
    } else if (clase === 5) {
      tipo = r.uno(TIPOS_CONTENIDO);
      if (cuerpo === undefined && crudo === undefined)
        crudo = r.prob(0.5) ? 'a;b\n1;2\n' : Buffer.from([0xff, 0xfe, 0]);
      mutaciones.push(`content-type ${tipo}`);
    } else if (clase === 6 && Object.keys(ruta).length > 0) {
      const nombre = r.uno(Object.keys(ruta));
      ruta[nombre] = decodeURIComponent(r.uno(PARAMS_RAROS).replace(/%(?![0-9A-F]{2})/gi, '%25'));
      mutaciones.push(`param ${nombre}`);
    } else if (clase === 7) {
      const qs = op.parametros.filter((p) => p.en === 'query');
      const nombre = qs.length > 0 && r.prob(0.8) ? r.uno(qs).nombre : r.uno(['zzz', '__proto__', 'constructor']);
      consulta[nombre] = String(r.uno([...PARAMS_RAROS, ...TEXTOS_MALOS.slice(0, 12).map((t) => t.slice(0, 3000))]));
      mutaciones.push(`query ${nombre}`);
    } else if (clase === 8) {
      const qs = op.parametros.filter((p) => p.en === 'query');
      if (qs.length > 0) {
        const nombre = r.uno(qs).nombre;
        consulta[nombre] = r.uno(['-5', '0', '99999999999', '1.5', 'abc', '']);
        mutaciones.push(`query ${nombre} número malo`);
      }
    } else if (op.cuerpo) {
      cuerpo = r.uno(VALORES_RAROS);
      mutaciones.push('cuerpo de otro tipo');
    } else {
      crudo = JSON.stringify(r.uno(VALORES_RAROS));
      tipo = 'application/json';
      mutaciones.push('cuerpo donde no va');
    }
  }
  let url = urlDe(op, ruta, {});
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(consulta)) q.append(k, typeof v === 'string' ? v : JSON.stringify(v));
  if (q.size > 0) url += `?${q}`;
  const payload = crudo ?? (cuerpo === undefined ? undefined : JSON.stringify(cuerpo));
  return {
    method: op.metodo as 'GET',
    url,
    ...(payload !== undefined ? { payload } : {}),
    headers: tipo && payload !== undefined ? { 'content-type': tipo } : {},
    mutaciones,
  };
}

/** An exact fingerprint of every table but the bookkeeping ones: count and md5 of the sorted rows. */
async function preparaHuella(db: Db): Promise<() => Promise<string>> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db.db);
  const partes = rows
    .map((r) => r.table_name)
    .filter((t) => !TABLAS_EXCLUIDAS.has(t))
    .map(
      (t) =>
        `select '${t}' as t, count(*) as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${t}" x`,
    );
  const consulta = sql.raw<{ t: string; n: string; h: string }>(partes.join(' union all '));
  return async () => {
    const r = await consulta.execute(db.db);
    return r.rows.map((f) => `${f.t}:${f.n}:${f.h}`).join('\n');
  };
}

async function sembrar(app: FastifyInstance, db: Db, cookie: string): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < 3; i++)
    ids.push(await crearCliente(db.db, { nombre: `Agrícola Semilla ${i + 1}`, rut: rutValido(11_111_111 + i) }));
  for (const id of ids) await crearEquipo(db.db, id);
  const post = async (url: string, payload: object) => {
    const r = await app.inject({ method: 'POST', url, payload, headers: { cookie, [CABECERA_CSRF]: '1' } });
    if (r.statusCode >= 300) throw new Error(`Siembra ${url}: ${r.statusCode} ${r.body}`);
  };
  await post('/api/ordenes', {
    id_cliente: ids[0]!,
    tipo: 'preventiva',
    fecha_ingreso: '2026-01-10',
    monto_total: 250_000,
  });
  await post('/api/pedidos', { id_cliente: ids[1]!, fecha: '2026-01-12', monto_total: 80_000 });
  await post(`/api/clientes/${ids[0]}/interacciones`, {
    tipo: 'llamada',
    fecha: '2026-03-10T10:00:00Z',
    motivo: 'Seguimiento de cosecha',
    seguimiento_requerido: true,
    fecha_seguimiento: '2026-04-01',
  });
  await post('/api/etiquetas', { nombre: 'Frutícola' });
  return ids;
}

async function main() {
  const inicio = performance.now();
  const pglite = await createPglite();
  const db = wrapPglite(pglite);
  await migrate(db.db);
  // The server's error log, to show what broke behind each 5xx.
  const registro = new Map<string, string>();
  const stream = {
    write(linea: string) {
      const e = JSON.parse(linea) as { reqId?: string; err?: { message?: string; stack?: string } };
      if (e.reqId)
        registro.set(
          e.reqId,
          `${e.err?.message ?? ''} @ ${(e.err?.stack ?? '').split('\n').find((l) => l.includes('/src/')) ?? ''}`.trim(),
        );
    },
  };
  const app = await construirApp({
    db,
    config: { ...leerConfig({}), databaseUrl: null },
    logger: { level: 'error', stream },
  });
  const admin = { email: 'fuzz@rancho.cl', password: 'fuzz-rancho-2026' };
  await crearUsuario(db.db, { ...admin, nombre: 'Fuzz', rol: 'admin' });
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: admin });
  const cookie = `rancho_sesion=${login.cookies[0]!.value}`;
  const ids = await sembrar(app, db, cookie).catch((e: Error) => {
    console.warn(`Aviso: siembra parcial (${e.message.slice(0, 200)})`);
    return [1, 2, 3];
  });
  const doc = (await app.inject({ url: '/api/openapi.json', headers: { cookie } })).json();
  // Logout would end the session the run depends on; it takes no input to fuzz anyway.
  const ops = operaciones(doc).filter((o) => o.clave !== 'POST /api/auth/logout');
  const huella = await preparaHuella(db);

  const r = azar(SEMILLA);
  const porEstado = new Map<number, number>();
  const fallas: string[] = [];
  let antes = await huella();
  let rechazadas = 0;
  const inicioFuzz = performance.now();
  for (let i = 0; i < TOTAL; i++) {
    const op = ops[i % ops.length]!; // round robin: every operation gets the same share
    const { mutaciones, ...solicitud } = generar(op, r, ids);
    solicitud.headers = { ...solicitud.headers, cookie, [CABECERA_CSRF]: '1' };
    const t0 = performance.now();
    const res = await app.inject(solicitud);
    const ms = performance.now() - t0;
    if (process.env.FUZZ_TRAZA)
      console.log(`${ms.toFixed(0)}ms ${res.statusCode} #${i} ${op.clave} [${mutaciones.join(', ')}]`);
    porEstado.set(res.statusCode, (porEstado.get(res.statusCode) ?? 0) + 1);
    const caso = `#${i} ${op.clave} [${mutaciones.join(', ')}] ${String(solicitud.url).slice(0, 120)}`;
    if (res.statusCode >= 500) {
      fallas.push(
        `${res.statusCode} ${caso}: ${registro.get(String(res.headers['x-request-id'])) ?? res.body.slice(0, 200)}`,
      );
    }
    const despues = await huella();
    if (res.statusCode >= 400 && res.statusCode < 500) {
      rechazadas++;
      if (despues !== antes) fallas.push(`rechazada con ${res.statusCode} pero cambió la base: ${caso}`);
    }
    antes = despues;
  }
  const duracion = (performance.now() - inicioFuzz) / 1000;
  await app.close();
  await db.close();

  console.log(
    `Fuzz (semilla ${SEMILLA}): ${TOTAL} solicitudes sobre ${ops.length} operaciones en ${duracion.toFixed(1)} s ` +
      `(${(TOTAL / duracion).toFixed(0)}/s; total con preparación ${((performance.now() - inicio) / 1000).toFixed(1)} s).`,
  );
  console.log(
    `Por estado: ${[...porEstado.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s}: ${n}`)
      .join(', ')}`,
  );
  console.log(
    `Rechazadas (4xx) con la base intacta: ${rechazadas - fallas.filter((f) => f.startsWith('rechazada')).length} de ${rechazadas}.`,
  );
  if (fallas.length > 0) {
    console.error(`\n${fallas.length} fallas:`);
    for (const f of fallas.slice(0, 40)) console.error(`  ${f}`);
    process.exit(1);
  }
  console.log('Sin respuestas 5xx y sin cambios en la base por solicitudes rechazadas.');
}

await main();
