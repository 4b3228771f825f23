import {
  CAMPOS_IMPORTACION,
  mapearColumnas,
  type Celda,
  type ColumnaMapeada,
  type EntidadImportacion,
  type MapeoImportacion,
} from '../../shared/importacion.ts';
import type { Conexion } from '../db/tipos.ts';
import type { Tabla } from './formatos.ts';
import { BLOQUE } from './masivo.ts';
import { etiqueta, type Fila, type Importador } from './tipos.ts';

/** Un error tal como lo ve el usuario: fila de Excel (el encabezado es la fila 1), campo, columna y mensaje. */
export interface ErrorFila {
  fila: number;
  campo: string | null;
  columna: string | null;
  mensaje: string;
}

export interface Progreso {
  etapa: 'validando' | 'escribiendo';
  procesadas: number;
  total: number;
}

export interface Validacion<T> {
  importador: Importador<T>;
  columnas: ColumnaMapeada[];
  /** Filas de datos con contenido (las vacías no cuentan). */
  total: number;
  filas: Fila<T>[];
  /** Problemas del archivo entero (una columna obligatoria que falta): ninguna fila se puede leer. */
  erroresArchivo: ErrorFila[];
}

/** Cede el hilo entre bloques: validar 100.000 filas no debe dejar esperando a las demás solicitudes. */
const ceder = () => new Promise<void>((r) => setImmediate(r));

/**
 * Lee, valida y resuelve cada fila sin escribir nada: mapeo de columnas, reglas de la entidad,
 * claves repetidas dentro del archivo (error en la fila posterior) y búsquedas en bloque.
 */
export async function validarTabla<T>(
  db: Conexion,
  importador: Importador<T>,
  tabla: Tabla,
  mapeo: MapeoImportacion | undefined,
  progreso?: (p: Progreso) => void,
): Promise<Validacion<T>> {
  const entidad: EntidadImportacion = importador.entidad;
  const columnas = mapearColumnas(entidad, tabla.encabezados, mapeo);
  const presentes = new Set(columnas.map((c) => c.campo).filter((c): c is string => c !== null));
  const faltan = CAMPOS_IMPORTACION[entidad].filter((d) => d.obligatorio && !presentes.has(d.campo));
  if (faltan.length > 0) {
    return {
      importador,
      columnas,
      total: tabla.filas.length,
      filas: [],
      erroresArchivo: faltan.map((d) => ({
        fila: 1,
        campo: d.campo,
        columna: null,
        mensaje: `Falta la columna «${d.etiqueta}»: agréguela al archivo o asígnela a una de sus columnas.`,
      })),
    };
  }
  const indices = columnas.flatMap((c, i) => (c.campo ? [[c.campo, i] as const] : []));
  const filas: Fila<T>[] = [];
  for (const { numero, celdas } of tabla.filas) {
    const registro: Record<string, Celda> = {};
    for (const [campo, i] of indices) registro[campo] = celdas[i] ?? null;
    const { valor, errores } = importador.leer(registro);
    filas.push({ numero, valor, errores });
    if (filas.length % BLOQUE === 0) {
      progreso?.({ etapa: 'validando', procesadas: filas.length, total: tabla.filas.length });
      await ceder();
    }
  }
  const vistas = new Map<string, number>();
  const nombreClave = etiqueta(entidad, importador.campoClave);
  for (const f of filas) {
    const clave = importador.clave(f.valor);
    if (clave === null) continue;
    const primera = vistas.get(clave);
    if (primera === undefined) vistas.set(clave, f.numero);
    else {
      f.errores.push({
        campo: importador.campoClave,
        mensaje: `${nombreClave} ${importador.mostrarClave(clave)} repetido: ya aparece en la fila ${primera} del archivo.`,
      });
    }
  }
  await importador.resolver(db, filas);
  progreso?.({ etapa: 'validando', procesadas: filas.length, total: filas.length });
  return { importador, columnas, total: filas.length, filas, erroresArchivo: [] };
}

/** Filas sin errores: las únicas que se escriben. */
export function filasValidas<T>(v: Validacion<T>): Fila<T>[] {
  return v.erroresArchivo.length > 0 ? [] : v.filas.filter((f) => f.errores.length === 0);
}

export const LIMITE_ERRORES = 1000;

/** La respuesta del ensayo (y del 422): conteos, columnas, los primeros errores y una muestra. */
export function resumirValidacion<T>(v: Validacion<T>) {
  const columnaDe = new Map(v.columnas.filter((c) => c.campo).map((c) => [c.campo!, c.columna]));
  const errores: ErrorFila[] = v.erroresArchivo.slice(0, LIMITE_ERRORES);
  let totalErrores = v.erroresArchivo.length;
  let conErrores = v.erroresArchivo.length > 0 ? v.total : 0;
  const cuenta = { nueva: 0, actualizada: 0, sin_cambios: 0 };
  const muestra: Record<string, unknown>[] = [];
  for (const f of v.filas) {
    if (f.errores.length > 0) {
      conErrores++;
      totalErrores += f.errores.length;
      for (const e of f.errores) {
        if (errores.length < LIMITE_ERRORES)
          errores.push({ fila: f.numero, campo: e.campo, columna: columnaDe.get(e.campo) ?? null, mensaje: e.mensaje });
      }
      continue;
    }
    if (f.estado) cuenta[f.estado]++;
    if (muestra.length < 5) muestra.push({ fila: f.numero, ...(f.valor as Record<string, unknown>) });
  }
  return {
    entidad: v.importador.entidad,
    filas: v.total,
    validas: v.total - conErrores,
    con_errores: conErrores,
    nuevas: cuenta.nueva,
    actualizadas: cuenta.actualizada,
    sin_cambios: cuenta.sin_cambios,
    columnas: v.columnas,
    errores,
    total_errores: totalErrores,
    muestra,
  };
}
export type ResumenValidacion = ReturnType<typeof resumirValidacion>;
