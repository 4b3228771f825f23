import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { crearCliente, crearEquipo, rutValido } from '../../../test/fabricas.ts';

let t: AppDePrueba;
let admin: string;
let comercial: string;
let lectura: string;
let tecnico: string;

beforeAll(async () => {
  t = await crearAppDePrueba();
  admin = await t.sesion('admin');
  comercial = await t.sesion('comercial');
  lectura = await t.sesion('lectura');
  tecnico = await t.sesion('tecnico');
});
afterAll(() => t.cerrar());

const crear = (payload: unknown, cookie = comercial) =>
  t.app.inject({ method: 'POST', url: '/api/clientes', payload: payload as object, headers: { cookie } });

const contar = async (tabla: 'clientes' | 'auditoria') =>
  Number(
    (
      await t.db.db
        .selectFrom(tabla)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('registrar clientes', () => {
  it('guarda el RUT canónico, la comuna oficial con su región, el teléfono E.164 y el email en minúsculas', async () => {
    const r = await crear({
      nombre: 'Agrícola Santa Rosa',
      rut: '12.345.678-5',
      comuna: 'chillan',
      telefono: '9 8765 4321',
      email: 'Ventas@SantaRosa.CL',
    });
    expect(r.statusCode).toBe(201);
    const { cliente } = cuerpo(r);
    expect(cliente).toMatchObject({
      nombre: 'Agrícola Santa Rosa',
      rut: '12345678-5',
      rut_formateado: '12.345.678-5',
      comuna: 'Chillán',
      region: 'Ñuble',
      telefono: '+56987654321',
      email: 'ventas@santarosa.cl',
      activo: false,
      ultimo_contacto: null,
      archivado: false,
      version: 1,
    });
    expect(r.headers.location).toBe(`/api/clientes/${cliente.id_cliente}`);
  });

  it('un RUT repetido en otro formato es 409 y nombra al cliente existente', async () => {
    const antes = await contar('clientes');
    const r = await crear({ nombre: 'Otro nombre', rut: '123456785' });
    expect(r.statusCode).toBe(409);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    const p = cuerpo(r);
    expect(p.title).toBe('Ya existe un cliente con ese RUT');
    expect(p.detail).toContain('Agrícola Santa Rosa');
    expect(p.errors).toEqual([{ campo: 'rut', mensaje: 'El RUT ya pertenece a «Agrícola Santa Rosa».' }]);
    expect(p.cliente_existente.nombre).toBe('Agrícola Santa Rosa');
    expect(await contar('clientes')).toBe(antes);
  });

  it.each([
    [
      { nombre: 'Fundo Sur', rut: '12.345.678-4' },
      'rut',
      'El dígito verificador del RUT no corresponde: para 12.345.678 debe ser 5.',
    ],
    [
      { nombre: 'Fundo Sur', rut: rutValido(), comuna: 'Chillán', region: 'Maule' },
      'region',
      'La comuna Chillán pertenece a la región de Ñuble, no a Maule.',
    ],
    [{ nombre: 'Fundo Sur', rut: rutValido(), comuna: 'Gotham' }, 'comuna', '«Gotham» no es una comuna de Chile.'],
    [
      { nombre: 'Fundo Sur', rut: rutValido(), telefono: '123' },
      'telefono',
      'El teléfono no es válido. Ejemplos: 9 1234 5678 (móvil) o 2 2345 6789 (fijo).',
    ],
    [
      { nombre: 'Fundo Sur', rut: rutValido(), email: 'sin-arroba' },
      'email',
      'El correo no es válido (ejemplo: nombre@dominio.cl).',
    ],
  ])('regla incumplida → 422 que nombra el campo y no escribe nada (%#)', async (payload, campo, mensaje) => {
    const [clientes, auditoria] = [await contar('clientes'), await contar('auditoria')];
    const r = await crear(payload);
    expect(r.statusCode).toBe(422);
    const p = cuerpo(r);
    expect(p.status).toBe(422);
    expect(p.errors.map((e: { campo: string }) => e.campo)).toContain(campo);
    expect(p.errors.find((e: { campo: string }) => e.campo === campo).mensaje).toBe(mensaje);
    expect([await contar('clientes'), await contar('auditoria')]).toEqual([clientes, auditoria]);
  });

  it.each([
    [{ rut: '11.111.111-1' }, 'nombre'],
    [{ nombre: 'Sin RUT' }, 'rut'],
    [{ nombre: 'x'.repeat(10_000), rut: '11.111.111-1' }, 'nombre'],
    [{ nombre: 12345, rut: '11.111.111-1' }, 'nombre'],
    [{ nombre: 'Campo extra', rut: '11.111.111-1', es_vip: true }, 'es_vip'],
    [{ nombre: 'Etiquetas mal', rut: '11.111.111-1', etiquetas: 'frutícola' }, 'etiquetas'],
  ])('forma incorrecta → 400 en español que nombra el campo (%#)', async (payload, campo) => {
    const antes = await contar('clientes');
    const r = await crear(payload);
    expect(r.statusCode).toBe(400);
    const p = cuerpo(r);
    expect(p.title).toBe('La solicitud tiene datos con forma incorrecta');
    expect(p.errors.some((e: { campo: string }) => e.campo.includes(campo))).toBe(true);
    expect(p.errors.every((e: { mensaje: string }) => !/expected|invalid input/i.test(e.mensaje))).toBe(true);
    expect(await contar('clientes')).toBe(antes);
  });

  it('JSON mal formado → 400 en español, nunca 500', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/clientes',
      payload: '{"nombre": "roto",',
      headers: { cookie: comercial, 'content-type': 'application/json' },
    });
    expect(r.statusCode).toBe(400);
    expect(cuerpo(r).title).toMatch(/no se pudo leer/);
  });

  it('advierte de un posible duplicado por nombre parecido, sin bloquear', async () => {
    await crear({ nombre: 'Agrícola Los Robles Ltda.', rut: rutValido() });
    const r = await crear({ nombre: 'Agricola Los Robles', rut: rutValido() });
    expect(r.statusCode).toBe(201);
    expect(cuerpo(r).posibles_duplicados.map((d: { nombre: string }) => d.nombre)).toContain(
      'Agrícola Los Robles Ltda.',
    );
    const p = await t.app.inject({
      url: '/api/clientes/parecidos?nombre=agricola%20los%20robles%20spa',
      headers: { cookie: lectura },
    });
    expect(cuerpo(p).items.length).toBeGreaterThanOrEqual(2);
  });

  it('registra el alta en auditoría con quién la hizo', async () => {
    const r = await crear({ nombre: 'Viña Auditada', rut: rutValido() });
    const id = cuerpo(r).cliente.id_cliente;
    const filas = await t.db.db.selectFrom('auditoria').selectAll().where('id_cliente', '=', id).execute();
    expect(filas).toHaveLength(1);
    expect(filas[0]).toMatchObject({ accion: 'crear', entidad: 'cliente', id_entidad: String(id) });
    expect(filas[0]!.id_usuario).not.toBeNull();
  });
});

