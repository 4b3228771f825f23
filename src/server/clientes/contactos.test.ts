import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { crearCliente, rutValido } from '../../../test/fabricas.ts';
import { csv } from '../importacion/pruebas.ts';

let t: AppDePrueba;
let comercial: string;
let lectura: string;
let idCliente: number;

beforeAll(async () => {
  t = await crearAppDePrueba();
  comercial = await t.sesion('comercial');
  lectura = await t.sesion('lectura');
  idCliente = await crearCliente(t.db.db, { nombre: 'Agrícola Los Robles SpA' });
});
afterAll(() => t.cerrar());

const url = (id = idCliente) => `/api/clientes/${id}/contactos`;
const agregar = (payload: object, cookie = comercial, id = idCliente) =>
  t.app.inject({ method: 'POST', url: url(id), payload, headers: { cookie } });
const listar = async (id = idCliente) =>
  cuerpo(await t.app.inject({ url: url(id), headers: { cookie: lectura } })).items as {
    id_contacto: number;
    nombre: string;
    principal: boolean;
    cargo: string | null;
  }[];
const auditoria = (entidad: string) =>
  t.db.db
    .selectFrom('auditoria')
    .select(['accion', 'id_entidad', 'id_cliente', 'detalle'])
    .where('entidad', '=', entidad)
    .orderBy('id_auditoria')
    .execute();
const detalleDe = (d: unknown) => (typeof d === 'string' ? JSON.parse(d) : d) as Record<string, any>;

