import { PassThrough, Readable } from 'node:stream';
import { TZDate } from '@date-fns/tz';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { fechaEnSantiago, formatearFecha, formatearFechaHora, hoyEnSantiago, ZONA } from '../../shared/formato.ts';
import type { EntidadExportacion } from '../../shared/importacion.ts';
import { formatearRut } from '../../shared/rut.ts';
import { formatearTelefono } from '../../shared/telefono.ts';
import { registrarAuditoria, type Actor } from '../auditoria/auditoria.ts';
import type { Conexion } from '../db/tipos.ts';
import { exigirRol } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';
import { EXPORTACIONES, type ColumnaExportacion, type DefExportacion, type Pagina } from './exportar.columnas.ts';

export type FormatoExportacion = 'csv' | 'xlsx';

export interface Exportacion {
  nombreArchivo: string;
  tipoContenido: string;
  filas: number;
  contenido: Readable;
}

const ETIQUETAS: Record<string, string> = {
  en_proceso: 'En proceso',
  garantia: 'Garantía',
  llamada: 'Llamada',
  email: 'Email',
  whatsapp: 'WhatsApp',
  campana: 'Campaña',
  importacion: 'Importación',
};
const etiquetaOpcion = (v: string) => ETIQUETAS[v] ?? v.charAt(0).toUpperCase() + v.slice(1).replace(/_/g, ' ');

/** Fecha calendario de un valor que puede ser `aaaa-mm-dd`, un instante ISO o un Date. */
function fechaCalendario(v: unknown): string {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : fechaEnSantiago(v as string | Date);
}

// Excel ejecuta como fórmula un texto que empieza con = + - @ (inyección CSV): se antepone el
// apóstrofo que Excel usa para decir «esto es texto». Los números puros no se tocan.
const PELIGROSO = /^[=+\-@\t\r](?!\d+([.,]\d+)?$)/;

/** Valor de una celda de CSV para Excel en español de Chile: `;`, coma decimal, dd-mm-aaaa. */
function celdaCsv(c: ColumnaExportacion, v: unknown): string {
  if (v == null || v === '') return '';
  switch (c.tipo) {
    case 'rut':
      return formatearRut(String(v));
    case 'telefono':
      // Sin el +56: Excel tomaría «+56 9…» por una fórmula; al reimportar se entiende como chileno.
      return formatearTelefono(String(v)).replace(/^\+56 /, '');
    case 'fecha':
      return formatearFecha(fechaCalendario(v));
    case 'fechahora':
      return formatearFechaHora(v as Date);
    case 'monto':
      return String(Math.round(Number(v)));
    case 'numero':
      return String(v).replace('.', ',');
    case 'entero':
      return String(v);
    case 'booleano':
      return v ? 'Sí' : 'No';
    case 'opcion':
      return etiquetaOpcion(String(v));
    default: {
      const t = String(v);
      return PELIGROSO.test(t) ? `'${t}` : t;
    }
  }
}

/** Valor de una celda XLSX: fechas y montos como números de Excel, con su formato. */
function celdaXlsx(c: ColumnaExportacion, v: unknown): ExcelJS.CellValue {
  if (v == null || v === '') return null;
  switch (c.tipo) {
    case 'rut':
      return formatearRut(String(v));
    case 'telefono':
      return formatearTelefono(String(v));
    case 'fecha': {
      const [a, m, d] = fechaCalendario(v).split('-').map(Number);
      return new Date(Date.UTC(a!, m! - 1, d!));
    }
    case 'fechahora': {
      // Excel no conoce zonas horarias: se escribe la hora de Santiago como hora «de pared».
      const t = new TZDate(new Date(v as Date).getTime(), ZONA);
      return new Date(Date.UTC(t.getFullYear(), t.getMonth(), t.getDate(), t.getHours(), t.getMinutes()));
    }
    case 'monto':
    case 'numero':
    case 'entero':
      return Number(v);
    case 'booleano':
      return v ? 'Sí' : 'No';
    case 'opcion':
      return etiquetaOpcion(String(v));
    default:
      return String(v);
  }
}

