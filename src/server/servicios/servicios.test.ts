import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { crearCliente } from '../../../test/fabricas.ts';

let t: AppDePrueba;
let comercial: string;
let tecnico: string;
let lectura: string;
beforeAll(async () => {
  t = await crearAppDePrueba();
  comercial = await t.sesion('comercial');
  tecnico = await t.sesion('tecnico');
  lectura = await t.sesion('lectura');
});
afterAll(() => t.cerrar());

const enviar = (method: 'POST' | 'PATCH', url: string, payload: object, cookie = comercial) =>
  t.app.inject({ method, url, payload, headers: { cookie } });
const metricas = (id: number) =>
  t.db.db.selectFrom('metricas_clientes').selectAll().where('id_cliente', '=', id).executeTakeFirstOrThrow();

describe('equipos y horómetro', () => {
  it('registra un equipo con su lectura inicial y guarda el historial de lecturas', async () => {
    const id = await crearCliente(t.db.db);
    const r = await enviar(
      'POST',
      '/api/equipos',
      {
        id_cliente: id,
        tipo: 'tractor',
        marca: 'John Deere',
        modelo: '6130J',
        anio: 2019,
        numero_serie: 'JD6130-0001',
        horometro: 1200,
        fecha_horometro: '2026-01-10',
      },
      tecnico,
    );
    expect(r.statusCode).toBe(201);
    const e = cuerpo(r);
    expect(e).toMatchObject({ marca: 'John Deere', horometro: 1200, fecha_horometro: '2026-01-10', version: 1 });
    const l = await enviar(
      'POST',
      `/api/equipos/${e.id_equipo}/lecturas`,
      { fecha: '2026-06-10', horas: 1500 },
      tecnico,
    );
    expect(l.statusCode).toBe(201);
    expect(cuerpo(l).lecturas.map((x: { horas: number }) => x.horas)).toEqual([1200, 1500]);
    expect(cuerpo(l).horometro).toBe(1500);
    const baja = await enviar(
      'POST',
      `/api/equipos/${e.id_equipo}/lecturas`,
      { fecha: '2026-07-01', horas: 1400 },
      tecnico,
    );
    expect(baja.statusCode).toBe(422);
    expect(cuerpo(baja).errors[0].mensaje).toBe('El horómetro no puede bajar: el 2026-06-10 ya marcaba 1500 h.');
    expect((await metricas(id)).cantidad_equipos).toBe(1);
    expect(
      cuerpo(await t.app.inject({ url: `/api/equipos/${e.id_equipo}`, headers: { cookie: lectura } }))
        .proxima_mantencion.motivo,
    ).not.toBeNull();
  });

  it('un número de serie repetido es 409', async () => {
    const id = await crearCliente(t.db.db);
    await enviar('POST', '/api/equipos', {
      id_cliente: id,
      tipo: 'cosechadora',
      marca: 'Claas',
      numero_serie: 'CL-REP-1',
    });
    const r = await enviar('POST', '/api/equipos', {
      id_cliente: id,
      tipo: 'cosechadora',
      marca: 'Claas',
      numero_serie: 'CL-REP-1',
    });
    expect(r.statusCode).toBe(409);
    expect(cuerpo(r).errors[0].campo).toBe('numero_serie');
  });
});

