import fs from 'node:fs';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { migrate, nombresMigraciones } from '../db/migrate.ts';
import type { Database } from '../db/schema.ts';
import type { Conexion } from '../db/tipos.ts';
import { identificador, leerCatalogo, leerIndicesSimples, type Tabla } from './catalogo.ts';
import { ajustarSesion, FIN, leerLineaCopia, TITULO, VERSION_FORMATO } from './formato.ts';
import { ultimaMigracion, type ResumenTabla } from './volcar.ts';

const DIR_MIGRACIONES = new URL('../db/migrations/', import.meta.url);
/** Bound on one INSERT: PostgreSQL takes at most 65,535 parameters per statement. */
const PARAMETROS_POR_LOTE = 30_000;
const FILAS_POR_LOTE = 1000;

/** A restore that must not go on; the message says why and what to do, in Spanish. */
export class ErrorRestauracion extends Error {}

export interface ResumenRestauracion {
  migracion: string;
  tablas: ResumenTabla[];
  filas: number;
  bytes: number;
  segundos: number;
}

/** Tables that the migrations themselves fill (regions, comunas, default settings…). */
function tablasSembradas(): Set<string> {
  const nombres = new Set<string>();
  for (const archivo of fs.readdirSync(DIR_MIGRACIONES).filter((f) => f.endsWith('.sql'))) {
    const texto = fs.readFileSync(new URL(archivo, DIR_MIGRACIONES), 'utf8');
    for (const m of texto.matchAll(/INSERT\s+INTO\s+"?(\w+)"?/gi)) nombres.add(m[1]!);
  }
  return nombres;
}

/**
 * Refuses a database that holds data: a restore only loads into an empty one, so it can neither
 * mix two histories nor erase one. Tables filled by the migrations alone do not count.
 */
export async function verificarVacia(db: Conexion): Promise<void> {
  const { tablas } = await leerCatalogo(db);
  const sembradas = (await ultimaMigracion(db)) ? tablasSembradas() : new Set<string>();
  const conDatos: string[] = [];
  for (const t of tablas) {
    if (sembradas.has(t.nombre)) continue;
    const r = await sql<{ hay: boolean }>`SELECT EXISTS (SELECT 1 FROM ${sql.table(t.nombre)}) AS hay`.execute(db);
    if (r.rows[0]?.hay) conDatos.push(t.nombre);
  }
  if (conDatos.length > 0) {
    throw new ErrorRestauracion(
      `La base de datos de destino no está vacía: ${conDatos.length === 1 ? 'la tabla' : 'las tablas'} ` +
        `${conDatos.slice(0, 5).join(', ')}${conDatos.length > 5 ? ` y ${conDatos.length - 5} más` : ''} ` +
        `${conDatos.length === 1 ? 'tiene' : 'tienen'} datos. Para no mezclar ni borrar información, la restauración ` +
        'solo carga en una base vacía: cree una nueva (PostgreSQL: CREATE DATABASE …; embebida: otro RANCHO_DATA_DIR) ' +
        'y restaure ahí.',
    );
  }
}

interface Cabecera {
  formato: number;
  migracion: string;
}

function leerCabecera(lineas: string[]): Cabecera {
  if (lineas[0] !== TITULO) {
    throw new ErrorRestauracion('El archivo no es un respaldo de Rancho Clientes (no empieza con su encabezado).');
  }
  const valor = (clave: string) => lineas.find((l) => l.startsWith(`-- ${clave}: `))?.slice(clave.length + 5);
  const formato = Number(valor('formato'));
  const migracion = valor('migracion');
  if (formato !== VERSION_FORMATO || !migracion) {
    throw new ErrorRestauracion(
      `El respaldo usa el formato ${valor('formato') ?? '(desconocido)'}; esta versión de Rancho Clientes lee el formato ${VERSION_FORMATO}.`,
    );
  }
  return { formato, migracion };
}

