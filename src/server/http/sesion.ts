import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CABECERA_CSRF } from '../../shared/seguridad.ts';
import { ErrorApp } from './errores.ts';

/** The session cookie over plain HTTP (a workshop's LAN, tests, the dev server). */
export const COOKIE_SESION = 'rancho_sesion';
/** Over TLS: `__Host-` makes the browser refuse it unless Secure, Path=/ and without Domain. */
export const COOKIE_SESION_SEGURA = `__Host-${COOKIE_SESION}`;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Route answers without a session (login, health, public survey). */
    publico?: boolean;
  }
}

const LECTURAS = ['GET', 'HEAD', 'OPTIONS'];

/** Did this request reach us over TLS (directly, or through a trusted proxy's X-Forwarded-Proto)? */
export function conexionSegura(request: FastifyRequest): boolean {
  return request.server.rancho.config.cookieSecure || request.protocol === 'https';
}

/**
 * The session token the request carries. Over TLS only the `__Host-` cookie counts: a plain
 * `rancho_sesion` could have been planted by someone on the network (login CSRF).
 */
export function tokenDeSesion(request: FastifyRequest): string | undefined {
  return request.cookies[conexionSegura(request) ? COOKIE_SESION_SEGURA : COOKIE_SESION];
}

/** Sets the session cookie: httpOnly, SameSite=Lax, and Secure with the `__Host-` name over TLS. */
export function ponerCookieSesion(request: FastifyRequest, reply: FastifyReply, token: string, expira: Date): void {
  const segura = conexionSegura(request);
  reply.setCookie(segura ? COOKIE_SESION_SEGURA : COOKIE_SESION, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: segura,
    path: '/',
    expires: expira,
  });
}

export function quitarCookieSesion(request: FastifyRequest, reply: FastifyReply): void {
  const segura = conexionSegura(request);
  reply.clearCookie(segura ? COOKIE_SESION_SEGURA : COOKIE_SESION, {
    httpOnly: true,
    sameSite: 'lax',
    secure: segura,
    path: '/',
  });
}

/**
 * Every /api route needs a session unless it is marked `publico`; every write, public ones
 * included (login, logout, survey answers, imports), must come from our own origin: SameSite=Lax
 * plus this check defend against CSRF.
 */
export function registrarSesion<U>(
  app: FastifyInstance,
  resolver: (token: string | undefined) => Promise<U | null>,
  guardar: (request: FastifyRequest, usuario: U | null) => void,
): void {
  const publica = new URL(app.rancho.config.publicUrl).host;
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    if (!LECTURAS.includes(request.method) && !mismoOrigen(request, publica)) {
      throw new ErrorApp(
        'PROHIBIDO',
        'Origen no permitido',
        'La solicitud no viene de Rancho Clientes y fue rechazada. Si usa la aplicación, recargue la página e intente de nuevo.',
      );
    }
    if (request.routeOptions.config?.publico) return;
    const usuario = await resolver(tokenDeSesion(request));
    if (!usuario)
      throw new ErrorApp('NO_AUTENTICADO', 'Debe iniciar sesión', 'Su sesión no existe o expiró. Inicie sesión.');
    guardar(request, usuario);
  });
}

/**
 * Browsers say where a write comes from: `Origin` (every POST since 2020) or `Sec-Fetch-Site`.
 * A request with neither is a script or an old browser: fine without a session cookie (there is
 * nothing to ride), but with one it must carry our header, which a form on another site cannot
 * send and a script on another site cannot add without a CORS preflight this app never grants.
 */
function mismoOrigen(request: FastifyRequest, hostPublico: string): boolean {
  const { origin, host } = request.headers;
  const sitio = request.headers['sec-fetch-site'];
  if (sitio !== undefined && sitio !== 'same-origin' && sitio !== 'none') return false;
  if (origin !== undefined) {
    try {
      const desde = new URL(origin);
      if (desde.protocol !== 'http:' && desde.protocol !== 'https:') return false;
      // Through URL too, so "localhost:80" and "localhost" compare equal under http.
      const propio = (h: string | undefined) =>
        h !== undefined && new URL(`${desde.protocol}//${h}`).host === desde.host;
      return propio(request.host) || propio(host) || propio(hostPublico);
    } catch {
      return false; // "null" (sandboxed frames, file://) and garbage
    }
  }
  if (sitio !== undefined) return true;
  const conCookie = request.cookies[COOKIE_SESION] !== undefined || request.cookies[COOKIE_SESION_SEGURA] !== undefined;
  return !conCookie || request.headers[CABECERA_CSRF] === '1';
}
