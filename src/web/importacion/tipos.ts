/** Shapes of the import answers the web app reads (server: src/server/importacion/validar.ts, escribir.ts). */

import type { ColumnaMapeada, EntidadImportacion } from '../../shared/importacion.ts';

export interface ErrorFila {
  /** Row number as Excel shows it (the header is row 1). */
  fila: number;
  campo: string | null;
  columna: string | null;
  mensaje: string;
}

/** The dry run: what importing would do, without writing anything. */
export interface ResumenValidacion {
  entidad: EntidadImportacion;
  filas: number;
  validas: number;
  con_errores: number;
  nuevas: number;
  actualizadas: number;
  sin_cambios: number;
  columnas: ColumnaMapeada[];
  errores: ErrorFila[];
  total_errores: number;
  muestra: Record<string, unknown>[];
}

/** One progress line of the NDJSON stream of POST /api/importaciones. */
export interface Progreso {
  etapa: 'validando' | 'escribiendo';
  procesadas: number;
  total: number;
}

export interface ResumenImportacion {
  id_importacion: number;
  entidad: string;
  archivo: string;
  filas: number;
  nuevas: number;
  actualizadas: number;
  sin_cambios: number;
  duracion_ms: number;
}

/** `{columna del archivo: campo}`; null ignores the column. */
export type Mapeo = Record<string, string | null>;
