import type { FastifyInstance } from 'fastify';
import { ErrorApp } from './errores.ts';

/**
 * Text the database can store, for every route, before validation. PostgreSQL cannot store the
 * NUL character, so a "\u0000" would fail there as a 500; it has no business in a name or a
 * note: refused with the field it came in. A lone UTF-16 surrogate (JSON allows "\ud800") would
 * break the JSON columns (audit details): replaced by U+FFFD, as a text column would store it.
 */
export function registrarEntradaSinNulos(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (typeof request.body === 'string') request.body = request.body.toWellFormed();
    else bienFormado(request.body);
    bienFormado(request.query);
    for (const valor of [request.body, request.query, request.params]) {
      const campo = conNulo(valor, '');
      if (campo !== null) {
        const mensaje =
          'El texto contiene un carácter nulo (\\0), que no se puede guardar. Quítelo e intente de nuevo.';
        throw new ErrorApp('ENTRADA_INVALIDA', 'La solicitud tiene un carácter no válido', mensaje, {
          errores: [{ campo: campo || '(cuerpo)', mensaje }],
        });
      }
    }
  });
}

/** The path of the first string (value or key) holding a NUL, or null. Buffers (uploaded files) are left to their parser. */
function conNulo(valor: unknown, camino: string, profundidad = 0): string | null {
  if (typeof valor === 'string') return valor.includes('\u0000') ? camino : null;
  if (valor === null || typeof valor !== 'object' || Buffer.isBuffer(valor) || profundidad > 64) return null;
  for (const [clave, v] of Object.entries(valor)) {
    const aqui = camino ? `${camino}.${clave}` : clave;
    if (clave.includes('\u0000')) return aqui;
    const r = conNulo(v, aqui, profundidad + 1);
    if (r !== null) return r;
  }
  return null;
}

/** Replaces lone surrogates in place, in values and keys. */
function bienFormado(valor: unknown, profundidad = 0): void {
  if (valor === null || typeof valor !== 'object' || Buffer.isBuffer(valor) || profundidad > 64) return;
  const objeto = valor as Record<string, unknown>;
  for (const clave of Object.keys(objeto)) {
    const v = objeto[clave];
    if (typeof v === 'string') {
      if (!v.isWellFormed()) objeto[clave] = v.toWellFormed();
    } else bienFormado(v, profundidad + 1);
    if (!clave.isWellFormed()) {
      objeto[clave.toWellFormed()] = objeto[clave];
      delete objeto[clave];
    }
  }
}
