// Escenarios del banco de pruebas. Cada uno sabe armar una petición HTTP y ejecutar su "piso": la
// misma consulta SQL, con los mismos parámetros, llamando a las mismas funciones que usa la app.
// Agregar un escenario = agregar un objeto al arreglo de `crearEscenarios`.
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'kysely';
import { buscarClientes, obtenerFilaCliente } from '../../src/server/clientes/clientes.consultas.ts';
import type { Conexion } from '../../src/server/db/tipos.ts';
import { filtrosClientes, type FiltrosClientes } from '../../src/shared/listas.ts';
import { buscarRegion } from '../../src/shared/territorio.ts';
import { crearEscenariosModulos, OBJETIVOS_MODULOS } from './escenariosModulos.ts';

/** Objetivos de p95 (ms, concurrencia 1) en PostgreSQL; `null` = solo el de sobrecosto. */
export const OBJETIVOS_P95_POSTGRES: Record<string, number | null> = {
  buscar: 25,
  obtener: 5,
  listar: null,
  ...OBJETIVOS_MODULOS,
};
/** Objetivos de rendimiento (req/s a c=32, PostgreSQL) que fijan los issues. */
export const OBJETIVOS_REQS_POSTGRES: Record<string, number> = { ficha: 2_000 };
/** La app no debe costar más que 1,3 veces el SQL directo (p95 app / p95 piso). */
export const RATIO_MAXIMO = 1.3;

/** Generador pseudoaleatorio con semilla: la misma semilla da la misma secuencia de entradas. */
export interface Rng {
  /** Un número en [0, 1). */
  siguiente(): number;
  /** Un entero en [0, n). */
  entero(n: number): number;
  elegir<T>(lista: readonly T[]): T;
}

/** mulberry32 sembrado con el hash FNV-1a de un texto. */
export function crearRng(semilla: string): Rng {
  let h = 0x811c9dc5;
  for (let i = 0; i < semilla.length; i++) h = Math.imul(h ^ semilla.charCodeAt(i), 0x01000193);
  let a = h >>> 0;
  const siguiente = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const entero = (n: number) => Math.floor(siguiente() * n);
  return { siguiente, entero, elegir: (lista) => lista[entero(lista.length)]! };
}

export interface Peticion {
  path: string;
}

export interface Escenario {
  nombre: string;
  descripcion: string;
  /** p95 objetivo en ms (c=1) en PostgreSQL, o null. */
  objetivoP95Ms: number | null;
  /** La petición HTTP de una iteración. */
  peticion(rng: Rng): Peticion;
  /** El piso de una iteración: el SQL de la app, directo, sin HTTP. Con la misma semilla, la misma entrada que `peticion`. */
  piso(rng: Rng): Promise<void>;
  /**
   * Compara la respuesta de la app con el piso para la misma entrada (misma semilla); devuelve la
   * diferencia o null. Asegura que el piso mide de verdad el SQL que corre la app.
   */
  comparar(rng: Rng, respuesta: unknown): Promise<string | null>;
}

/** Datos reales tomados de la base antes de medir, de los que los escenarios eligen sus entradas. */
export interface Muestra {
  /** Clientes activos con región, para armar búsquedas que encuentran algo. */
  buscables: { id_cliente: number; nombre: string; region: string }[];
  ids: number[];
  /** Clientes no archivados: lo que recorre la lista. */
  listables: number;
}

/** Toma la muestra de forma determinista (orden por hash del id, no por azar del servidor). */
export async function tomarMuestra(db: Conexion): Promise<Muestra> {
  const buscables = await sql<{ id_cliente: number; nombre: string; region: string }>`
    SELECT id_cliente, nombre, region FROM clientes
    WHERE activo AND NOT archivado AND region IS NOT NULL
    ORDER BY md5('buscar' || id_cliente) LIMIT 2000`.execute(db);
  const ids = await sql<{ id_cliente: number }>`
    SELECT id_cliente FROM clientes ORDER BY md5('obtener' || id_cliente) LIMIT 5000`.execute(db);
  const listables = await sql<{ n: number }>`SELECT count(*)::int AS n FROM clientes WHERE NOT archivado`.execute(db);
  return {
    // Solo regiones que la app reconoce (las de la tabla comunas lo son todas; esto protege de datos raros).
    buscables: buscables.rows.filter((c) => buscarRegion(c.region) && palabrasDe(c.nombre).length > 0),
    ids: ids.rows.map((r) => r.id_cliente),
    listables: listables.rows[0]?.n ?? 0,
  };
}

const LIMITE_PAGINA = 25;

function palabrasDe(nombre: string): string[] {
  return nombre.split(/\s+/).filter((p) => /^[\p{L}]{3,}$/u.test(p));
}

function sinTildes(texto: string): string {
  return texto
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
}

/** Un error de tipeo: dos letras cambiadas de lugar, una letra de menos o una cambiada. */
function conErrata(palabra: string, rng: Rng): string {
  const letras = [...palabra];
  const i = 1 + rng.entero(letras.length - 2);
  switch (rng.entero(3)) {
    case 0:
      [letras[i], letras[i + 1]] = [letras[i + 1]!, letras[i]!];
      break;
    case 1:
      letras.splice(i, 1);
      break;
    default:
      letras[i] = 'aeiourstln'[rng.entero(10)]!;
  }
  return letras.join('');
}