describe('órdenes, pedidos y cotizaciones', () => {
  it('el equipo de otro cliente en una orden es 422', async () => {
    const a = await crearCliente(t.db.db);
    const b = await crearCliente(t.db.db);
    const eq = cuerpo(await enviar('POST', '/api/equipos', { id_cliente: a, tipo: 'tractor', marca: 'Kubota' }));
    const r = await enviar('POST', '/api/ordenes', {
      id_cliente: b,
      id_equipo: eq.id_equipo,
      tipo: 'correctiva',
      fecha_ingreso: '2026-10-01',
    });
    expect(r.statusCode).toBe(422);
    expect(cuerpo(r).errors).toEqual([
      { campo: 'id_equipo', mensaje: `El equipo ${eq.id_equipo} no es de este cliente.` },
    ]);
  });

  it('solo las órdenes completadas suman valor; completar pone fecha de cierre y actualiza métricas y actividad', async () => {
    const id = await crearCliente(t.db.db);
    const abierta = cuerpo(
      await enviar(
        'POST',
        '/api/ordenes',
        { id_cliente: id, tipo: 'preventiva', fecha_ingreso: '2026-10-01', monto_total: 800_000 },
        tecnico,
      ),
    );
    expect(abierta).toMatchObject({ estado: 'abierta', fecha_cierre: null });
    expect((await metricas(id)).valor_cliente).toBe(0);
    expect((await metricas(id)).cantidad_mantenciones_solicitadas).toBe(1);
    const cerrada = await enviar(
      'PATCH',
      `/api/ordenes/${abierta.id_orden}`,
      { estado: 'entregada', version: 1 },
      tecnico,
    );
    expect(cerrada.statusCode).toBe(200);
    expect(cuerpo(cerrada).fecha_cierre).not.toBeNull();
    expect((await metricas(id)).valor_cliente).toBe(800_000);
    const c = await t.db.db
      .selectFrom('clientes')
      .select('activo')
      .where('id_cliente', '=', id)
      .executeTakeFirstOrThrow();
    expect(c.activo).toBe(true);
    const vieja = await enviar('PATCH', `/api/ordenes/${abierta.id_orden}`, { monto_total: 1, version: 1 }, tecnico);
    expect(vieja.statusCode).toBe(409);
    expect(
      (await enviar('PATCH', `/api/ordenes/${abierta.id_orden}`, { fecha_cierre: '2026-09-01', version: 2 }, tecnico))
        .statusCode,
    ).toBe(422);
  });

  it('el pedido toma su monto de los ítems; un monto que no cuadra es 422; entregado suma valor', async () => {
    const id = await crearCliente(t.db.db);
    const items = [
      { codigo: 'RE504836', descripcion: 'Filtro de aceite', cantidad: 2, precio: 18_990 },
      { codigo: 'AL221050', descripcion: 'Filtro de aire', cantidad: 1, precio: 45_500 },
    ];
    const p = await enviar('POST', '/api/pedidos', { id_cliente: id, fecha: '2026-10-05', estado: 'entregado', items });
    expect(p.statusCode).toBe(201);
    expect(cuerpo(p)).toMatchObject({ monto_total: 83_480, estado: 'entregado' });
    expect(cuerpo(p).fecha_entrega).not.toBeNull();
    expect((await metricas(id)).valor_cliente).toBe(83_480);
    const mal = await enviar('POST', '/api/pedidos', { id_cliente: id, fecha: '2026-10-05', items, monto_total: 1 });
    expect(mal.statusCode).toBe(422);
    expect(cuerpo(mal).errors[0].campo).toBe('monto_total');
    expect(
      (await enviar('POST', '/api/pedidos', { id_cliente: id, fecha: '2026-10-05', monto_total: 10.5 })).statusCode,
    ).toBe(400);
  });

  it('una cotización enlaza una orden del mismo cliente; aceptarla pone fecha de resolución', async () => {
    const a = await crearCliente(t.db.db);
    const b = await crearCliente(t.db.db);
    const orden = cuerpo(
      await enviar('POST', '/api/ordenes', { id_cliente: a, tipo: 'correctiva', fecha_ingreso: '2026-10-01' }),
    );
    expect(
      (await enviar('POST', '/api/cotizaciones', { id_cliente: b, fecha: '2026-10-01', id_orden: orden.id_orden }))
        .statusCode,
    ).toBe(422);
    const q = cuerpo(
      await enviar('POST', '/api/cotizaciones', {
        id_cliente: a,
        numero: 'COT-77',
        fecha: '2026-10-01',
        fecha_vencimiento: '2026-10-31',
        monto_total: 2_000_000,
        id_orden: orden.id_orden,
      }),
    );
    expect(q).toMatchObject({ estado: 'pendiente', fecha_resolucion: null, cliente: expect.any(String) });
    const ok = cuerpo(
      await enviar('PATCH', `/api/cotizaciones/${q.id_cotizacion}`, { estado: 'aceptada', version: 1 }),
    );
    expect(ok.estado).toBe('aceptada');
    expect(ok.fecha_resolucion).not.toBeNull();
    const dup = await enviar('POST', '/api/cotizaciones', { id_cliente: a, numero: 'COT-77', fecha: '2026-10-02' });
    expect(dup.statusCode).toBe(409);
    expect(
      (
        await enviar('POST', '/api/cotizaciones', {
          id_cliente: a,
          fecha: '2026-10-02',
          fecha_vencimiento: '2026-09-01',
        })
      ).statusCode,
    ).toBe(422);
  });

  it('lista con filtros y total; lectura no escribe', async () => {
    const id = await crearCliente(t.db.db);
    await enviar('POST', '/api/ordenes', { id_cliente: id, tipo: 'garantia', fecha_ingreso: '2026-02-01' });
    await enviar('POST', '/api/ordenes', {
      id_cliente: id,
      tipo: 'preventiva',
      fecha_ingreso: '2026-03-01',
      estado: 'terminada',
    });
    const r = cuerpo(
      await t.app.inject({ url: `/api/ordenes?id_cliente=${id}&estado=terminada`, headers: { cookie: lectura } }),
    );
    expect(r.total).toBe(1);
    expect(r.items[0].tipo).toBe('preventiva');
    expect(
      (await enviar('POST', '/api/ordenes', { id_cliente: id, tipo: 'garantia', fecha_ingreso: '2026-02-01' }, lectura))
        .statusCode,
    ).toBe(403);
    expect((await enviar('POST', '/api/pedidos', { id_cliente: id, fecha: '2026-02-01' }, tecnico)).statusCode).toBe(
      403,
    );
  });
});
