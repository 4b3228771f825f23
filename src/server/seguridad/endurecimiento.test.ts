import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAVE_PRUEBA, crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { crearCliente, rutValido } from '../../../test/fabricas.ts';
import { construirApp } from '../app.ts';
import { leerConfig } from '../config.ts';

let t: AppDePrueba;
let lectura: string;
let comercial: string;
beforeAll(async () => {
  t = await crearAppDePrueba();
  lectura = await t.sesion('lectura');
  comercial = await t.sesion('comercial');
});
afterAll(() => t.cerrar());

const HTTPS = { 'x-forwarded-proto': 'https' };
// The override for "a client that does not send our header" (test/app.ts adds it like api.ts does).
const SIN_CABECERA = { 'x-rancho-csrf': '0' };

const contarClientes = async () =>
  Number((await sql<{ n: string }>`select count(*) as n from clientes`.execute(t.db.db)).rows[0]!.n);

describe('cabeceras de seguridad', () => {
  it('CSP sin scripts en línea, sin marcos, sin objetos; nosniff; la API no se guarda en caché', async () => {
    const r = await t.app.inject({ url: '/api/clientes', headers: { cookie: lectura } });
    expect(r.statusCode).toBe(200);
    const csp = String(r.headers['content-security-policy']);
    const directivas = Object.fromEntries(
      csp.split(';').map((d) => {
        const [nombre, ...valores] = d.trim().split(/\s+/);
        return [nombre, valores.join(' ')];
      }),
    );
    expect(directivas['script-src']).toBe("'self'");
    expect(directivas['default-src']).toBe("'self'");
    expect(directivas['frame-ancestors']).toBe("'none'");
    expect(directivas['object-src']).toBe("'none'");
    expect(directivas['base-uri']).toBe("'self'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('HSTS solo cuando la solicitud llegó por TLS (un proxy de confianza lo dice con X-Forwarded-Proto)', async () => {
    expect((await t.app.inject({ url: '/healthz' })).headers['strict-transport-security']).toBeUndefined();
    const tls = await t.app.inject({ url: '/healthz', headers: HTTPS });
    expect(tls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    // A client on the internet cannot claim TLS: only proxies on this machine or the private network count.
    const falso = await t.app.inject({ url: '/healthz', headers: HTTPS, remoteAddress: '203.0.113.7' });
    expect(falso.headers['strict-transport-security']).toBeUndefined();
  });

  it('sin proxies de confianza (RANCHO_TRUST_PROXY=false) X-Forwarded-Proto no cuenta', async () => {
    const config = { ...leerConfig({ RANCHO_TRUST_PROXY: 'false' }), databaseUrl: null };
    expect(config.trustProxy).toBe(false);
    expect(leerConfig({}).trustProxy).toBe('loopback,linklocal,uniquelocal');
    const app = await construirApp({ db: t.db, config });
    try {
      const r = await app.inject({ url: '/healthz', headers: HTTPS });
      expect(r.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});

describe('cookie de sesión', () => {
  const login = (headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'lectura@prueba.cl', password: CLAVE_PRUEBA },
      headers,
    });

  it('por HTTP: rancho_sesion, httpOnly, SameSite=Lax, Path=/', async () => {
    const r = await login();
    expect(r.statusCode).toBe(200);
    expect(r.cookies).toHaveLength(1);
    expect(r.cookies[0]).toMatchObject({ name: 'rancho_sesion', httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(r.cookies[0]!.secure).toBeFalsy();
  });

  it('por TLS: __Host-rancho_sesion, Secure, sin Domain; y una cookie sin prefijo no vale', async () => {
    const r = await login(HTTPS);
    expect(r.statusCode).toBe(200);
    const c = r.cookies[0]!;
    expect(c).toMatchObject({ name: '__Host-rancho_sesion', secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(c.domain).toBeUndefined();
    const con = (cookie: string) => t.app.inject({ url: '/api/auth/me', headers: { ...HTTPS, cookie } });
    expect((await con(`__Host-rancho_sesion=${c.value}`)).statusCode).toBe(200);
    expect((await con(`rancho_sesion=${c.value}`)).statusCode).toBe(401);
    const salir = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { ...HTTPS, cookie: `__Host-rancho_sesion=${c.value}` },
    });
    expect(salir.statusCode).toBe(204);
    expect(salir.cookies[0]).toMatchObject({ name: '__Host-rancho_sesion', value: '' });
    expect((await con(`__Host-rancho_sesion=${c.value}`)).statusCode).toBe(401);
  });

  it('con PUBLIC_URL https la cookie es Secure aunque no haya proxy que lo diga', async () => {
    const config = { ...leerConfig({ PUBLIC_URL: 'https://taller.example' }), databaseUrl: null };
    const app = await construirApp({ db: t.db, config });
    try {
      const r = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'lectura@prueba.cl', password: CLAVE_PRUEBA },
      });
      expect(r.cookies[0]).toMatchObject({ name: '__Host-rancho_sesion', secure: true });
    } finally {
      await app.close();
    }
  });
});

describe('CSRF: toda escritura viene de nuestro origen', () => {
  const nuevoCliente = () => ({ nombre: 'Agrícola Cruzada', rut: rutValido(), comuna: 'Chillán', region: 'Ñuble' });
  const crear = (headers: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/clientes',
      payload: nuevoCliente(),
      headers: { cookie: comercial, ...headers },
    });

  it('rechaza Origin ajeno, "null" o Sec-Fetch-Site cross-site/same-site, sin escribir nada', async () => {
    const antes = await contarClientes();
    const casos: Record<string, string>[] = [
      { origin: 'https://malo.example' },
      { origin: 'http://localhost.malo.example' },
      { origin: 'null' },
      { origin: 'data:' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'http://localhost', 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of casos) {
      const r = await crear(headers);
      expect(r.statusCode, JSON.stringify(headers)).toBe(403);
      expect(cuerpo(r).title).toBe('Origen no permitido');
      expect(cuerpo(r).detail).toMatch(/no viene de Rancho Clientes/);
    }
    expect(await contarClientes()).toBe(antes);
  });

  it('acepta el mismo origen (Origin o Sec-Fetch-Site) y el origen de PUBLIC_URL', async () => {
    expect((await crear({ origin: 'http://localhost', ...SIN_CABECERA })).statusCode).toBe(201);
    expect((await crear({ 'sec-fetch-site': 'same-origin', ...SIN_CABECERA })).statusCode).toBe(201);
    expect((await crear({ origin: 'http://127.0.0.1:3000', ...SIN_CABECERA })).statusCode).toBe(201);
  });

  it('con cookie de sesión y sin Origin ni Sec-Fetch-Site exige la cabecera x-rancho-csrf', async () => {
    const antes = await contarClientes();
    const r = await crear(SIN_CABECERA);
    expect(r.statusCode).toBe(403);
    expect(await contarClientes()).toBe(antes);
    expect((await crear({ 'x-rancho-csrf': '1' })).statusCode).toBe(201);
  });

  it('cubre también login, logout e importaciones (antes de leer el archivo)', async () => {
    const ajeno = { origin: 'https://malo.example' };
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'lectura@prueba.cl', password: CLAVE_PRUEBA },
      headers: ajeno,
    });
    expect(login.statusCode).toBe(403);
    expect(login.cookies).toHaveLength(0);
    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: lectura, ...ajeno },
    });
    expect(logout.statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: lectura } })).statusCode).toBe(200);
    const antes = await contarClientes();
    const importar = await t.app.inject({
      method: 'POST',
      url: '/api/importaciones?entidad=clientes',
      payload: `nombre;rut;comuna;region\nImportada;${rutValido()};Chillán;Ñuble\n`,
      headers: { cookie: comercial, 'content-type': 'text/csv', accept: 'application/json', ...ajeno },
    });
    expect(importar.statusCode).toBe(403);
    const sinCabecera = await t.app.inject({
      method: 'POST',
      url: '/api/importaciones/validar?entidad=clientes',
      payload: 'nombre;rut\n',
      headers: { cookie: comercial, 'content-type': 'text/csv', ...SIN_CABECERA },
    });
    expect(sinCabecera.statusCode).toBe(403);
    expect(await contarClientes()).toBe(antes);
  });

  it('un script sin cookie (curl) puede iniciar sesión; las lecturas no se revisan', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'lectura@prueba.cl', password: CLAVE_PRUEBA },
      headers: SIN_CABECERA,
    });
    expect(r.statusCode).toBe(200);
    const leer = await t.app.inject({
      url: '/api/clientes',
      headers: { cookie: lectura, origin: 'https://malo.example' },
    });
    expect(leer.statusCode).toBe(200);
  });
});

