import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorApp } from './errores.ts';

export const COOKIE_SESION = 'rancho_sesion';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Route answers without a session (login, health, public survey). */
    publico?: boolean;
  }
}

/**
 * Every /api route needs a session unless it is marked `publico`; every write must come from our
 * own origin (SameSite=Lax plus this check defend against CSRF).
 */
export function registrarSesion<U>(
  app: FastifyInstance,
  resolver: (token: string | undefined) => Promise<U | null>,
  guardar: (request: FastifyRequest, usuario: U | null) => void,
): void {
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method) && !mismoOrigen(request)) {
      throw new ErrorApp('PROHIBIDO', 'Origen no permitido', 'La solicitud viene de otro sitio y fue rechazada.');
    }
    if (request.routeOptions.config?.publico) return;
    const usuario = await resolver(request.cookies[COOKIE_SESION]);
    if (!usuario)
      throw new ErrorApp('NO_AUTENTICADO', 'Debe iniciar sesión', 'Su sesión no existe o expiró. Inicie sesión.');
    guardar(request, usuario);
  });
}

function mismoOrigen(request: FastifyRequest): boolean {
  const origen = request.headers.origin;
  if (origen) {
    try {
      return new URL(origen).host === request.headers.host;
    } catch {
      return false;
    }
  }
  return request.headers['sec-fetch-site'] !== 'cross-site';
}
