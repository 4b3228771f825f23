import type { Content, DynamicContent, StyleDictionary, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { formatearFechaHora } from '../../shared/formato.ts';

/**
 * Server-side PDFs with pdfmake (DESIGN.md "PDF"). The 14 standard PDF fonts need no font file and
 * are not embedded, so a ficha weighs a few kB and renders in milliseconds; their encoding is
 * WinAnsi (Latin-1 plus a few signs), which covers Spanish — anything outside it is replaced.
 */
const FUENTES = {
  Helvetica: {
    normal: 'Helvetica',
    bold: 'Helvetica-Bold',
    italics: 'Helvetica-Oblique',
    bolditalics: 'Helvetica-BoldOblique',
  },
};

type Pdfmake = typeof import('pdfmake');
let motor: Promise<Pdfmake> | null = null;

/** pdfmake (with pdfkit, ~70 ms to load) is loaded on the first document, not when the server starts. */
function cargarPdfmake(): Promise<Pdfmake> {
  // A CommonJS module: Node hands its exports over as `default` (the types describe them as named).
  motor ??= import('pdfmake').then((modulo) => {
    const pdfmake = (modulo as unknown as { default: Pdfmake }).default;
    pdfmake.setFonts(FUENTES);
    // A document never fetches anything: no URL, and no local file except the standard font names.
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((ruta) => Object.values(FUENTES.Helvetica).includes(ruta));
    return pdfmake;
  });
  return motor;
}

export const VERDE = '#2f7d22';
export const GRIS = '#666666';
export const ROJO = '#c92a2a';
const FONDO_CABECERA = '#e1efd9';

const ESTILOS: StyleDictionary = {
  titulo: { fontSize: 18, bold: true, color: '#1d5515', margin: [0, 0, 0, 2] },
  subtitulo: { fontSize: 10, color: GRIS, margin: [0, 0, 0, 10] },
  seccion: { fontSize: 12.5, bold: true, color: '#1d5515', margin: [0, 12, 0, 5] },
  cabecera: { bold: true, fontSize: 8.5, fillColor: FONDO_CABECERA },
  tabla: { fontSize: 8.5, margin: [0, 0, 0, 4] },
  nota: { fontSize: 8, color: GRIS, italics: true },
  etiqueta: { fontSize: 8, color: GRIS },
  dato: { fontSize: 10 },
};

// WinAnsi = Latin-1 plus these; pdfkit would write anything else as broken codes.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const SUSTITUTOS: Record<string, string> = {
  '−': '-',
  '→': '->',
  '←': '<-',
  '↑': '+',
  '↓': '-',
  '≥': '>=',
  '≤': '<=',
  '≈': '~',
  '✓': '•',
};

/** Text the standard fonts can draw: same letters for Spanish, a look-alike or "?" for the rest. */
export function textoImprimible(texto: string): string {
  let salida = '';
  for (const c of texto.normalize('NFC')) {
    const n = c.codePointAt(0)!;
    if (n === 9 || n === 10) salida += c;
    else if (n < 32 || (n >= 127 && n < 160)) salida += ' ';
    else if (n < 256 || WIN_ANSI_EXTRA.has(c)) salida += c;
    else salida += SUSTITUTOS[c] ?? '?';
  }
  return salida;
}

/** Every string of a document definition made printable (style names and colours are ASCII and stay). */
function sanear<T>(nodo: T): T {
  if (typeof nodo === 'string') return textoImprimible(nodo) as T;
  if (Array.isArray(nodo)) return nodo.map(sanear) as T;
  if (typeof nodo === 'function')
    return ((...args: unknown[]) => sanear((nodo as (...a: unknown[]) => unknown)(...args))) as T;
  if (nodo && typeof nodo === 'object') {
    return Object.fromEntries(Object.entries(nodo).map(([k, v]) => [k, sanear(v)])) as T;
  }
  return nodo;
}

export interface OpcionesDocumento {
  /** What the document is, printed on every page's header and as the PDF's title. */
  titulo: string;
  /** When it was generated (the header says it, in Santiago's time). */
  generado: Date;
  contenido: Content[];
  horizontal?: boolean;
}

