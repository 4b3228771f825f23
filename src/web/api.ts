/**
 * Fetch wrapper for /api: JSON both ways, the session cookie, and errors as ApiError carrying the
 * server's application/problem+json (DESIGN.md "API").
 */

import { CABECERA_CSRF } from '../shared/seguridad.ts';

export interface ErrorCampo {
  campo: string;
  mensaje: string;
}

/** An application/problem+json body (RFC 9457) plus whatever extra members the server adds. */
export interface Problema {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: ErrorCampo[];
  [extra: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly tipo: string;
  readonly titulo: string;
  readonly detalle: string;
  readonly errores: ErrorCampo[];
  readonly problema: Problema;

  constructor(status: number, problema: Problema) {
    const detalle = problema.detail ?? problema.title ?? 'La solicitud no se pudo completar.';
    super(detalle);
    this.name = 'ApiError';
    this.status = status;
    this.tipo = problema.type ?? 'about:blank';
    this.titulo = problema.title ?? 'Error';
    this.detalle = detalle;
    this.errores = Array.isArray(problema.errors) ? problema.errors : [];
    this.problema = problema;
  }
}

let alPerderSesion: (() => void) | null = null;

/** The app decides what a lost session means (go to the sign-in page); api.ts knows no router. */
export function alPerderLaSesion(manejador: () => void): void {
  alPerderSesion = manejador;
}

// These two answer 401 as part of their normal job: a wrong password, or "no session yet".
const RUTAS_SIN_REDIRECCION = ['/api/auth/login', '/api/auth/me'];

type Parametros = Record<string, string | number | boolean | null | undefined>;

/** `?a=1&b=x` from an object, skipping empty values. */
export function consulta(parametros: Parametros): string {
  const p = new URLSearchParams();
  for (const [clave, valor] of Object.entries(parametros)) {
    if (valor === undefined || valor === null || valor === '') continue;
    p.set(clave, String(valor));
  }
  const texto = p.toString();
  return texto ? `?${texto}` : '';
}

interface Opciones {
  metodo?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  cuerpo?: unknown;
  signal?: AbortSignal;
}

export async function api<T>(ruta: string, { metodo = 'GET', cuerpo, signal }: Opciones = {}): Promise<T> {
  let respuesta: Response;
  try {
    respuesta = await fetch(ruta, {
      method: metodo,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json, application/problem+json',
        // Modern browsers already send Origin; this covers the ones that do not (CSRF check).
        [CABECERA_CSRF]: '1',
        ...(cuerpo !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: cuerpo !== undefined ? JSON.stringify(cuerpo) : undefined,
      signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, {
      title: 'Sin conexión',
      detail: 'No se pudo conectar con el servidor. Revise su conexión e intente de nuevo.',
    });
  }

  if (respuesta.ok) {
    if (respuesta.status === 204) return undefined as T;
    const tipo = respuesta.headers.get('content-type') ?? '';
    return (tipo.includes('json') ? await respuesta.json() : await respuesta.text()) as T;
  }

  const problema = await leerProblema(respuesta);
  if (respuesta.status === 401 && !RUTAS_SIN_REDIRECCION.some((r) => ruta.startsWith(r))) alPerderSesion?.();
  throw new ApiError(respuesta.status, problema);
}

async function leerProblema(respuesta: Response): Promise<Problema> {
  const tipo = respuesta.headers.get('content-type') ?? '';
  if (tipo.includes('json')) {
    try {
      return (await respuesta.json()) as Problema;
    } catch {
      // A broken body still gets a readable message below.
    }
  }
  return {
    status: respuesta.status,
    title: respuesta.statusText || 'Error',
    detail:
      respuesta.status >= 500
        ? 'El servidor tuvo un problema. Intente de nuevo en un momento.'
        : `La solicitud fue rechazada (código ${respuesta.status}).`,
  };
}

/** A message for the user from anything thrown. */
export function mensajeDeError(error: unknown): string {
  if (error instanceof ApiError) return error.detalle;
  if (error instanceof Error) return error.message;
  return 'Ocurrió un error inesperado.';
}
