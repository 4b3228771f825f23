import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { construirApp } from '../app.ts';
import { leerConfig } from '../config.ts';
import { CLAVE_PRUEBA, crearAppDePrueba, type AppDePrueba } from '../../../test/app.ts';
import { crearCacheSesiones } from './cacheSesiones.ts';
import { crearUsuario } from './usuarios.ts';

let t: AppDePrueba;
beforeAll(async () => {
  t = await crearAppDePrueba();
});
afterAll(() => t.cerrar());

const enPostgres = process.env.RANCHO_MOTOR_PRUEBA === 'postgres';

async function entrar(email: string): Promise<{ cookie: string; token: string }> {
  await crearUsuario(t.db.db, { email, nombre: email, rol: 'comercial', password: CLAVE_PRUEBA });
  const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: CLAVE_PRUEBA } });
  expect(r.statusCode).toBe(200);
  const token = r.cookies[0]!.value;
  return { cookie: `rancho_sesion=${token}`, token };
}

const yo = (cookie: string, app = t.app) =>
  app.inject({ url: '/api/auth/me', headers: { cookie } }).then((r) => r.statusCode);

/** Deletes sessions behind the cache's back: the notification trigger is off meanwhile. */
async function borrarSinAviso(email: string): Promise<void> {
  await t.db.db.transaction().execute(async (tx) => {
    await sql`ALTER TABLE sesiones DISABLE TRIGGER sesiones_aviso`.execute(tx);
    await sql`DELETE FROM sesiones WHERE id_usuario = (SELECT id_usuario FROM usuarios WHERE email = ${email})`.execute(
      tx,
    );
    await sql`ALTER TABLE sesiones ENABLE TRIGGER sesiones_aviso`.execute(tx);
  });
}

describe('sesiones revisadas en memoria', () => {
  it('una sesión ya revisada se atiende sin volver a la base, hasta que se vacía', async () => {
    const { cookie } = await entrar('memoria@taller.cl');
    expect(t.app.rancho.sesiones.escuchando).toBe(true);
    expect(await yo(cookie)).toBe(200);
    await borrarSinAviso('memoria@taller.cl');
    // The row is gone but nobody said so: the instance still trusts what it checked.
    expect(await yo(cookie)).toBe(200);
    t.app.rancho.sesiones.vaciar();
    expect(await yo(cookie)).toBe(401);
  });

  it('cerrar sesión vale al instante en la misma instancia', async () => {
    const { cookie } = await entrar('salir@taller.cl');
    expect(await yo(cookie)).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    expect(await yo(cookie)).toBe(401);
  });

  it('un usuario desactivado a mano en SQL pierde su sesión por el aviso de la base', async () => {
    const { cookie } = await entrar('baja@taller.cl');
    expect(await yo(cookie)).toBe(200);
    await t.db.db.updateTable('usuarios').set({ activo: false }).where('email', '=', 'baja@taller.cl').execute();
    await vi.waitFor(async () => expect(await yo(cookie)).toBe(401), { timeout: 5_000, interval: 20 });
  });

  it('cerrar sesión en una instancia la cierra en otra sobre la misma base', async () => {
    const otra = await construirApp({ db: t.db, config: { ...leerConfig({}), databaseUrl: null } });
    try {
      const { cookie } = await entrar('dos@taller.cl');
      expect(await yo(cookie, otra)).toBe(200);
      expect(otra.rancho.sesiones.escuchando).toBe(true);
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(
        204,
      );
      await vi.waitFor(async () => expect(await yo(cookie, otra)).toBe(401), { timeout: 5_000, interval: 20 });
    } finally {
      await otra.close();
    }
  });

  it('nada se guarda más allá de su vigencia', async () => {
    const { token } = await entrar('breve@taller.cl');
    const cache = await crearCacheSesiones(t.db, { vigenciaMs: 30 });
    try {
      expect((await cache.usuario(token))?.email).toBe('breve@taller.cl');
      await borrarSinAviso('breve@taller.cl');
      expect((await cache.usuario(token))?.email).toBe('breve@taller.cl');
      await new Promise((r) => setTimeout(r, 60));
      expect(await cache.usuario(token)).toBeNull();
    } finally {
      await cache.cerrar();
    }
  });

  it.runIf(enPostgres)('si se corta el canal de avisos no guarda nada hasta reconectarse', async () => {
    const { cookie } = await entrar('corte@taller.cl');
    const cache = t.app.rancho.sesiones;
    expect(await yo(cookie)).toBe(200);
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
              WHERE datname = current_database() AND application_name = 'rancho rancho_sesiones'`.execute(t.db.db);
    await vi.waitFor(() => expect(cache.escuchando).toBe(false), { timeout: 5_000, interval: 5 });
    // Notifications may have been missed: every request reads the database.
    await borrarSinAviso('corte@taller.cl');
    expect(await yo(cookie)).toBe(401);
    await vi.waitFor(() => expect(cache.escuchando).toBe(true), { timeout: 10_000, interval: 50 });
    const otra = await entrar('vuelta@taller.cl');
    expect(await yo(otra.cookie)).toBe(200);
    await borrarSinAviso('vuelta@taller.cl');
    expect(await yo(otra.cookie)).toBe(200);
  });
});
