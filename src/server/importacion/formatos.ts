import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import unzipper from 'unzipper';
import type { Celda } from '../../shared/importacion.ts';
import { ErrorApp } from '../http/errores.ts';

export type Formato = 'csv' | 'xlsx';

/** Una planilla leída: encabezados y filas con su número de fila tal como lo muestra Excel. */
export interface Tabla {
  encabezados: string[];
  filas: { numero: number; celdas: Celda[] }[];
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Tipos de contenido que aceptan las rutas de importación (el cuerpo llega como Buffer). */
export const TIPOS_ARCHIVO = [
  'text/csv',
  'text/plain',
  'application/vnd.ms-excel',
  XLSX_MIME,
  'application/octet-stream',
];

const esZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const esXlsAntiguo = (b: Buffer) => b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/**
 * El formato lo dice `?formato=`; si no, el contenido manda sobre el Content-Type, porque los
 * navegadores en Windows etiquetan un .csv como `application/vnd.ms-excel`.
 */
export function detectarFormato(cuerpo: Buffer, contentType: string | undefined, formato?: Formato): Formato {
  if (esXlsAntiguo(cuerpo)) {
    throw new ErrorApp(
      'REGLA',
      'Formato de Excel antiguo',
      'Los archivos .xls (Excel 97-2003) no se pueden leer: guárdelo como .xlsx o como CSV y vuelva a subirlo.',
    );
  }
  if (formato) return formato;
  if (esZip(cuerpo)) return 'xlsx';
  if ((contentType ?? '').startsWith(XLSX_MIME)) return 'xlsx';
  return 'csv';
}

/** Lee la primera hoja de un XLSX o un CSV (UTF-8 o Windows-1252, separado por `;`, `,` o tabulador). */
export async function leerArchivo(cuerpo: Buffer, formato: Formato): Promise<Tabla> {
  if (cuerpo.length === 0) throw archivoVacio();
  const filas = formato === 'xlsx' ? await filasXlsx(cuerpo) : filasCsv(cuerpo);
  const inicio = filas.findIndex((f) => !filaVacia(f.celdas));
  if (inicio === -1) throw archivoVacio();
  const encabezados = filas[inicio]!.celdas.map((c) =>
    c == null ? '' : String(c instanceof Date ? c.toISOString().slice(0, 10) : c).trim(),
  );
  while (encabezados.length > 0 && encabezados[encabezados.length - 1] === '') encabezados.pop();
  return { encabezados, filas: filas.slice(inicio + 1).filter((f) => !filaVacia(f.celdas)) };
}

const archivoVacio = () =>
  new ErrorApp(
    'REGLA',
    'El archivo está vacío',
    'El archivo no tiene filas: la primera fila debe traer los nombres de las columnas.',
  );

export function filaVacia(celdas: readonly Celda[]): boolean {
  return celdas.every((c) => c == null || (typeof c === 'string' && c.trim() === ''));
}

/** Texto del CSV: BOM UTF-8 o UTF-16; sin BOM, UTF-8 si es válido y si no Windows-1252 (Excel en español). */
export function decodificar(cuerpo: Buffer): string {
  if (cuerpo[0] === 0xef && cuerpo[1] === 0xbb && cuerpo[2] === 0xbf)
    return new TextDecoder('utf-8').decode(cuerpo.subarray(3));
  if (cuerpo[0] === 0xff && cuerpo[1] === 0xfe) return new TextDecoder('utf-16le').decode(cuerpo.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(cuerpo);
  } catch {
    return new TextDecoder('windows-1252').decode(cuerpo);
  }
}

/** El separador que más aparece fuera de comillas en la primera línea con contenido; `;` si empatan. */
export function detectarSeparador(texto: string): string {
  let linea = '';
  for (const l of texto.split(/\r?\n/, 50)) {
    if (l.trim() !== '') {
      linea = l;
      break;
    }
  }
  const cuenta: Record<string, number> = { ';': 0, ',': 0, '\t': 0, '|': 0 };
  let enComillas = false;
  for (const ch of linea) {
    if (ch === '"') enComillas = !enComillas;
    else if (!enComillas && ch in cuenta) cuenta[ch]!++;
  }
  const [mejor, n] = Object.entries(cuenta).sort((a, b) => b[1] - a[1])[0]!;
  if (n === 0) return ',';
  return cuenta[';'] === n ? ';' : mejor;
}

function filasCsv(cuerpo: Buffer): { numero: number; celdas: Celda[] }[] {
  const texto = decodificar(cuerpo);
  const r = Papa.parse<string[]>(texto, { delimiter: detectarSeparador(texto), skipEmptyLines: false });
  const comillas = r.errors.find((e) => e.type === 'Quotes');
  if (comillas) {
    throw new ErrorApp(
      'REGLA',
      'El CSV está mal formado',
      `Hay comillas sin cerrar cerca de la fila ${(comillas.row ?? 0) + 1}. Revise el archivo o guárdelo de nuevo desde Excel.`,
    );
  }
  // Excel muestra cada registro en una fila, aunque tenga saltos de línea entre comillas.
  return r.data.map((celdas, i) => ({ numero: i + 1, celdas }));
}

/** Valor de una celda de exceljs: texto enriquecido, fórmulas e hipervínculos se reducen a su valor. */
function celdaXlsx(v: unknown): Celda {
  if (v == null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as {
      richText?: { text: string }[];
      result?: unknown;
      text?: unknown;
      error?: unknown;
      formula?: unknown;
      sharedFormula?: unknown;
    };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if ('formula' in o || 'sharedFormula' in o) return celdaXlsx(o.result ?? null);
    if (o.text !== undefined) return celdaXlsx(o.text);
    if (o.error !== undefined) return null;
  }
  return String(v);
}

/**
 * The parts of exceljs's streaming WorkbookReader that read one part of the archive each. Its own
 * single pass over the zip loses entries now and then (exceljs issue #3064: here ~1 read in 250 of
 * a valid file, the workbook part arriving empty), so the archive is opened by its central
 * directory and the parts are handed over in the order they depend on each other.
 */
interface LectorPartes {
  model?: { sheets?: { rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(parte: Readable): Promise<void>;
  _parseWorkbook(parte: Readable): Promise<void>;
  _parseSharedStrings(parte: Readable): AsyncIterable<unknown>;
  _parseStyles(parte: Readable): Promise<void>;
  _parseWorksheet(filas: Readable, numero: string): Iterable<{ value: AsyncIterable<ExcelJS.Row> }>;
}

function* trozos(b: Buffer, largo = 64 * 1024): Generator<Buffer> {
  for (let i = 0; i < b.length; i += largo) yield b.subarray(i, i + largo);
}

/** The path in the archive of the workbook's first sheet (its order in the book, not the file name). */
function rutaPrimeraHoja(lector: LectorPartes): string | null {
  const primera = lector.model?.sheets?.[0];
  const destino = primera && lector.workbookRels?.find((r) => r.Id === primera.rId)?.Target;
  if (!destino) return null;
  return destino.startsWith('/') ? destino.slice(1) : `xl/${destino}`;
}

/**
 * Rows of the first sheet, read as a stream (the book is never held whole in memory: 100.000 rows
 * take ~0.4 GB instead of ~0.8).
 */
async function filasXlsx(cuerpo: Buffer): Promise<{ numero: number; celdas: Celda[] }[]> {
  const filas: { numero: number; celdas: Celda[] }[] = [];
  try {
    const archivo = await unzipper.Open.buffer(cuerpo);
    const parte = (ruta: string) => archivo.files.find((f) => f.path === ruta);
    // In slices: exceljs's XML parser collects every event of a chunk before handing them over.
    const leer = async (ruta: string) => Readable.from(trozos(await parte(ruta)!.buffer()));
    const lector = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    }) as unknown as LectorPartes;
    if (!parte('xl/workbook.xml') || !parte('xl/_rels/workbook.xml.rels')) throw new Error('sin libro');
    await lector._parseRels(await leer('xl/_rels/workbook.xml.rels'));
    await lector._parseWorkbook(await leer('xl/workbook.xml'));
    if (parte('xl/sharedStrings.xml')) {
      for await (const _ of lector._parseSharedStrings(await leer('xl/sharedStrings.xml'))) void _;
    }
    if (parte('xl/styles.xml')) await lector._parseStyles(await leer('xl/styles.xml'));
    const ruta = rutaPrimeraHoja(lector);
    const hoja = ruta ? parte(ruta) : undefined;
    if (!hoja) throw new Error('sin hojas');
    const numero = /sheet(\d+)\.xml$/.exec(hoja.path)?.[1] ?? '1';
    for (const { value: lectorHoja } of lector._parseWorksheet(hoja.stream() as unknown as Readable, numero)) {
      for await (const fila of lectorHoja) {
        const valores = fila.values as unknown[];
        filas.push({ numero: fila.number, celdas: Array.from(valores.slice(1), celdaXlsx) });
      }
    }
  } catch (e) {
    if (e instanceof ErrorApp) throw e;
    throw new ErrorApp(
      'REGLA',
      'No se pudo leer el archivo',
      'El archivo no es un XLSX válido. Ábralo en Excel, guárdelo como .xlsx (o CSV) y vuelva a subirlo.',
    );
  }
  return filas;
}
