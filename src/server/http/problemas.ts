import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ErrorApp, type CodigoError } from './errores.ts';

const ESTADO: Record<CodigoError, number> = {
  ENTRADA_INVALIDA: 400,
  NO_AUTENTICADO: 401,
  PROHIBIDO: 403,
  NO_ENCONTRADO: 404,
  CONFLICTO: 409,
  REGLA: 422,
  BLOQUEADO: 423,
  DEMASIADOS_INTENTOS: 429,
};

const NOMBRE_PARTE: Record<string, string> = { body: '', querystring: '', params: '', headers: 'encabezado ' };

/**
 * A database trigger that refuses a write raises SQLSTATE `RC` + an HTTP status (RC423: the cliente
 * is blocked) with a Spanish message and detail; it reaches the user as the matching ErrorApp.
 */
function errorDeBase(error: unknown): ErrorApp | null {
  const e = error as { code?: unknown; message?: string; detail?: string };
  if (typeof e.code !== 'string' || !/^RC4\d\d$/.test(e.code)) return null;
  const status = Number(e.code.slice(2));
  const codigo = (Object.keys(ESTADO) as CodigoError[]).find((c) => ESTADO[c] === status) ?? 'CONFLICTO';
  return new ErrorApp(codigo, e.message ?? 'Operación rechazada', e.detail ?? e.message);
}

/** Every error becomes application/problem+json (RFC 9457) with a Spanish title; never a stack trace. */
export function registrarProblemas(app: FastifyInstance): void {
  app.setErrorHandler((original: FastifyError, request, reply) => {
    const error = errorDeBase(original) ?? original;
    if (error instanceof ErrorApp) {
      const status = ESTADO[error.codigo];
      const espera = error.extra.reintentar_en_segundos;
      if (typeof espera === 'number') reply.header('retry-after', String(espera));
      return reply
        .code(status)
        .type('application/problem+json')
        .send({
          type: `https://rancho.cl/problemas/${error.codigo.toLowerCase().replace(/_/g, '-')}`,
          title: error.titulo,
          status,
          detail: error.message,
          ...(error.errores.length > 0 ? { errors: error.errores } : {}),
          ...error.extra,
        });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((v) => {
        const ruta = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        const claves = (v.params as { keys?: string[] }).keys;
        const campo = claves?.length ? [ruta, claves.join(', ')].filter(Boolean).join('.') : ruta || '(cuerpo)';
        const mensaje = claves?.length ? `Campo no permitido: ${claves.join(', ')}.` : v.message;
        return { campo: `${NOMBRE_PARTE[error.validationContext ?? ''] ?? ''}${campo}`, mensaje };
      });
      return reply
        .code(400)
        .type('application/problem+json')
        .send({
          type: 'https://rancho.cl/problemas/entrada-invalida',
          title: 'La solicitud tiene datos con forma incorrecta',
          status: 400,
          detail: errors.map((e) => `${e.campo}: ${e.mensaje}`).join('; '),
          errors,
        });
    }
    const rechazo = rechazoDeLaBase(error);
    if (rechazo) {
      // Input the schema let through but the database cannot take: the client's mistake, not a
      // crash. Logged as a warning so the schema gets the precise per-field rule.
      request.log.warn({ err: error }, 'valor rechazado por la base');
      return reply
        .code(rechazo.status)
        .type('application/problem+json')
        .send({ type: rechazo.tipo, title: rechazo.titulo, status: rechazo.status, detail: rechazo.detalle });
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      // The log keeps the stack; the client gets only the id to quote when reporting it.
      request.log.error({ err: error }, 'error no controlado');
      return reply
        .code(500)
        .type('application/problem+json')
        .send({
          type: 'about:blank',
          title: 'Error interno del servidor',
          status: 500,
          detail: `Ocurrió un error inesperado. Intente de nuevo; si persiste, avise al administrador indicando el código ${request.id}.`,
          id_solicitud: request.id,
        });
    }
    return reply
      .code(status)
      .type('application/problem+json')
      .send({
        type: 'about:blank',
        title: TITULOS[status] ?? 'Solicitud rechazada',
        status,
        detail: TITULOS[status] ?? 'La solicitud no se pudo procesar.',
      });
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type('application/problem+json')
      .send({
        type: 'about:blank',
        title: 'Recurso no encontrado',
        status: 404,
        detail: `No existe ${request.method} ${request.url.split('?')[0]!.slice(0, 200)}.`,
      }),
  );
}

/**
 * Errors the router raises before any route runs (Fastify's `frameworkErrors`): a malformed URL
 * and a path parameter longer than any id. Same Spanish problem+json as everything else; an
 * over-long parameter names nothing that exists, so it is a 404.
 */
export function errorDelEnrutador(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const largo = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const status = largo
    ? 404
    : error.statusCode && error.statusCode >= 400 && error.statusCode < 500
      ? error.statusCode
      : 400;
  void reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: 'about:blank',
      title: largo ? TITULOS[404] : 'La dirección no es válida',
      status,
      detail: largo
        ? `No existe ${request.method} ${request.url.split('?')[0]!.slice(0, 120)}….`
        : 'La dirección pedida tiene caracteres o codificación no válidos.',
    });
}

const TITULOS: Record<number, string> = {
  400: 'La solicitud no se pudo leer (¿JSON mal formado?)',
  401: 'Debe iniciar sesión',
  403: 'No tiene permiso para esta acción',
  404: 'Recurso no encontrado',
  405: 'Método no permitido',
  413: 'La solicitud es demasiado grande',
  415: 'Tipo de contenido no soportado: envíe application/json',
  429: 'Demasiadas solicitudes; espere un momento',
};

/**
 * PostgreSQL's verdict on a value (same SQLSTATE on PGlite and on a server): class 22 "data
 * exception" (an impossible date such as 2026-02-30, a number beyond the column's range) and
 * 23503 (a reference to a record that does not exist).
 */
function rechazoDeLaBase(error: unknown): { status: number; tipo: string; titulo: string; detalle: string } | null {
  const codigo = (error as { code?: unknown }).code;
  if (typeof codigo !== 'string' || !/^[0-9A-Z]{5}$/.test(codigo)) return null;
  if (codigo.startsWith('22')) {
    return {
      status: 400,
      tipo: 'https://rancho.cl/problemas/entrada-invalida',
      titulo: 'Un valor de la solicitud no es válido',
      detalle:
        'Un valor está fuera de rango o no existe (por ejemplo, una fecha como 30-02 o un número demasiado grande). Revise los datos e intente de nuevo.',
    };
  }
  if (codigo === '23503') {
    return {
      status: 422,
      tipo: 'https://rancho.cl/problemas/regla',
      titulo: 'Se refiere a un registro que no existe',
      detalle:
        'Uno de los registros indicados (cliente, equipo, usuario…) no existe o fue eliminado. Revise los datos.',
    };
  }
  return null;
}
