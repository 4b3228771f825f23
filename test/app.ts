import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { CABECERA_CSRF } from '../src/shared/seguridad.ts';
import { construirApp } from '../src/server/app.ts';
import { leerConfig } from '../src/server/config.ts';
import { abrirBaseDePrueba } from '../src/server/db/pruebas.ts';
import type { Db } from '../src/server/db/open.ts';
import { crearUsuario } from '../src/server/usuarios/usuarios.ts';
import type { Rol } from '../src/server/usuarios/usuarios.table.ts';

export const CLAVE_PRUEBA = 'clave-de-prueba-2026';

export interface AppDePrueba {
  app: FastifyInstance;
  db: Db;
  /** Cookie header of a signed-in user of that role (created on first use). */
  sesion(rol: Rol): Promise<string>;
  cerrar(): Promise<void>;
}

/** The real app on a fresh database of this project's engine, driven in-process (STYLE.md 14). */
export async function crearAppDePrueba(): Promise<AppDePrueba> {
  const db = await abrirBaseDePrueba();
  const config = { ...leerConfig({}), databaseUrl: null };
  const app = await construirApp({ db, config });
  comoLaWeb(app);
  const sesiones = new Map<Rol, string>();
  return {
    app,
    db,
    async sesion(rol) {
      const existente = sesiones.get(rol);
      if (existente) return existente;
      const email = `${rol}@prueba.cl`;
      await crearUsuario(db.db, { email, nombre: `Usuario ${rol}`, rol, password: CLAVE_PRUEBA });
      const r = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: CLAVE_PRUEBA },
      });
      if (r.statusCode !== 200) throw new Error(`login ${rol}: ${r.statusCode} ${r.body}`);
      const cookie = r.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      sesiones.set(rol, cookie);
      return cookie;
    },
    async cerrar() {
      await app.close();
      await db.close();
    },
  };
}

/**
 * app.inject sends what the web app's api.ts sends on every request: the CSRF header (a test
 * checking the CSRF defence overrides it with another value).
 */
function comoLaWeb(app: FastifyInstance): void {
  const inyectar = app.inject.bind(app);
  app.inject = ((opciones?: InjectOptions | string, ...resto: unknown[]) => {
    if (opciones === undefined) return inyectar();
    const o = typeof opciones === 'string' ? { url: opciones } : opciones;
    return (inyectar as (...a: unknown[]) => unknown)(
      { ...o, headers: { [CABECERA_CSRF]: '1', ...o.headers } },
      ...resto,
    );
  }) as typeof app.inject;
}

/** Body of a JSON response. */
export function cuerpo<T = any>(r: LightMyRequestResponse): T {
  return r.json() as T;
}
