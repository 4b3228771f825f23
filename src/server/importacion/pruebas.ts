// Apoyo de las pruebas de importación y exportación (no lo usa la aplicación).
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Conexion } from '../db/tipos.ts';

const TABLAS = [
  'clientes',
  'metricas_clientes',
  'equipos',
  'lecturas_horometro',
  'ordenes_trabajo',
  'pedidos_repuestos',
  'cotizaciones',
  'auditoria',
  'importaciones',
] as const;

/** Filas de cada tabla que una importación puede tocar, para comprobar que no escribió nada. */
export async function contarTablas(db: Conexion): Promise<Record<(typeof TABLAS)[number], number>> {
  const r = await sql<Record<(typeof TABLAS)[number], number>>`SELECT ${sql.join(
    TABLAS.map((t) => sql`(SELECT count(*)::int FROM ${sql.table(t)}) AS ${sql.ref(t)}`),
  )}`.execute(db);
  return r.rows[0]!;
}

/** Un CSV como lo guarda Excel en español: `;` y CRLF. */
export function csv(filas: readonly (readonly (string | number)[])[], separador = ';'): string {
  return (
    filas
      .map((f) =>
        f.map((c) => (/[;,"\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(separador),
      )
      .join('\r\n') + '\r\n'
  );
}

/** Un XLSX de una hoja con estas filas (la primera, los encabezados). */
export async function xlsx(filas: readonly (readonly ExcelJS.CellValue[])[]): Promise<Buffer> {
  const libro = new ExcelJS.Workbook();
  const hoja = libro.addWorksheet('Datos');
  for (const f of filas) hoja.addRow([...f]);
  return Buffer.from(await libro.xlsx.writeBuffer());
}

/** Las líneas de una respuesta NDJSON. */
export function lineas(cuerpo: string): Record<string, any>[] {
  return cuerpo
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, any>);
}