/** Builds the PDF: header with the title and generation time, "Página n de m" below. */
export async function generarPdf({ titulo, generado, contenido, horizontal }: OpcionesDocumento): Promise<Buffer> {
  const cuando = formatearFechaHora(generado);
  const cabecera: DynamicContent = () => ({
    margin: [40, 22, 40, 0],
    columns: [
      {
        text: [
          { text: 'Rancho Clientes', bold: true, color: VERDE },
          { text: `  ·  ${titulo}`, color: GRIS },
        ],
        fontSize: 8.5,
      },
      { text: `Generado el ${cuando}`, alignment: 'right', fontSize: 8.5, color: GRIS },
    ],
  });
  const pie: DynamicContent = (pagina, total) => ({
    text: `Página ${pagina} de ${total}`,
    alignment: 'center',
    fontSize: 8,
    color: GRIS,
    margin: [0, 18, 0, 0],
  });
  const definicion: TDocumentDefinitions = {
    info: { title: `${titulo} · Rancho Clientes`, creator: 'Rancho Clientes', producer: 'Rancho Clientes (pdfmake)' },
    language: 'es-CL',
    pageSize: 'A4',
    pageOrientation: horizontal ? 'landscape' : 'portrait',
    pageMargins: [40, 48, 40, 44],
    header: cabecera,
    footer: pie,
    content: contenido,
    styles: ESTILOS,
    defaultStyle: { font: 'Helvetica', fontSize: 9.5, lineHeight: 1.15 },
    // A heading never stays alone at the bottom of a page: when nothing follows it there, or it sits in
    // the last eighth of the page, it moves to the next one with its content.
    pageBreakBefore: (nodo, consultas) =>
      nodo.headlineLevel === 1 &&
      (consultas.getFollowingNodesOnPage().length === 0 || nodo.startPosition.verticalRatio > 0.88),
  };
  const pdfmake = await cargarPdfmake();
  return pdfmake.createPdf(sanear(definicion)).getBuffer();
}

/**
 * A table with a green header row; `anchos` as pdfmake takes them ('*', 'auto', numbers);
 * `compacta` uses smaller type and padding (long monthly series that should fit one page).
 */
export function tabla(
  columnas: string[],
  filas: TableCell[][],
  anchos?: (string | number)[],
  vacio = 'Sin registros.',
  { compacta = false }: { compacta?: boolean } = {},
): Content {
  if (filas.length === 0) return { text: vacio, style: 'nota', margin: [0, 0, 0, 6] };
  const relleno = compacta ? 1 : 2.5;
  return {
    style: 'tabla',
    fontSize: compacta ? 7.5 : 8.5,
    table: {
      headerRows: 1,
      // The header row repeats on each page and never travels alone; a row is never split in two.
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: anchos ?? columnas.map(() => '*'),
      body: [columnas.map((c) => ({ text: c, style: 'cabecera' })), ...filas],
    },
    layout: {
      hLineWidth: (i, nodo) => (i === 0 || i === 1 || i === nodo.table.body.length ? 0.8 : 0.3),
      vLineWidth: () => 0,
      hLineColor: () => '#bbbbbb',
      paddingTop: () => relleno,
      paddingBottom: () => relleno,
    },
  };
}

/** Label over value, for the data blocks (contact, value…). */
export function dato(etiqueta: string, valor: string | null | undefined): Content {
  return {
    stack: [
      { text: etiqueta, style: 'etiqueta' },
      { text: valor || '—', style: 'dato' },
    ],
    margin: [0, 0, 0, 6],
  };
}

/** Title block at the top of the first page. */
export function bloqueTitulo(texto: string, subtitulo?: string): Content[] {
  return [{ text: texto, style: 'titulo' }, ...(subtitulo ? [{ text: subtitulo, style: 'subtitulo' }] : [])];
}

/** A section heading; `headlineLevel` lets the page-break rule keep it with what follows. */
export const seccion = (texto: string): Content => ({ text: texto, style: 'seccion', headlineLevel: 1 });

const decimal = new Intl.NumberFormat('es-CL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const entero = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 0 });
const dosDecimales = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 2 });

/** 5.4 → `5,4` (a score out of 10, one decimal). */
export const formatearNota = (n: number) => decimal.format(n);
/** 1234 → `1.234`. */
export const formatearEntero = (n: number) => entero.format(n);
/** 1.333 → `1,33`. */
export const formatearDecimal = (n: number) => dosDecimales.format(n);