/** Brings the empty target to the schema the dump was taken with (never past it). */
async function prepararEsquema(db: Kysely<Database>, migracion: string): Promise<void> {
  const conocidas = nombresMigraciones();
  if (!conocidas.includes(migracion)) {
    throw new ErrorRestauracion(
      `El respaldo viene de una versión más nueva de Rancho Clientes (migración ${migracion}). ` +
        'Actualice la aplicación y vuelva a restaurar.',
    );
  }
  const actual = await ultimaMigracion(db);
  if (actual && actual > migracion) {
    throw new ErrorRestauracion(
      `La base de destino ya tiene migraciones más nuevas (${actual}) que el respaldo (${migracion}). ` +
        'Restaure en una base nueva, sin tablas: las migraciones se aplican después de cargar los datos.',
    );
  }
  if (actual !== migracion) await migrate(db, migracion);
}

/**
 * Loads a dump written by volcarRespaldo into an empty database: applies the migrations up to the
 * dump's, loads every row in one transaction (all or nothing; a truncated file is refused), then
 * applies any newer migrations. Reads the file line by line: memory does not grow with its size.
 */
export async function restaurarRespaldo(
  db: Kysely<Database>,
  entrada: Readable,
  opciones: { alAvanzar?: (tabla: string, filas: number) => void } = {},
): Promise<ResumenRestauracion> {
  const inicio = performance.now();
  let bytes = 0;
  entrada.on('data', (trozo: Buffer | string) => {
    bytes += trozo.length;
  });
  const lector = readline.createInterface({ input: entrada, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const encabezado: string[] = [];
  let primera: string | undefined;
  for (let r = await lector.next(); !r.done; r = await lector.next()) {
    if (r.value.startsWith('--') || r.value.startsWith('SET ') || r.value === '') encabezado.push(r.value);
    else {
      primera = r.value;
      break;
    }
  }
  const { migracion } = leerCabecera(encabezado);
  await verificarVacia(db);
  await prepararEsquema(db, migracion);

  const tablas = await db.transaction().execute(async (trx) => {
    await ajustarSesion(trx);
    const { tablas: catalogo } = await leerCatalogo(trx);
    if (catalogo.length > 0)
      await sql.raw(`TRUNCATE ${catalogo.map((t) => identificador(t.nombre)).join(', ')}`).execute(trx);
    const indices = await leerIndicesSimples(trx);
    for (const i of indices) await sql.raw(`DROP INDEX ${identificador(i.nombre)}`).execute(trx);
    const cargadas = await cargar(
      trx,
      new Map(catalogo.map((t) => [t.nombre, t])),
      primera,
      lector,
      opciones.alAvanzar,
    );
    for (const i of indices) await sql.raw(i.definicion).execute(trx);
    return cargadas;
  });
  if (migracion !== nombresMigraciones().at(-1)) await migrate(db);
  return {
    migracion,
    tablas,
    filas: tablas.reduce((s, t) => s + t.filas, 0),
    bytes,
    segundos: (performance.now() - inicio) / 1000,
  };
}

const COPIA = /^COPY ("(?:[^"]|"")+") \((.*)\) FROM stdin;$/;
const SECUENCIA = /^SELECT setval\('((?:[^']|'')+)', (-?\d+), (true|false)\);$/;

function sinComillas(id: string): string {
  return id.slice(1, -1).replaceAll('""', '"');
}