describe('permisos', () => {
  it('sin sesión todo es 401', async () => {
    for (const [method, url] of [
      ['GET', '/api/clientes'],
      ['GET', '/api/clientes/1'],
      ['GET', '/api/clientes/1/ficha'],
      ['POST', '/api/clientes'],
      ['PATCH', '/api/clientes/1'],
      ['GET', '/api/openapi.json'],
      ['GET', '/api/usuarios'],
      ['GET', '/api/etiquetas'],
    ] as const) {
      const r = await t.app.inject({ method, url, payload: method === 'GET' ? undefined : {} });
      expect(r.statusCode, `${method} ${url}`).toBe(401);
      expect(cuerpo(r).title).toBe('Debe iniciar sesión');
    }
  });

  it('lectura y técnico ven pero no escriben (403)', async () => {
    for (const cookie of [lectura, tecnico]) {
      expect((await t.app.inject({ url: '/api/clientes', headers: { cookie } })).statusCode).toBe(200);
      const r = await crear({ nombre: 'No debería', rut: rutValido() }, cookie);
      expect(r.statusCode).toBe(403);
      expect(cuerpo(r).title).toBe('No tiene permiso para esta acción');
    }
  });

  it('una escritura desde otro origen se rechaza (CSRF)', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/clientes',
      payload: { nombre: 'Forastero', rut: rutValido() },
      headers: { cookie: comercial, origin: 'https://malicioso.example', host: 'localhost' },
    });
    expect(r.statusCode).toBe(403);
  });
});