const FORMATO_XLSX: Partial<Record<ColumnaExportacion['tipo'], string>> = {
  fecha: 'dd-mm-yyyy',
  fechahora: 'dd-mm-yyyy hh:mm',
  monto: '"$"#,##0',
  entero: '0',
};

type Paginas = AsyncIterator<Pagina>;

async function* restantes(primera: Pagina, resto: Paginas): AsyncGenerator<Pagina> {
  yield primera;
  for (let r = await resto.next(); !r.done; r = await resto.next()) yield r.value;
}

/** CSV UTF-8 con BOM y `;`, página por página (no arma el archivo entero en memoria). */
function csv(def: DefExportacion, paginas: AsyncGenerator<Pagina>): Readable {
  async function* lineas() {
    yield `\uFEFF${Papa.unparse([def.columnas.map((c) => c.titulo)], { delimiter: ';', newline: '\r\n' })}\r\n`;
    for await (const p of paginas) {
      if (p.filas.length === 0) continue;
      const filas = p.filas.map((f) => def.columnas.map((c) => celdaCsv(c, c.valor(f as never))));
      yield `${Papa.unparse(filas, { delimiter: ';', newline: '\r\n', header: false })}\r\n`;
    }
  }
  return Readable.from(lineas());
}

/** XLSX con el escritor en flujo de exceljs: cada fila se confirma y sale del proceso. */
function xlsx(def: DefExportacion, paginas: AsyncGenerator<Pagina>, alFallar: (e: unknown) => void): Readable {
  const salida = new PassThrough();
  const libro = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: salida, useStyles: true, useSharedStrings: false });
  const hoja = libro.addWorksheet(def.hoja, { views: [{ state: 'frozen', ySplit: 1 }] });
  hoja.columns = def.columnas.map((c, i) => ({
    header: c.titulo,
    key: String(i),
    width: c.ancho,
    style: FORMATO_XLSX[c.tipo] ? { numFmt: FORMATO_XLSX[c.tipo] } : {},
  }));
  hoja.getRow(1).font = { bold: true };
  void (async () => {
    for await (const p of paginas) {
      for (const f of p.filas) hoja.addRow(def.columnas.map((c) => celdaXlsx(c, c.valor(f as never)))).commit();
    }
    hoja.commit();
    await libro.commit();
  })().catch((e: unknown) => {
    alFallar(e);
    salida.destroy(e as Error);
  });
  return salida;
}

/**
 * Exporta una lista con los mismos filtros (y permisos) que su pantalla. Antes de enviar un byte
 * deja en la auditoría quién exportó qué, con qué filtros y cuántas filas (DESIGN.md "Security").
 */
export async function exportar(
  db: Conexion,
  usuario: Usuario,
  actor: Actor,
  entidad: EntidadExportacion,
  filtros: Record<string, unknown>,
  formato: FormatoExportacion,
  alFallar: (e: unknown) => void = () => {},
): Promise<Exportacion> {
  const def = EXPORTACIONES[entidad];
  exigirRol(usuario, def.roles, `exportar ${entidad}`);
  const iterador = def.paginas(db, usuario, filtros as never);
  const primera = await iterador.next();
  const pagina: Pagina = primera.done ? { total: 0, filas: [] } : primera.value;
  await registrarAuditoria(db, actor, {
    accion: 'exportar',
    entidad,
    id_cliente: typeof filtros.id_cliente === 'number' ? filtros.id_cliente : null,
    detalle: { formato, filtros, filas: pagina.total },
  });
  const paginas = restantes(pagina, iterador);
  const nombreArchivo = `${entidad}-${hoyEnSantiago()}.${formato}`;
  return formato === 'csv'
    ? { nombreArchivo, tipoContenido: 'text/csv; charset=utf-8', filas: pagina.total, contenido: csv(def, paginas) }
    : {
        nombreArchivo,
        tipoContenido: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        filas: pagina.total,
        contenido: xlsx(def, paginas, alFallar),
      };
}
