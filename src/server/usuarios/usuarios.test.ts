import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAVE_PRUEBA, crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { abrirBaseDePrueba } from '../db/pruebas.ts';
import { asegurarAdministrador, crearUsuario, iniciarSesion } from './usuarios.ts';

let t: AppDePrueba;
beforeAll(async () => {
  t = await crearAppDePrueba();
});
afterAll(() => t.cerrar());

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, headers });

describe('inicio de sesión', () => {
  it('crea al primer administrador desde el entorno una sola vez', async () => {
    expect(await asegurarAdministrador(t.db.db, 'jefe@taller.cl', 'Primera-clave-2026')).toEqual({
      email: 'jefe@taller.cl',
      password: null,
    });
    expect(await asegurarAdministrador(t.db.db, 'otro@taller.cl', 'Primera-clave-2026')).toBeNull();
    const r = await login('JEFE@taller.cl', 'Primera-clave-2026');
    expect(r.statusCode).toBe(200);
    expect(cuerpo(r).usuario).toMatchObject({ email: 'jefe@taller.cl', rol: 'admin' });
    const cookie = r.cookies.find((c) => c.name === 'rancho_sesion')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const hash = await t.db.db
      .selectFrom('usuarios')
      .select('password_hash')
      .where('email', '=', 'jefe@taller.cl')
      .executeTakeFirstOrThrow();
    expect(hash.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('sin configuración genera una contraseña para admin@rancho.local que sirve para entrar', async () => {
    const db = await abrirBaseDePrueba();
    try {
      const admin = await asegurarAdministrador(db.db, null, null);
      expect(admin?.email).toBe('admin@rancho.local');
      expect(admin?.password?.length).toBeGreaterThanOrEqual(10);
      const sesion = await iniciarSesion(db.db, {
        email: admin!.email,
        password: admin!.password!,
        ip: null,
        userAgent: null,
        horas: 1,
      });
      expect(sesion.usuario.rol).toBe('admin');
    } finally {
      await db.close();
    }
  });

  it('la sesión da acceso y cerrarla lo quita; la cookie no se guarda en claro', async () => {
    await crearUsuario(t.db.db, { email: 'ana@taller.cl', nombre: 'Ana', rol: 'comercial', password: CLAVE_PRUEBA });
    const r = await login('ana@taller.cl', CLAVE_PRUEBA);
    const token = r.cookies[0]!.value;
    const cookie = `rancho_sesion=${token}`;
    expect(cuerpo(await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).usuario.nombre).toBe('Ana');
    const guardada = await t.db.db
      .selectFrom('sesiones')
      .select('id_sesion')
      .where('id_sesion', '=', token)
      .executeTakeFirst();
    expect(guardada).toBeUndefined();
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('una sesión vencida ya no vale', async () => {
    await crearUsuario(t.db.db, { email: 'vence@taller.cl', nombre: 'Vence', rol: 'lectura', password: CLAVE_PRUEBA });
    const cookie = `rancho_sesion=${(await login('vence@taller.cl', CLAVE_PRUEBA)).cookies[0]!.value}`;
    await t.db.db
      .updateTable('sesiones')
      .set({ expira_en: new Date(Date.now() - 1000) })
      .execute();
    const r = await t.app.inject({ url: '/api/clientes', headers: { cookie } });
    expect(r.statusCode).toBe(401);
    expect(cuerpo(r).detail).toMatch(/expiró/);
  });

  it('iniciar sesión de nuevo invalida la sesión anterior (rotación)', async () => {
    await crearUsuario(t.db.db, { email: 'rota@taller.cl', nombre: 'Rota', rol: 'lectura', password: CLAVE_PRUEBA });
    const vieja = `rancho_sesion=${(await login('rota@taller.cl', CLAVE_PRUEBA)).cookies[0]!.value}`;
    const nueva = await login('rota@taller.cl', CLAVE_PRUEBA, { cookie: vieja });
    expect(nueva.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: vieja } })).statusCode).toBe(401);
  });

  it('contraseña equivocada es 401 en español, y a los 5 fallos se bloquea con 429', async () => {
    await crearUsuario(t.db.db, { email: 'bruto@taller.cl', nombre: 'Bruto', rol: 'lectura', password: CLAVE_PRUEBA });
    for (let i = 0; i < 5; i++) {
      const r = await login('bruto@taller.cl', `mala-${i}`);
      expect(r.statusCode).toBe(401);
      expect(cuerpo(r).title).toBe('Correo o contraseña incorrectos');
    }
    const bloqueado = await login('bruto@taller.cl', CLAVE_PRUEBA);
    expect(bloqueado.statusCode).toBe(429);
    expect(cuerpo(bloqueado).detail).toMatch(/espere 15 minutos/);
  });

  it('un correo inexistente responde igual que una clave mala', async () => {
    const r = await login('nadie@taller.cl', 'cualquier-cosa-1');
    expect(r.statusCode).toBe(401);
    expect(cuerpo(r).title).toBe('Correo o contraseña incorrectos');
  });

  it('solo un administrador crea usuarios, con una contraseña razonable', async () => {
    const admin = await t.sesion('admin');
    const comercial = await t.sesion('comercial');
    const nuevo = { email: 'tec@taller.cl', nombre: 'Técnico Uno', rol: 'tecnico', password: 'Tractor-2026!' };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/usuarios', payload: nuevo, headers: { cookie: comercial } }))
        .statusCode,
    ).toBe(403);
    const debil = await t.app.inject({
      method: 'POST',
      url: '/api/usuarios',
      payload: { ...nuevo, password: 'corta' },
      headers: { cookie: admin },
    });
    expect(debil.statusCode).toBe(422);
    expect(cuerpo(debil).errors[0].campo).toBe('password');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/usuarios', payload: nuevo, headers: { cookie: admin } }))
        .statusCode,
    ).toBe(201);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/usuarios', payload: nuevo, headers: { cookie: admin } }))
        .statusCode,
    ).toBe(409);
  });
});

describe('salud y documentación', () => {
  it('/healthz responde sin sesión', async () => {
    const r = await t.app.inject({ url: '/healthz' });
    expect(r.statusCode).toBe(200);
    expect(cuerpo(r).estado).toBe('ok');
  });

  it('el documento OpenAPI 3.1 describe las rutas de clientes (con sesión)', async () => {
    const cookie = await t.sesion('lectura');
    const doc = cuerpo(await t.app.inject({ url: '/api/openapi.json', headers: { cookie } }));
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/clientes', '/api/clientes/{id}', '/api/clientes/{id}/ficha', '/api/auth/login']),
    );
    const docs = await t.app.inject({ url: '/api/docs/', headers: { cookie } });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).not.toMatch(/cdn\.jsdelivr|unpkg/);
  });

  it('responde con cabeceras de seguridad', async () => {
    const r = await t.app.inject({ url: '/healthz' });
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });
});