describe('editar, archivar y ficha', () => {
  it('edita el teléfono con la versión leída; una versión vieja es 409 y no pisa nada', async () => {
    const id = cuerpo(await crear({ nombre: 'Hacienda Edición', rut: rutValido(), telefono: '9 1111 1111' })).cliente
      .id_cliente;
    const r1 = await t.app.inject({
      method: 'PATCH',
      url: `/api/clientes/${id}`,
      payload: { telefono: '9 2222 2222', version: 1 },
      headers: { cookie: comercial },
    });
    expect(r1.statusCode).toBe(200);
    expect(cuerpo(r1)).toMatchObject({ telefono: '+56922222222', version: 2 });
    const r2 = await t.app.inject({
      method: 'PATCH',
      url: `/api/clientes/${id}`,
      payload: { telefono: '9 3333 3333', version: 1 },
      headers: { cookie: admin },
    });
    expect(r2.statusCode).toBe(409);
    expect(cuerpo(r2).title).toBe('Otra persona modificó este cliente');
    const actual = cuerpo(await t.app.inject({ url: `/api/clientes/${id}`, headers: { cookie: lectura } }));
    expect(actual.telefono).toBe('+56922222222');
    const auditoria = await t.db.db
      .selectFrom('auditoria')
      .select('detalle')
      .where('id_cliente', '=', id)
      .where('accion', '=', 'editar')
      .execute();
    expect(auditoria).toHaveLength(1);
    expect(auditoria[0]!.detalle).toEqual({ cambios: { telefono: ['+56911111111', '+56922222222'] } });
  });

  it('cambiar el RUT al de otro cliente es 409', async () => {
    const rut = rutValido();
    await crear({ nombre: 'Dueño del RUT', rut });
    const id = cuerpo(await crear({ nombre: 'Quiere el RUT', rut: rutValido() })).cliente.id_cliente;
    const r = await t.app.inject({
      method: 'PATCH',
      url: `/api/clientes/${id}`,
      payload: { rut, version: 1 },
      headers: { cookie: comercial },
    });
    expect(r.statusCode).toBe(409);
    expect(cuerpo(r).detail).toContain('Dueño del RUT');
  });

  it('archivar oculta de la lista sin borrar; restaurar lo devuelve', async () => {
    const id = cuerpo(await crear({ nombre: 'Fundo Archivable Único', rut: rutValido() })).cliente.id_cliente;
    const buscar = async (extra = '') =>
      cuerpo(await t.app.inject({ url: `/api/clientes?q=archivable${extra}`, headers: { cookie: lectura } })).total;
    expect(await buscar()).toBe(1);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/clientes/${id}/archivar`, headers: { cookie: comercial } }))
        .statusCode,
    ).toBe(200);
    expect(await buscar()).toBe(0);
    expect(await buscar('&archivados=true')).toBe(1);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/clientes/${id}/restaurar`, headers: { cookie: comercial } }))
        .statusCode,
    ).toBe(200);
    expect(await buscar()).toBe(1);
  });

  it('un id inexistente es 404 y uno mal formado es 400', async () => {
    const r = await t.app.inject({ url: '/api/clientes/999999', headers: { cookie: lectura } });
    expect(r.statusCode).toBe(404);
    expect(cuerpo(r).title).toBe('El cliente 999999 no existe');
    expect((await t.app.inject({ url: '/api/clientes/abc', headers: { cookie: lectura } })).statusCode).toBe(400);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/clientes/424242/archivar', headers: { cookie: comercial } }))
        .statusCode,
    ).toBe(404);
  });

  it('la ficha trae al cliente y sus equipos', async () => {
    const id = await crearCliente(t.db.db, { nombre: 'Agrícola El Triunfo' });
    await crearEquipo(t.db.db, id, { tipo: 'tractor', marca: 'John Deere' });
    await crearEquipo(t.db.db, id, { tipo: 'cosechadora', marca: 'Claas', modelo: 'Tucano 570' });
    const r = await t.app.inject({ url: `/api/clientes/${id}/ficha`, headers: { cookie: tecnico } });
    expect(r.statusCode).toBe(200);
    const f = cuerpo(r);
    expect(f.cliente.nombre).toBe('Agrícola El Triunfo');
    expect(f.equipos.map((e: { marca: string }) => e.marca).sort()).toEqual(['Claas', 'John Deere']);
  });
});

