import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
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
 * Lectura en flujo (sin cargar el libro completo en memoria). Se toma la primera hoja que trae el
 * archivo, que es la primera del libro en los archivos de Excel y de exceljs.
 */
async function filasXlsx(cuerpo: Buffer): Promise<{ numero: number; celdas: Celda[] }[]> {
  const filas: { numero: number; celdas: Celda[] }[] = [];
  try {
    const libro = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([cuerpo]), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    });
    for await (const hoja of libro) {
      for await (const fila of hoja as AsyncIterable<ExcelJS.Row>) {
        const valores = fila.values as unknown[];
        filas.push({ numero: fila.number, celdas: Array.from(valores.slice(1), celdaXlsx) });
      }
      break;
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