describe('personas de contacto del cliente', () => {
  it('agrega al dueño con teléfono E.164 y email en minúsculas, y lo audita', async () => {
    const r = await agregar({
      nombre: '  Juan  Pérez ',
      cargo: 'Dueño',
      telefono: '9 8765 4321',
      email: 'Juan@LosRobles.CL',
      notas: 'Solo en la mañana',
      principal: true,
    });
    expect(r.statusCode).toBe(201);
    expect(cuerpo(r)).toMatchObject({
      id_cliente: idCliente,
      nombre: 'Juan Pérez',
      cargo: 'Dueño',
      telefono: '+56987654321',
      email: 'juan@losrobles.cl',
      principal: true,
    });
    const a = await auditoria('contacto_cliente');
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ accion: 'crear', id_cliente: idCliente, id_entidad: String(cuerpo(r).id_contacto) });
  });

  it.each([
    [{ nombre: 'María Soto', telefono: '123' }, 'telefono', 'El teléfono no es válido.'],
    [{ nombre: 'María Soto', email: 'sin-arroba' }, 'email', 'El correo no es válido'],
    [{ nombre: ' M ' }, 'nombre', 'al menos 2 letras'],
  ])('un dato que no cumple las reglas es 422 en español que nombra el campo (%#)', async (payload, campo, texto) => {
    const antes = (await listar()).length;
    const r = await agregar(payload);
    expect(r.statusCode).toBe(422);
    const p = cuerpo(r);
    expect(p.errors).toHaveLength(1);
    expect(p.errors[0].campo).toBe(campo);
    expect(p.errors[0].mensaje).toContain(texto);
    expect(await listar()).toHaveLength(antes);
  });

  it('una forma incorrecta es 400 que nombra el campo', async () => {
    const r = await agregar({ nombre: 'Pedro', rut: '1-9' });
    expect(r.statusCode).toBe(400);
    expect(cuerpo(r).errors.some((e: { campo: string }) => e.campo.includes('rut'))).toBe(true);
    const sinNombre = await agregar({ cargo: 'Administrador' });
    expect(sinNombre.statusCode).toBe(400);
    expect(cuerpo(sinNombre).errors[0].campo).toBe('nombre');
  });

  it('marcar otro como principal desmarca al anterior; el principal va primero', async () => {
    const r = await agregar({
      nombre: 'Ana Muñoz',
      cargo: 'Administrador',
      telefono: '+56 9 1111 2222',
      principal: true,
    });
    expect(r.statusCode).toBe(201);
    const lista = await listar();
    expect(lista.map((c) => [c.nombre, c.principal])).toEqual([
      ['Ana Muñoz', true],
      ['Juan Pérez', false],
    ]);
  });

  it('editar cambia solo lo enviado y audita el cambio; un contacto de otro cliente es 404', async () => {
    const ana = (await listar()).find((c) => c.nombre === 'Ana Muñoz')!;
    const r = await t.app.inject({
      method: 'PATCH',
      url: `${url()}/${ana.id_contacto}`,
      payload: { cargo: 'Administradora', telefono: '' },
      headers: { cookie: comercial },
    });
    expect(r.statusCode).toBe(200);
    expect(cuerpo(r)).toMatchObject({ nombre: 'Ana Muñoz', cargo: 'Administradora', telefono: null, principal: true });
    const editar = (await auditoria('contacto_cliente')).filter((a) => a.accion === 'editar');
    expect(detalleDe(editar.at(-1)!.detalle).cambios).toEqual({
      cargo: ['Administrador', 'Administradora'],
      telefono: ['+56911112222', null],
    });

    const otro = await crearCliente(t.db.db, { nombre: 'Otro fundo' });
    const ajeno = await t.app.inject({
      method: 'PATCH',
      url: `${url(otro)}/${ana.id_contacto}`,
      payload: { cargo: 'X' },
      headers: { cookie: comercial },
    });
    expect(ajeno.statusCode).toBe(404);
    const malo = await t.app.inject({
      method: 'PATCH',
      url: `${url()}/${ana.id_contacto}`,
      payload: { telefono: 'abc' },
      headers: { cookie: comercial },
    });
    expect(malo.statusCode).toBe(422);
    expect(cuerpo(malo).errors[0]).toMatchObject({ campo: 'telefono' });
  });

  it('eliminar quita al contacto y deja en la auditoría quién era', async () => {
    const juan = (await listar()).find((c) => c.nombre === 'Juan Pérez')!;
    const r = await t.app.inject({
      method: 'DELETE',
      url: `${url()}/${juan.id_contacto}`,
      headers: { cookie: comercial },
    });
    expect(r.statusCode).toBe(204);
    expect((await listar()).map((c) => c.nombre)).toEqual(['Ana Muñoz']);
    const eliminar = (await auditoria('contacto_cliente')).filter((a) => a.accion === 'eliminar');
    expect(detalleDe(eliminar[0]!.detalle).datos).toEqual({ nombre: 'Juan Pérez', cargo: 'Dueño' });
  });

  it('el rol lectura ve los contactos pero no los cambia; un cliente inexistente es 404', async () => {
    expect((await agregar({ nombre: 'Intruso' }, lectura)).statusCode).toBe(403);
    expect((await t.app.inject({ url: url(), headers: { cookie: lectura } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: url(999_999), headers: { cookie: lectura } })).statusCode).toBe(404);
    expect((await agregar({ nombre: 'Nadie' }, comercial, 999_999)).statusCode).toBe(404);
  });
});

