import type { ErrorCampo } from '../../shared/clientes.ts';

/** The closed set of domain error codes; `http/errors.ts` maps each to one HTTP status. */
export type CodigoError =
  | 'NO_AUTENTICADO'
  | 'PROHIBIDO'
  | 'NO_ENCONTRADO'
  | 'CONFLICTO'
  | 'REGLA'
  | 'BLOQUEADO'
  | 'DEMASIADOS_INTENTOS'
  | 'ENTRADA_INVALIDA';

/** An error a user can act on: Spanish title and detail, optional errors per field. */
export class ErrorApp extends Error {
  readonly codigo: CodigoError;
  readonly titulo: string;
  readonly errores: ErrorCampo[];
  readonly extra: Record<string, unknown>;

  constructor(
    codigo: CodigoError,
    titulo: string,
    detalle?: string,
    opciones: { errores?: ErrorCampo[]; extra?: Record<string, unknown> } = {},
  ) {
    super(detalle ?? titulo);
    this.codigo = codigo;
    this.titulo = titulo;
    this.errores = opciones.errores ?? [];
    this.extra = opciones.extra ?? {};
  }
}

export const noEncontrado = (que: string) =>
  new ErrorApp('NO_ENCONTRADO', `${que} no existe`, `${que} no existe o fue eliminado.`);

/** An edit that names no field would be an UPDATE without SET: a 400 the user can act on. */
export function exigirCambios<T extends object>(cambios: T): T {
  if (Object.keys(cambios).length === 0) {
    throw new ErrorApp('ENTRADA_INVALIDA', 'No hay nada que cambiar', 'Indique al menos un campo para cambiar.');
  }
  return cambios;
}

export const reglaIncumplida = (errores: ErrorCampo[]) =>
  new ErrorApp('REGLA', 'Hay datos que no cumplen las reglas', errores.map((e) => e.mensaje).join(' '), { errores });
