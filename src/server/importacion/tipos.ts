import type { z } from 'zod';
import type { ErrorCampo } from '../../shared/clientes.ts';
import type { Celda, EntidadImportacion, Lectura } from '../../shared/importacion.ts';
import { CAMPOS_IMPORTACION } from '../../shared/importacion.ts';
import type { Conexion } from '../db/tipos.ts';

/** Qué pasará con una fila válida al escribirla. */
export type EstadoFila = 'nueva' | 'actualizada' | 'sin_cambios';

/** Una fila de datos del archivo, ya leída: su número en Excel, su valor normalizado y sus errores. */
export interface Fila<T> {
  numero: number;
  valor: T;
  errores: ErrorCampo[];
  estado?: EstadoFila;
}

/**
 * Lo que cada entidad aporta a la importación. Una celda vacía nunca borra un dato existente:
 * al actualizar, lo que viene vacío conserva lo que había (así un archivo parcial no borra nada).
 */
export interface Importador<T> {
  entidad: EntidadImportacion;
  /** El campo que identifica el registro al reimportar (RUT, número de serie o número). */
  campoClave: string;
  /** ¿Cambia la actividad de los clientes (DOMAIN.md "activo")? */
  afectaActividad: boolean;
  /** Lee y valida una fila sin tocar la base de datos. */
  leer(celdas: Readonly<Record<string, Celda>>): { valor: T; errores: ErrorCampo[] };
  /** Su clave externa, normalizada, o null si no se pudo leer. */
  clave(valor: T): string | null;
  /** La clave como la ve el usuario, para los mensajes. */
  mostrarClave(clave: string): string;
  /** Busca en bloque lo que las filas referencian y lo que ya existe; anota errores y estado. */
  resolver(db: Conexion, filas: Fila<T>[]): Promise<void>;
  /**
   * Escribe un bloque de filas válidas (ya resueltas) dentro de la transacción y devuelve los
   * clientes cuyas métricas o actividad hay que recalcular.
   */
  escribir(trx: Conexion, filas: Fila<T>[], contexto: { id_usuario: number }): Promise<number[]>;
}

/** Etiqueta de un campo, para los mensajes ("Fecha de ingreso: …"). */
export function etiqueta(entidad: EntidadImportacion, campo: string): string {
  return CAMPOS_IMPORTACION[entidad].find((d) => d.campo === campo)?.etiqueta ?? campo;
}

/** Acumula los errores de una fila mientras se leen sus celdas. */
export class LectorFila {
  readonly errores: ErrorCampo[] = [];
  private readonly entidad: EntidadImportacion;
  private readonly celdas: Readonly<Record<string, Celda>>;

  constructor(entidad: EntidadImportacion, celdas: Readonly<Record<string, Celda>>) {
    this.entidad = entidad;
    this.celdas = celdas;
  }

  /** Lee un campo con una de las funciones `leer*` de shared/importacion. */
  campo<V>(campo: string, leer: (c: Celda, etiqueta: string) => Lectura<V>): V | null {
    const r = leer(this.celdas[campo] ?? null, etiqueta(this.entidad, campo));
    if (r.ok) return r.valor;
    this.error(campo, r.mensaje);
    return null;
  }

  /** Un campo que no puede faltar. */
  obligatorio<V>(campo: string, valor: V | null, mensaje?: string): V | null {
    if (valor == null && !this.errores.some((e) => e.campo === campo)) {
      this.error(campo, mensaje ?? `${etiqueta(this.entidad, campo)}: no puede quedar vacío.`);
    }
    return valor;
  }

  error(campo: string, mensaje: string): void {
    this.errores.push({ campo, mensaje });
  }

  /**
   * Pasa los valores por el esquema Zod de la API (largos, rangos, listas) y traduce cada problema a
   * un mensaje que nombra la columna. Los campos que ya tienen error no se repiten.
   */
  esquema(esquema: z.ZodType, datos: Record<string, unknown>): void {
    const r = esquema.safeParse(Object.fromEntries(Object.entries(datos).filter(([, v]) => v != null)));
    if (r.success) return;
    for (const issue of r.error.issues) {
      const campo = String(issue.path[0] ?? '');
      if (this.errores.some((e) => e.campo === campo)) continue;
      this.error(campo, `${etiqueta(this.entidad, campo)}: ${mensajeZod(issue)}`);
    }
  }
}

function mensajeZod(issue: z.core.$ZodIssue): string {
  const i = issue as z.core.$ZodIssue & { origin?: string; minimum?: number | bigint; maximum?: number | bigint };
  if (i.code === 'too_big')
    return i.origin === 'string' ? `máximo ${i.maximum} caracteres.` : `debe ser como máximo ${i.maximum}.`;
  if (i.code === 'too_small') {
    if (i.origin === 'string')
      return Number(i.minimum) <= 1 ? 'no puede quedar vacío.' : `mínimo ${i.minimum} caracteres.`;
    return `debe ser como mínimo ${i.minimum}.`;
  }
  if (i.code === 'invalid_type' && /undefined/.test(i.message)) return 'no puede quedar vacío.';
  return i.message.replace(/^./, (c) => c.toLowerCase());
}
