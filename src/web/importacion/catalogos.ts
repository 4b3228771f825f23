import { CAMPOS_IMPORTACION, type EntidadImportacion } from '../../shared/importacion.ts';

export const NOMBRE_ENTIDAD: Record<EntidadImportacion, string> = {
  clientes: 'Clientes',
  equipos: 'Equipos',
  ordenes: 'Órdenes',
  pedidos: 'Pedidos',
  cotizaciones: 'Cotizaciones',
};

/** Where the imported records can be seen afterwards. */
export const RUTA_ENTIDAD: Record<EntidadImportacion, string> = {
  clientes: '/clientes',
  equipos: '/clientes',
  ordenes: '/ordenes',
  pedidos: '/pedidos',
  cotizaciones: '/cotizaciones',
};

/** A field's Spanish label ("Fecha de ingreso"), or the field name itself for internal ones. */
export function etiquetaCampo(entidad: EntidadImportacion, campo: string | null): string {
  if (!campo) return '—';
  return CAMPOS_IMPORTACION[entidad].find((d) => d.campo === campo)?.etiqueta ?? campo;
}

/**
 * An empty spreadsheet with the entity's columns, for a workshop starting from scratch. Semicolons
 * and a BOM: that is what Excel in Spanish opens correctly with a double click.
 */
export function descargarPlanilla(entidad: EntidadImportacion): void {
  const encabezados = CAMPOS_IMPORTACION[entidad].map((d) => d.etiqueta).join(';');
  const blob = new Blob([`\uFEFF${encabezados}\r\n`], { type: 'text/csv;charset=utf-8' });
  const enlace = document.createElement('a');
  enlace.href = URL.createObjectURL(blob);
  enlace.download = `planilla-${entidad}.csv`;
  enlace.click();
  // The click has already handed the blob to the download; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(enlace.href), 1000);
}
