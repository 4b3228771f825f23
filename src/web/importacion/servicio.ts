/**
 * The import endpoints take the file itself as the request body (not JSON, not multipart), and the
 * real import answers a stream of progress lines: api.ts's JSON wrapper fits neither, so these two
 * calls use fetch directly and turn failures into the same ApiError as the rest of the app.
 */
import type { EntidadImportacion } from '../../shared/importacion.ts';
import { CABECERA_CSRF } from '../../shared/seguridad.ts';
import { ApiError, consulta, type Problema } from '../api.ts';
import type { Mapeo, Progreso, ResumenImportacion, ResumenValidacion } from './tipos.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** csv or xlsx from the file name; browsers disagree on a CSV's MIME type (Windows says ms-excel). */
export function formatoDe(nombre: string): 'csv' | 'xlsx' | null {
  const extension = nombre.toLowerCase().split('.').pop();
  return extension === 'csv' || extension === 'txt' ? 'csv' : extension === 'xlsx' ? 'xlsx' : null;
}

function url(ruta: string, entidad: EntidadImportacion, archivo: File, mapeo: Mapeo | null): string {
  const formato = formatoDe(archivo.name) ?? undefined;
  return `${ruta}${consulta({ entidad, formato, archivo: archivo.name, mapeo: mapeo ? JSON.stringify(mapeo) : undefined })}`;
}

async function enviar(direccion: string, archivo: File, accept: string, signal?: AbortSignal): Promise<Response> {
  let respuesta: Response;
  try {
    respuesta = await fetch(direccion, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept,
        [CABECERA_CSRF]: '1',
        'content-type': formatoDe(archivo.name) === 'xlsx' ? XLSX_MIME : 'text/csv',
      },
      body: archivo,
      signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, {
      title: 'Sin conexión',
      detail: 'No se pudo conectar con el servidor. Revise su conexión e intente de nuevo.',
    });
  }
  if (!respuesta.ok) throw new ApiError(respuesta.status, await leerProblema(respuesta));
  return respuesta;
}

async function leerProblema(r: Response): Promise<Problema> {
  if ((r.headers.get('content-type') ?? '').includes('json')) {
    try {
      return (await r.json()) as Problema;
    } catch {
      // Falls through to the generic message.
    }
  }
  return {
    status: r.status,
    title: r.status === 413 ? 'Archivo demasiado grande' : 'Error',
    detail:
      r.status === 413
        ? 'El archivo supera los 60 MB. Divídalo en partes e impórtelas una a una.'
        : r.status >= 500
          ? 'El servidor tuvo un problema. Intente de nuevo en un momento.'
          : `La solicitud fue rechazada (código ${r.status}).`,
  };
}

/** The dry run: counts, row errors and a sample; writes nothing. */
export async function validarImportacion(
  entidad: EntidadImportacion,
  archivo: File,
  mapeo: Mapeo | null,
  signal?: AbortSignal,
): Promise<ResumenValidacion> {
  const r = await enviar(
    url('/api/importaciones/validar', entidad, archivo, mapeo),
    archivo,
    'application/json, application/problem+json',
    signal,
  );
  return (await r.json()) as ResumenValidacion;
}

/**
 * The real import (all or nothing). Reads the NDJSON stream line by line, reporting each progress
 * line, and resolves with the final summary; an `error` line becomes an ApiError.
 */
export async function importar(
  entidad: EntidadImportacion,
  archivo: File,
  mapeo: Mapeo | null,
  alProgresar: (p: Progreso) => void,
  signal?: AbortSignal,
): Promise<ResumenImportacion> {
  const r = await enviar(
    url('/api/importaciones', entidad, archivo, mapeo),
    archivo,
    'application/x-ndjson, application/problem+json',
    signal,
  );
  if (!r.body)
    throw new ApiError(0, {
      title: 'Sin respuesta',
      detail:
        'El navegador no entregó la respuesta del servidor. Revise en el historial si la importación se completó.',
    });
  const lector = r.body.pipeThrough(new TextDecoderStream()).getReader();
  let pendiente = '';
  for (;;) {
    const { value, done } = await lector.read();
    pendiente += value ?? '';
    const lineas = pendiente.split('\n');
    // The last piece may be half a line: it waits for the next chunk (or the end of the stream).
    pendiente = done ? '' : (lineas.pop() ?? '');
    for (const linea of lineas) {
      if (!linea.trim()) continue;
      const dato = JSON.parse(linea) as { etapa: string } & Record<string, unknown>;
      if (dato.etapa === 'terminado') return dato as unknown as ResumenImportacion;
      if (dato.etapa === 'error') throw new ApiError(Number(dato.status) || 500, dato as Problema);
      alProgresar(dato as unknown as Progreso);
    }
    if (done) break;
  }
  throw new ApiError(0, {
    title: 'La conexión se cortó',
    detail:
      'No llegó el resultado de la importación. Como se guarda todo o nada, revise si los datos quedaron y, si no, vuelva a importar el archivo.',
  });
}