/** Una palabra real del nombre de un cliente: tal cual, sin tildes (25 %) o con una errata (20 %). */
function entradaBuscar(muestra: Muestra, rng: Rng): { q: string; region: string } {
  const cliente = rng.elegir(muestra.buscables);
  const palabra = rng.elegir(palabrasDe(cliente.nombre));
  const r = rng.siguiente();
  const q = r < 0.2 && palabra.length >= 5 ? conErrata(palabra, rng) : r < 0.45 ? sinTildes(palabra) : palabra;
  return { q, region: cliente.region };
}

function consulta(params: Record<string, string | number>): string {
  return new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
}

/** Lo que la app recibe tras validar la query string: así el piso llama a la consulta con lo mismo. */
function filtrosDePath(path: string): FiltrosClientes {
  return filtrosClientes.parse(Object.fromEntries(new URL(path, 'http://x').searchParams));
}

function compararLista(
  respuesta: unknown,
  esperado: { total: number; filas: { id_cliente: number }[] },
): string | null {
  const r = respuesta as { total?: number; items?: { id_cliente: number }[] };
  const idsApp = (r.items ?? []).map((i) => i.id_cliente);
  const idsPiso = esperado.filas.map((f) => f.id_cliente);
  if (r.total !== esperado.total) return `total app ${r.total} ≠ piso ${esperado.total}`;
  if (!isDeepStrictEqual(idsApp, idsPiso))
    return `ids app [${idsApp.slice(0, 5).join(',')}…] ≠ piso [${idsPiso.slice(0, 5).join(',')}…]`;
  return null;
}

/**
 * Los escenarios sobre una conexión para el piso (en PostgreSQL, un pool propio de 32; en PGlite,
 * la misma instancia que usa la app: un proceso, una sesión).
 */
export function crearEscenarios(db: Conexion, muestra: Muestra): Escenario[] {
  if (muestra.buscables.length === 0 || muestra.ids.length === 0) {
    throw new Error('La base no tiene clientes activos con región: no hay de dónde sacar entradas para medir.');
  }
  const paginas = Math.max(1, Math.ceil(muestra.listables / LIMITE_PAGINA));

  // Entrada → filtros exactamente como los arma la validación de la app (a mano, sin zod en el piso);
  // `verificarFiltros` comprueba al inicio que coinciden con lo que zod produce de la query string.
  const buscar = (rng: Rng) => {
    const { q, region } = entradaBuscar(muestra, rng);
    const filtros: FiltrosClientes = { q, region, activo: true, limit: LIMITE_PAGINA, offset: 0 };
    return { path: `/api/clientes?${consulta({ q, region, activo: 'true' })}`, filtros };
  };
  const listar = (rng: Rng) => {
    const offset = rng.entero(paginas) * LIMITE_PAGINA;
    const filtros: FiltrosClientes = { limit: LIMITE_PAGINA, offset, orden: 'nombre' };
    return { path: `/api/clientes?${consulta({ limit: LIMITE_PAGINA, offset, orden: 'nombre' })}`, filtros };
  };
  const obtener = (rng: Rng) => rng.elegir(muestra.ids);

  const escenarios: Escenario[] = [
    {
      nombre: 'buscar',
      descripcion:
        'GET /api/clientes?q=<palabra de un nombre real, a veces sin tildes o con errata>&region=<su región>&activo=true',
      objetivoP95Ms: OBJETIVOS_P95_POSTGRES.buscar ?? null,
      peticion: (rng) => ({ path: buscar(rng).path }),
      piso: async (rng) => {
        await buscarClientes(db, buscar(rng).filtros);
      },
      comparar: async (rng, respuesta) => compararLista(respuesta, await buscarClientes(db, buscar(rng).filtros)),
    },
    {
      nombre: 'obtener',
      descripcion: 'GET /api/clientes/{id} de ids existentes',
      objetivoP95Ms: OBJETIVOS_P95_POSTGRES.obtener ?? null,
      peticion: (rng) => ({ path: `/api/clientes/${obtener(rng)}` }),
      piso: async (rng) => {
        await obtenerFilaCliente(db, obtener(rng));
      },
      comparar: async (rng, respuesta) => {
        const id = obtener(rng);
        const fila = await obtenerFilaCliente(db, id);
        const r = respuesta as { id_cliente?: number; version?: number };
        return fila && r.id_cliente === fila.id_cliente && r.version === fila.version
          ? null
          : `cliente ${id}: app ${r.id_cliente} ≠ piso ${fila?.id_cliente}`;
      },
    },
    {
      nombre: 'listar',
      descripcion: `GET /api/clientes?limit=25&offset=<página al azar de ${paginas}>&orden=nombre`,
      objetivoP95Ms: OBJETIVOS_P95_POSTGRES.listar ?? null,
      peticion: (rng) => ({ path: listar(rng).path }),
      piso: async (rng) => {
        await buscarClientes(db, listar(rng).filtros);
      },
      comparar: async (rng, respuesta) => compararLista(respuesta, await buscarClientes(db, listar(rng).filtros)),
    },
  ];

  verificarFiltros([buscar, listar]);
  return [...escenarios, ...crearEscenariosModulos(db, muestra)];
}

/** Falla si los filtros que usa el piso difieren de los que la validación de la app saca del path. */
function verificarFiltros(generadores: ((rng: Rng) => { path: string; filtros: FiltrosClientes })[]): void {
  for (const generar of generadores) {
    const rng = crearRng('verificar');
    for (let i = 0; i < 200; i++) {
      const { path, filtros } = generar(rng);
      const app = filtrosDePath(path);
      if (!isDeepStrictEqual(app, filtros)) {
        throw new Error(
          `El piso no usa los mismos filtros que la app para ${path}: ${JSON.stringify(filtros)} ≠ ${JSON.stringify(app)}`,
        );
      }
    }
  }
}