describe('preferencias de contacto del cliente', () => {
  const editar = async (payload: object) => {
    const { version } = await t.db.db
      .selectFrom('clientes')
      .select('version')
      .where('id_cliente', '=', idCliente)
      .executeTakeFirstOrThrow();
    return t.app.inject({
      method: 'PATCH',
      url: `/api/clientes/${idCliente}`,
      payload: { ...payload, version },
      headers: { cookie: comercial },
    });
  };

  it('canal preferido, horario y notas de idioma van y vuelven (cliente y ficha), con el horario en forma canónica', async () => {
    const r = await editar({
      canal_preferido: 'whatsapp',
      horario_contacto: 'Lunes a viernes 8 a 13; sab 9-12:30',
      notas_idioma: 'Habla mapudungun; prefiere que le escriban',
    });
    expect(r.statusCode).toBe(200);
    const esperado = {
      canal_preferido: 'whatsapp',
      horario_contacto: 'lun-vie 08:00-13:00; sáb 09:00-12:30',
      notas_idioma: 'Habla mapudungun; prefiere que le escriban',
    };
    expect(cuerpo(r)).toMatchObject(esperado);
    const cliente = cuerpo(await t.app.inject({ url: `/api/clientes/${idCliente}`, headers: { cookie: lectura } }));
    expect(cliente).toMatchObject(esperado);
    const ficha = cuerpo(await t.app.inject({ url: `/api/clientes/${idCliente}/ficha`, headers: { cookie: lectura } }));
    expect(ficha.cliente).toMatchObject(esperado);
    const a = await t.db.db
      .selectFrom('auditoria')
      .select('detalle')
      .where('entidad', '=', 'cliente')
      .where('accion', '=', 'editar')
      .orderBy('id_auditoria', 'desc')
      .executeTakeFirstOrThrow();
    expect(detalleDe(a.detalle).cambios.canal_preferido).toEqual([null, 'whatsapp']);
  });

  it('un horario ilegible es 422 sobre horario_contacto y un canal desconocido es 400', async () => {
    const h = await editar({ horario_contacto: 'cuando pueda' });
    expect(h.statusCode).toBe(422);
    expect(cuerpo(h).errors[0]).toMatchObject({ campo: 'horario_contacto' });
    expect(cuerpo(h).errors[0].mensaje).toContain('lun-vie 08:00-13:00');
    const c = await editar({ canal_preferido: 'paloma' });
    expect(c.statusCode).toBe(400);
    expect(cuerpo(c).errors[0].campo).toContain('canal_preferido');
  });

  it('vaciar las preferencias las deja en null', async () => {
    const r = await editar({ canal_preferido: null, horario_contacto: '', notas_idioma: '  ' });
    expect(r.statusCode).toBe(200);
    expect(cuerpo(r)).toMatchObject({ canal_preferido: null, horario_contacto: null, notas_idioma: null });
  });

  it('se importan y exportan con la planilla de clientes (CSV)', async () => {
    const rut = rutValido();
    const archivo = csv([
      ['Nombre', 'RUT', 'Canal preferido', 'Horario', 'Idioma'],
      ['Fundo Las Vertientes', rut, 'wsp', 'lunes a viernes 9 a 12', 'Habla mapudungun'],
    ]);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/importaciones?entidad=clientes',
      payload: archivo,
      headers: { cookie: comercial, 'content-type': 'text/csv', accept: 'application/json' },
    });
    expect(r.statusCode, r.body).toBe(201);
    const fila = await t.db.db
      .selectFrom('clientes')
      .select(['canal_preferido', 'horario_contacto', 'notas_idioma'])
      .where('rut', '=', rut)
      .executeTakeFirstOrThrow();
    expect(fila).toEqual({
      canal_preferido: 'whatsapp',
      horario_contacto: 'lun-vie 09:00-12:00',
      notas_idioma: 'Habla mapudungun',
    });

    const malo = await t.app.inject({
      method: 'POST',
      url: '/api/importaciones/validar?entidad=clientes',
      payload: csv([
        ['Nombre', 'RUT', 'Horario'],
        ['Fundo Malo', rutValido(), 'cuando pueda'],
      ]),
      headers: { cookie: comercial, 'content-type': 'text/csv' },
    });
    expect(cuerpo(malo)).toMatchObject({ con_errores: 1 });

    const exportado = await t.app.inject({ url: '/api/exportar/clientes?formato=csv', headers: { cookie: comercial } });
    expect(exportado.statusCode).toBe(200);
    const lineas = exportado.body.split('\r\n');
    expect(lineas[0]).toContain('Canal preferido;Horario de contacto;Idioma y trato');
    expect(lineas.find((l) => l.startsWith('Fundo Las Vertientes'))).toContain('lun-vie 09:00-12:00;Habla mapudungun');
  });
});
