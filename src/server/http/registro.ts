import type { FastifyRequest } from 'fastify';

// A link token in the path is a key: whoever reads it in a log can answer that survey or unsubscribe
// that customer. /e/<token> is the survey page; /api/public/<what>/<token> its API and the opt-out.
const TOKEN_EN_RUTA = /^(\/e\/(?!assets\/)|\/api\/public\/[^/]+\/)[^/]+/;

/**
 * The URL as the log keeps it: the path with any link token hidden, and of the query string only
 * its parameter names (a search carries names, RUTs, phones and emails: personal data that a log
 * kept for months must not hold, Ley 21.719).
 */
export function urlEnRegistro(url: string): string {
  const corte = url.indexOf('?');
  const ruta = (corte < 0 ? url : url.slice(0, corte)).replace(TOKEN_EN_RUTA, '$1…');
  if (corte < 0) return ruta;
  const nombres = [...new Set(new URLSearchParams(url.slice(corte + 1)).keys())];
  return nombres.length ? `${ruta}?${nombres.map((n) => `${n}=…`).join('&')}` : ruta;
}

/** Replaces Fastify's request serializer: what each request's log lines say about it. */
export function peticionEnRegistro(request: FastifyRequest) {
  return { method: request.method, url: urlEnRegistro(request.url), remoteAddress: request.ip };
}