async function cargar(
  trx: Conexion,
  catalogo: Map<string, Tabla>,
  primera: string | undefined,
  lector: AsyncIterator<string>,
  alAvanzar?: (tabla: string, filas: number) => void,
): Promise<ResumenTabla[]> {
  const resumen: ResumenTabla[] = [];
  let lote: Lote | null = null;
  let numero = 0;
  let fin: string | null = null;
  let linea = primera;
  while (linea !== undefined) {
    numero++;
    if (lote) {
      if (linea === '\\.') {
        await lote.vaciar();
        resumen.push({ nombre: lote.tabla.nombre, filas: lote.filas });
        alAvanzar?.(lote.tabla.nombre, lote.filas);
        lote = null;
      } else await lote.agregar(leerLineaCopia(linea), numero);
    } else if (COPIA.test(linea)) {
      const [, tabla, columnas] = COPIA.exec(linea)!;
      lote = new Lote(trx, catalogo, sinComillas(tabla!), columnas!.split(', ').map(sinComillas));
    } else if (SECUENCIA.test(linea)) {
      const [, nombre, valor, llamada] = SECUENCIA.exec(linea)!;
      await sql`SELECT setval(${nombre!.replaceAll("''", "'")}::regclass, ${valor}::bigint, ${llamada === 'true'})`.execute(
        trx,
      );
    } else if (linea.startsWith(FIN)) fin = linea;
    else if (linea !== '' && !linea.startsWith('--') && !linea.startsWith('SET ')) {
      throw new ErrorRestauracion(`Línea ${numero} del respaldo no reconocida: «${linea.slice(0, 80)}».`);
    }
    const r = await lector.next();
    linea = r.done ? undefined : r.value;
  }
  const total = resumen.reduce((s, t) => s + t.filas, 0);
  const esperado = fin ? /(\d+) tablas, (\d+) filas/.exec(fin) : null;
  if (lote || !esperado) {
    throw new ErrorRestauracion(
      'El respaldo está incompleto (se corta antes de su línea final): ¿se interrumpió al crearlo o al copiarlo? No se cargó nada.',
    );
  }
  if (Number(esperado[1]) !== resumen.length || Number(esperado[2]) !== total) {
    throw new ErrorRestauracion(
      `El respaldo anuncia ${esperado[1]} tablas y ${esperado[2]} filas, pero contiene ${resumen.length} y ${total}. No se cargó nada.`,
    );
  }
  return resumen;
}

/** Rows of one COPY block, inserted in multi-row INSERTs whose text parameters are cast to each column's type. */
class Lote {
  readonly tabla: Tabla;
  filas = 0;
  private readonly trx: Conexion;
  private readonly prefijo: string;
  private readonly casts: string[];
  private readonly maximo: number;
  private valores: (string | null)[] = [];

  constructor(trx: Conexion, catalogo: Map<string, Tabla>, nombre: string, columnas: string[]) {
    const tabla = catalogo.get(nombre);
    if (!tabla) throw new ErrorRestauracion(`El respaldo trae la tabla ${nombre}, que no existe en esta versión.`);
    const tipos = new Map(tabla.columnas.map((c) => [c.nombre, c.tipo]));
    const faltante = columnas.find((c) => !tipos.has(c));
    if (faltante) throw new ErrorRestauracion(`El respaldo trae la columna ${nombre}.${faltante}, que no existe.`);
    this.trx = trx;
    this.tabla = tabla;
    this.casts = columnas.map((c) => `::text::${tipos.get(c)}`);
    this.prefijo =
      `INSERT INTO ${identificador(nombre)} (${columnas.map(identificador).join(', ')})` +
      `${tabla.identidadSiempre ? ' OVERRIDING SYSTEM VALUE' : ''} VALUES `;
    this.maximo = Math.max(1, Math.min(FILAS_POR_LOTE, Math.floor(PARAMETROS_POR_LOTE / columnas.length)));
  }

  async agregar(valores: (string | null)[], linea: number): Promise<void> {
    if (valores.length !== this.casts.length) {
      throw new ErrorRestauracion(
        `Línea ${linea} del respaldo: ${valores.length} valores para ${this.casts.length} columnas de ${this.tabla.nombre}.`,
      );
    }
    this.valores.push(...valores);
    this.filas++;
    if (this.valores.length >= this.maximo * this.casts.length) await this.vaciar();
  }

  async vaciar(): Promise<void> {
    if (this.valores.length === 0) return;
    const ancho = this.casts.length;
    const tuplas: string[] = [];
    for (let f = 0; f < this.valores.length / ancho; f++) {
      tuplas.push(`(${this.casts.map((c, i) => `$${f * ancho + i + 1}${c}`).join(', ')})`);
    }
    await this.trx.executeQuery(CompiledQuery.raw(this.prefijo + tuplas.join(', '), this.valores));
    this.valores = [];
  }
}