describe('errores internos', () => {
  it('un 500 es un problem+json genérico en español con el código de la solicitud, sin detalles internos', async () => {
    await crearCliente(t.db.db);
    // A real internal failure: the table the query needs is gone.
    await sql`alter table etiquetas rename to etiquetas_fuera`.execute(t.db.db);
    try {
      const r = await t.app.inject({ url: '/api/etiquetas', headers: { cookie: lectura } });
      expect(r.statusCode).toBe(500);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      const p = cuerpo(r);
      expect(Object.keys(p).sort()).toEqual(['detail', 'id_solicitud', 'status', 'title', 'type']);
      expect(p.title).toBe('Error interno del servidor');
      expect(p.id_solicitud).toBe(r.headers['x-request-id']);
      expect(p.detail).toBe(
        `Ocurrió un error inesperado. Intente de nuevo; si persiste, avise al administrador indicando el código ${p.id_solicitud}.`,
      );
      expect(r.body).not.toMatch(/etiquetas|relation|select|stack|\.ts:|at /i);
    } finally {
      await sql`alter table etiquetas_fuera rename to etiquetas`.execute(t.db.db);
    }
  });
});

describe('límites de tamaño', () => {
  it('un JSON de más de 1 MB es 413 en español', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/clientes',
      payload: { nombre: 'x'.repeat(1_100_000) },
      headers: { cookie: comercial },
    });
    expect(r.statusCode).toBe(413);
    expect(cuerpo(r).title).toBe('La solicitud es demasiado grande');
  });

  it('un archivo de importación de más de 60 MB es 413; uno grande sin permiso es 403 sin leerlo', async () => {
    const grande = Buffer.alloc(61 * 1024 * 1024, 0x61);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/importaciones/validar?entidad=clientes',
      payload: grande,
      headers: { cookie: comercial, 'content-type': 'text/csv' },
    });
    expect(r.statusCode).toBe(413);
    const sinPermiso = await t.app.inject({
      method: 'POST',
      url: '/api/importaciones/validar?entidad=clientes',
      payload: grande,
      headers: { cookie: lectura, 'content-type': 'text/csv' },
    });
    expect(sinPermiso.statusCode).toBe(403);
  });

  it('un parámetro de ruta de más de 200 caracteres es 404, una consulta enorme es 400', async () => {
    const largo = await t.app.inject({ url: `/api/clientes/${'9'.repeat(300)}`, headers: { cookie: lectura } });
    expect(largo.statusCode).toBe(404);
    expect(cuerpo(largo).detail.length).toBeLessThan(300);
    expect(largo.headers['content-type']).toMatch(/problem\+json/);
    const malformada = await t.app.inject({ url: '/api/clientes/%E0%A4%A', headers: { cookie: lectura } });
    expect(malformada.statusCode).toBe(400);
    expect(cuerpo(malformada).title).toBe('La dirección no es válida');
    const consulta = await t.app.inject({ url: `/api/clientes?q=${'a'.repeat(5000)}`, headers: { cookie: lectura } });
    expect(consulta.statusCode).toBe(400);
  });
});
