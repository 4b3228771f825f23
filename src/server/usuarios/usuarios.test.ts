import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAVE_PRUEBA, crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { abrirBaseDePrueba } from '../db/pruebas.ts';
import { asegurarAdministrador, crearUsuario, iniciarSesion, validarPassword } from './usuarios.ts';

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
    expect(cuerpo(bloqueado).detail).toMatch(
      /^Por seguridad, este correo quedó bloqueado tras 5 intentos fallidos: espere 15 minutos \(podrá intentar de nuevo a las \d\d:\d\d\)/,
    );
    expect(Number(bloqueado.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(Number(bloqueado.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
  });

  it('el bloqueo dice cuándo se levanta y se levanta solo', async () => {
    await crearUsuario(t.db.db, {
      email: 'paciente@taller.cl',
      nombre: 'Paciente',
      rol: 'lectura',
      password: CLAVE_PRUEBA,
    });
    // Five failures 11 to 7 minutes ago: the oldest that still counts leaves the window in 4 minutes.
    for (let i = 0; i < 5; i++) {
      await t.db.db
        .insertInto('intentos_login')
        .values({
          email: 'paciente@taller.cl',
          ip: '10.1.1.1',
          exitoso: false,
          fecha: new Date(Date.now() - (11 - i) * 60_000),
        })
        .execute();
    }
    const r = await login('paciente@taller.cl', CLAVE_PRUEBA);
    expect(r.statusCode).toBe(429);
    expect(cuerpo(r).detail).toMatch(/espere 4 minutos/);
    expect(Date.parse(cuerpo(r).reintentar_en)).toBeGreaterThan(Date.now() + 3 * 60_000);
    // Once the oldest failure is older than 15 minutes, the right password works again.
    await t.db.db
      .updateTable('intentos_login')
      .set({ fecha: new Date(Date.now() - 16 * 60_000) })
      .where('email', '=', 'paciente@taller.cl')
      .where('fecha', '<', new Date(Date.now() - 10 * 60_000))
      .execute();
    expect((await login('paciente@taller.cl', CLAVE_PRUEBA)).statusCode).toBe(200);
  });

  it('30 fallos desde una misma dirección bloquean esa dirección para cualquier correo, no otras', async () => {
    await crearUsuario(t.db.db, {
      email: 'vecino@taller.cl',
      nombre: 'Vecino',
      rol: 'lectura',
      password: CLAVE_PRUEBA,
    });
    await t.db.db
      .insertInto('intentos_login')
      .values(Array.from({ length: 30 }, (_, i) => ({ email: `robot${i}@x.cl`, ip: '10.66.6.6', exitoso: false })))
      .execute();
    const desdeAhi = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'vecino@taller.cl', password: CLAVE_PRUEBA },
      remoteAddress: '10.66.6.6',
    });
    expect(desdeAhi.statusCode).toBe(429);
    expect(cuerpo(desdeAhi).detail).toMatch(
      /esta conexión quedó bloqueada tras 30 intentos fallidos: espere 15 minutos/,
    );
    const desdeOtra = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'vecino@taller.cl', password: CLAVE_PRUEBA },
      remoteAddress: '10.66.6.7',
    });
    expect(desdeOtra.statusCode).toBe(200);
  });

  it('un cliente de internet no elude el bloqueo por dirección inventando X-Forwarded-For', async () => {
    await t.db.db
      .insertInto('intentos_login')
      .values(Array.from({ length: 30 }, (_, i) => ({ email: `bot${i}@x.cl`, ip: '203.0.113.50', exitoso: false })))
      .execute();
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'vecino@taller.cl', password: CLAVE_PRUEBA },
      remoteAddress: '203.0.113.50',
      headers: { 'x-forwarded-for': '198.51.100.1' },
    });
    expect(r.statusCode).toBe(429);
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
    for (const [password, mensaje] of [
      ['corta', 'La contraseña debe tener al menos 12 caracteres; una frase de varias palabras sirve.'],
      ['Tractor-2026', null],
      ['Tractor-202', 'La contraseña debe tener al menos 12 caracteres; una frase de varias palabras sirve.'],
      ['TEC@taller.cl', 'La contraseña no puede ser su correo. Elija otra.'],
      ['Contraseña123', 'Esa contraseña es de las más usadas y se adivina fácil. Elija otra.'],
      ['123456789012', 'Esa contraseña es de las más usadas y se adivina fácil. Elija otra.'],
      ['aaaaaaaaaaaaaaaa', 'Esa contraseña es de las más usadas y se adivina fácil. Elija otra.'],
    ] as const) {
      expect(validarPassword(password, 'tec@taller.cl')).toBe(mensaje);
    }
    const debil = await t.app.inject({
      method: 'POST',
      url: '/api/usuarios',
      payload: { ...nuevo, password: 'password1234' },
      headers: { cookie: admin },
    });
    expect(debil.statusCode).toBe(422);
    expect(cuerpo(debil).errors).toEqual([
      { campo: 'password', mensaje: 'Esa contraseña es de las más usadas y se adivina fácil. Elija otra.' },
    ]);
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

describe('cambio de contraseña', () => {
  it('pide la actual, aplica la política, cierra las demás sesiones y rota la propia', async () => {
    await crearUsuario(t.db.db, {
      email: 'cambia@taller.cl',
      nombre: 'Cambia',
      rol: 'tecnico',
      password: CLAVE_PRUEBA,
    });
    const sesionDe = (r: Awaited<ReturnType<typeof login>>) => `rancho_sesion=${r.cookies[0]!.value}`;
    const otra = sesionDe(await login('cambia@taller.cl', CLAVE_PRUEBA));
    const esta = sesionDe(await login('cambia@taller.cl', CLAVE_PRUEBA));
    const cambiar = (actual: string, nueva: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        payload: { actual, nueva },
        headers: { cookie: esta },
      });

    const mala = await cambiar('no-es-la-actual', 'Cosechadora-de-trigo');
    expect(mala.statusCode).toBe(422);
    expect(cuerpo(mala).errors).toEqual([{ campo: 'actual', mensaje: 'La contraseña actual no es correcta.' }]);
    const debil = await cambiar(CLAVE_PRUEBA, 'cambia@taller.cl');
    expect(debil.statusCode).toBe(422);
    expect(cuerpo(debil).errors).toEqual([
      { campo: 'nueva', mensaje: 'La contraseña no puede ser su correo. Elija otra.' },
    ]);

    const ok = await cambiar(CLAVE_PRUEBA, 'Cosechadora-de-trigo');
    expect(ok.statusCode).toBe(204);
    const nueva = sesionDe(ok);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: otra } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: esta } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: nueva } })).statusCode).toBe(200);
    expect((await login('cambia@taller.cl', CLAVE_PRUEBA)).statusCode).toBe(401);
    expect((await login('cambia@taller.cl', 'Cosechadora-de-trigo')).statusCode).toBe(200);
    const auditado = await t.db.db
      .selectFrom('auditoria')
      .select(['accion', 'entidad'])
      .where('accion', '=', 'cambiar_password')
      .execute();
    expect(auditado).toEqual([{ accion: 'cambiar_password', entidad: 'usuario' }]);
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