describe('buscar y filtrar', () => {
  let ids: Record<string, number>;
  beforeAll(async () => {
    ids = {
      robles: await crearCliente(t.db.db, {
        nombre: 'Sociedad Agrícola Peñaflor SpA',
        comuna: 'Talca',
        region: 'Maule',
        codigo_comuna: '07101',
        telefono: '+56955501234',
        email: 'contacto@penaflor.cl',
        rut: '9876543-3',
      }),
      maria: await crearCliente(t.db.db, {
        nombre: 'María José Núñez Saavedra',
        comuna: 'Temuco',
        region: 'La Araucanía',
        codigo_comuna: '09101',
      }),
      archivado: await crearCliente(t.db.db, { nombre: 'Peñaflor Archivada', archivado: true }),
    };
    await crearEquipo(t.db.db, ids.maria!, { tipo: 'pulverizador', marca: 'Kubota' });
  });

  const buscar = async (qs: string) =>
    cuerpo(await t.app.inject({ url: `/api/clientes?${qs}`, headers: { cookie: lectura } }));
  const nombres = (r: { items: { nombre: string }[] }) => r.items.map((i) => i.nombre);

  it('sin tildes ni mayúsculas', async () => {
    expect(nombres(await buscar('q=penaflor'))).toContain('Sociedad Agrícola Peñaflor SpA');
    expect(nombres(await buscar('q=NUNEZ'))).toEqual(['María José Núñez Saavedra']);
  });

  it('tolera un error de tipeo', async () => {
    expect(nombres(await buscar('q=saavedar'))).toContain('María José Núñez Saavedra');
    expect(nombres(await buscar('q=penaflr'))).toContain('Sociedad Agrícola Peñaflor SpA');
  });

  it('por RUT en cualquier formato, teléfono, email y comuna', async () => {
    for (const q of ['9.876.543-3', '98765433', '9876543', '9 5550 1234', 'contacto@penaflor', 'talca']) {
      expect(nombres(await buscar(`q=${encodeURIComponent(q)}`)), q).toContain('Sociedad Agrícola Peñaflor SpA');
    }
  });

  it('filtra por región, comuna, equipo y activo; oculta archivados', async () => {
    expect(nombres(await buscar('region=maule'))).toEqual(['Sociedad Agrícola Peñaflor SpA']);
    expect(nombres(await buscar('comuna=temuco'))).toEqual(['María José Núñez Saavedra']);
    expect(nombres(await buscar('tipo_equipo=pulverizador&marca_equipo=kubota'))).toEqual([
      'María José Núñez Saavedra',
    ]);
    expect(nombres(await buscar('q=penaflor&activo=true'))).toEqual([]);
    expect(nombres(await buscar('q=penaflor'))).not.toContain('Peñaflor Archivada');
    expect((await buscar('region=Narnia')).total).toBe(0);
  });

  it('pagina con total y ordena', async () => {
    const todos = await buscar('limit=200&orden=nombre');
    const primera = await buscar('limit=2&offset=0&orden=nombre');
    const segunda = await buscar('limit=2&offset=2&orden=nombre');
    expect(primera.total).toBe(todos.total);
    expect([...nombres(primera), ...nombres(segunda)]).toEqual(nombres(todos).slice(0, 4));
    const desc = await buscar('limit=200&orden=-nombre');
    expect(nombres(desc)).toEqual([...nombres(todos)].reverse());
  });

  it('rechaza filtros desconocidos o fuera de rango con 400', async () => {
    expect((await t.app.inject({ url: '/api/clientes?limit=5000', headers: { cookie: lectura } })).statusCode).toBe(
      400,
    );
    expect((await t.app.inject({ url: '/api/clientes?orden=secreto', headers: { cookie: lectura } })).statusCode).toBe(
      400,
    );
    expect((await t.app.inject({ url: '/api/clientes?color=rojo', headers: { cookie: lectura } })).statusCode).toBe(
      400,
    );
  });
});
