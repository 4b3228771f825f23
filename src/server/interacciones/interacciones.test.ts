import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { crearCliente } from '../../../test/fabricas.ts';
import { fechaEnSantiago, hoyEnSantiago } from '../../shared/formato.ts';
import { restarMeses } from '../../shared/actividad.ts';

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

const registrar = (id: number, payload: object, cookie = comercial) =>
  t.app.inject({ method: 'POST', url: `/api/clientes/${id}/interacciones`, payload, headers: { cookie } });

const sumarDias = (fecha: string, dias: number) =>
  new Date(Date.parse(`${fecha}T12:00:00Z`) + dias * 86_400_000).toISOString().slice(0, 10);

describe('registrar interacciones', () => {
  it('actualiza último contacto, activo y métricas en la misma transacción', async () => {
    const id = await crearCliente(t.db.db);
    const fecha = new Date(Date.now() - 3_600_000).toISOString();
    const r = await registrar(
      id,
      { tipo: 'llamada', fecha, motivo: 'Consulta por mantención', resultado: 'Agenda visita' },
      tecnico,
    );
    expect(r.statusCode).toBe(201);
    expect(cuerpo(r)).toMatchObject({
      tipo: 'llamada',
      motivo: 'Consulta por mantención',
      usuario: 'Usuario tecnico',
      origen: 'manual',
    });
    const c = await t.db.db
      .selectFrom('clientes')
      .select(['ultimo_contacto', 'activo'])
      .where('id_cliente', '=', id)
      .executeTakeFirstOrThrow();
    expect(c.activo).toBe(true);
    expect(c.ultimo_contacto?.toISOString()).toBe(fecha);
    const m = await t.db.db
      .selectFrom('metricas_clientes')
      .selectAll()
      .where('id_cliente', '=', id)
      .executeTakeFirstOrThrow();
    // An hour ago is yesterday in Santiago between 00:00 and 01:00.
    const dias = (Date.parse(hoyEnSantiago()) - Date.parse(fechaEnSantiago(fecha))) / 86_400_000;
    expect(m).toMatchObject({ cantidad_interacciones_ultimo_anio: 1, dias_desde_ultima_interaccion: dias });
    expect(m.ultima_interaccion?.toISOString()).toBe(fecha);
  });

  it('si algo falla nada queda escrito: ni la interacción ni el último contacto', async () => {
    const id = await crearCliente(t.db.db);
    const r = await registrar(id, {
      tipo: 'visita',
      motivo: 'Visita',
      seguimiento_requerido: true,
      fecha_seguimiento: '2030-01-01',
      id_responsable_seguimiento: 99999,
    });
    expect(r.statusCode).toBe(422);
    expect(cuerpo(r).errors[0].campo).toBe('id_responsable_seguimiento');
    const n = await t.db.db
      .selectFrom('interacciones_cliente')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('id_cliente', '=', id)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
    const c = await t.db.db
      .selectFrom('clientes')
      .select('ultimo_contacto')
      .where('id_cliente', '=', id)
      .executeTakeFirstOrThrow();
    expect(c.ultimo_contacto).toBeNull();
  });

  it('una orden de otro cliente es 422', async () => {
    const duenio = await crearCliente(t.db.db);
    const otro = await crearCliente(t.db.db);
    const { id_orden } = await t.db.db
      .insertInto('ordenes_trabajo')
      .values({ id_cliente: duenio, tipo: 'preventiva', estado: 'abierta', fecha_ingreso: '2026-11-01' })
      .returning('id_orden')
      .executeTakeFirstOrThrow();
    const r = await registrar(otro, { tipo: 'llamada', motivo: 'Aviso de orden', id_orden });
    expect(r.statusCode).toBe(422);
    expect(cuerpo(r).errors).toEqual([{ campo: 'id_orden', mensaje: `La orden ${id_orden} no es de este cliente.` }]);
    expect((await registrar(duenio, { tipo: 'llamada', motivo: 'Aviso de orden', id_orden })).statusCode).toBe(201);
  });

  it('un pedido de otro cliente es 422', async () => {
    const duenio = await crearCliente(t.db.db);
    const otro = await crearCliente(t.db.db);
    const { id_pedido } = await t.db.db
      .insertInto('pedidos_repuestos')
      .values({ id_cliente: duenio, fecha: '2026-11-01', estado: 'pendiente' })
      .returning('id_pedido')
      .executeTakeFirstOrThrow();
    const r = await registrar(otro, { tipo: 'whatsapp', motivo: 'Pedido', id_pedido });
    expect(r.statusCode).toBe(422);
    expect(cuerpo(r).errors[0].campo).toBe('id_pedido');
  });

  it('un seguimiento sin fecha es 422', async () => {
    const id = await crearCliente(t.db.db);
    const r = await registrar(id, { tipo: 'llamada', motivo: 'Llamar de nuevo', seguimiento_requerido: true });
    expect(r.statusCode).toBe(422);
    expect(cuerpo(r).errors).toEqual([{ campo: 'fecha_seguimiento', mensaje: 'Indique la fecha del seguimiento.' }]);
  });

  it('tipo desconocido, motivo vacío o fecha mal escrita son 400', async () => {
    const id = await crearCliente(t.db.db);
    for (const payload of [
      { tipo: 'fax', motivo: 'x' },
      { tipo: 'llamada', motivo: '' },
      { tipo: 'llamada', motivo: 'x', fecha: '24-11-2026' },
    ]) {
      expect((await registrar(id, payload)).statusCode).toBe(400);
    }
  });

  it('lectura no registra (403); cliente inexistente es 404', async () => {
    const id = await crearCliente(t.db.db);
    expect((await registrar(id, { tipo: 'llamada', motivo: 'x' }, lectura)).statusCode).toBe(403);
    expect((await registrar(987654, { tipo: 'llamada', motivo: 'x' })).statusCode).toBe(404);
  });
});

describe('mis seguimientos', () => {
  it('separa vencidos, de hoy y próximos; completar lo saca de la bandeja', async () => {
    const hoy = hoyEnSantiago();
    const id = await crearCliente(t.db.db, { nombre: 'Fundo Seguimiento' });
    const vencido = cuerpo(
      await registrar(id, {
        tipo: 'llamada',
        motivo: 'Vencido',
        seguimiento_requerido: true,
        fecha_seguimiento: sumarDias(hoy, -2),
      }),
    );
    const deHoy = cuerpo(
      await registrar(id, { tipo: 'llamada', motivo: 'Hoy', seguimiento_requerido: true, fecha_seguimiento: hoy }),
    );
    await registrar(id, {
      tipo: 'visita',
      motivo: 'Mañana',
      seguimiento_requerido: true,
      fecha_seguimiento: sumarDias(hoy, 1),
    });
    const bandeja = cuerpo(await t.app.inject({ url: '/api/seguimientos', headers: { cookie: comercial } }));
    expect(bandeja.vencidos.map((s: { motivo: string }) => s.motivo)).toEqual(['Vencido']);
    expect(bandeja.de_hoy.map((s: { motivo: string }) => s.motivo)).toEqual(['Hoy']);
    expect(bandeja.proximos.map((s: { motivo: string }) => s.motivo)).toEqual(['Mañana']);
    expect(bandeja.vencidos[0].cliente).toBe('Fundo Seguimiento');
    expect(cuerpo(await t.app.inject({ url: '/api/seguimientos/resumen', headers: { cookie: comercial } }))).toEqual({
      vencidos: 1,
      hoy: 1,
    });

    const hecho = await t.app.inject({
      method: 'POST',
      url: `/api/seguimientos/${deHoy.id_interaccion}/completar`,
      payload: { resultado: 'Llamado, todo bien' },
      headers: { cookie: comercial },
    });
    expect(hecho.statusCode).toBe(200);
    expect(cuerpo(hecho).seguimiento_completado_en).not.toBeNull();
    const otraVez = await t.app.inject({
      method: 'POST',
      url: `/api/seguimientos/${deHoy.id_interaccion}/completar`,
      payload: {},
      headers: { cookie: comercial },
    });
    expect(otraVez.statusCode).toBe(409);

    const reprog = await t.app.inject({
      method: 'POST',
      url: `/api/seguimientos/${vencido.id_interaccion}/reprogramar`,
      payload: { fecha_seguimiento: sumarDias(hoy, 3) },
      headers: { cookie: comercial },
    });
    expect(cuerpo(reprog).fecha_seguimiento).toBe(sumarDias(hoy, 3));
    expect(cuerpo(await t.app.inject({ url: '/api/seguimientos/resumen', headers: { cookie: comercial } }))).toEqual({
      vencidos: 0,
      hoy: 0,
    });
  });

  it('reasignar lo mueve a la bandeja de otro usuario; un técnico no toca seguimientos ajenos', async () => {
    const id = await crearCliente(t.db.db);
    const s = cuerpo(
      await registrar(id, {
        tipo: 'llamada',
        motivo: 'Reasignable',
        seguimiento_requerido: true,
        fecha_seguimiento: hoyEnSantiago(),
      }),
    );
    const ajeno = await t.app.inject({
      method: 'POST',
      url: `/api/seguimientos/${s.id_interaccion}/completar`,
      payload: {},
      headers: { cookie: tecnico },
    });
    expect(ajeno.statusCode).toBe(403);
    const idTecnico = cuerpo(await t.app.inject({ url: '/api/auth/me', headers: { cookie: tecnico } })).usuario
      .id_usuario;
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/seguimientos/${s.id_interaccion}/reasignar`,
      payload: { id_usuario: idTecnico },
      headers: { cookie: comercial },
    });
    expect(cuerpo(r).responsable_seguimiento).toBe('Usuario tecnico');
    const bandeja = cuerpo(await t.app.inject({ url: '/api/seguimientos', headers: { cookie: tecnico } }));
    expect(bandeja.de_hoy.map((x: { motivo: string }) => x.motivo)).toContain('Reasignable');
  });
});

describe('historia del cliente', () => {
  it('mezcla interacciones, órdenes, pedidos, cotizaciones y encuestas, la más reciente primero, paginada y filtrable', async () => {
    const id = await crearCliente(t.db.db);
    await t.db.db
      .insertInto('ordenes_trabajo')
      .values({
        id_cliente: id,
        numero: 'OT-1',
        tipo: 'preventiva',
        estado: 'entregada',
        fecha_ingreso: '2026-03-10',
        monto_total: 900_000,
      })
      .execute();
    await t.db.db
      .insertInto('pedidos_repuestos')
      .values({ id_cliente: id, numero: 'P-1', fecha: '2026-05-02', estado: 'entregado', monto_total: 80_000 })
      .execute();
    await t.db.db
      .insertInto('cotizaciones')
      .values({ id_cliente: id, numero: 'C-1', fecha: '2026-06-15', estado: 'pendiente', monto_total: 1_500_000 })
      .execute();
    await t.db.db
      .insertInto('encuestas_satisfaccion')
      .values({ id_cliente: id, fecha: '2026-04-01', puntuacion_general: 6, estado: 'respondida' })
      .execute();
    await t.db.db
      .insertInto('interacciones_cliente')
      .values({ id_cliente: id, fecha: new Date('2026-07-01T15:00:00Z'), tipo: 'visita', motivo: 'Visita a terreno' })
      .execute();
    await t.db.db
      .insertInto('interacciones_cliente')
      .values({ id_cliente: id, fecha: new Date('2026-01-20T15:00:00Z'), tipo: 'llamada', motivo: 'Primera llamada' })
      .execute();

    const ver = async (qs: string) =>
      cuerpo(await t.app.inject({ url: `/api/clientes/${id}/timeline?${qs}`, headers: { cookie: lectura } }));
    const todo = await ver('limit=50');
    expect(todo.total).toBe(6);
    expect(todo.items.map((e: { tipo: string }) => e.tipo)).toEqual([
      'interaccion',
      'cotizacion',
      'pedido',
      'encuesta',
      'orden',
      'interaccion',
    ]);
    expect(todo.items[3]).toMatchObject({ titulo: 'Encuesta de satisfacción: 6/10', subtipo: 'detractor' });
    expect(todo.items[4]).toMatchObject({ titulo: 'Orden OT-1 · preventiva', monto: 900_000, estado: 'entregada' });

    const p1 = await ver('limit=4&offset=0');
    const p2 = await ver('limit=4&offset=4');
    expect([...p1.items, ...p2.items].map((e: { id: number; tipo: string }) => `${e.tipo}${e.id}`)).toEqual(
      todo.items.map((e: { id: number; tipo: string }) => `${e.tipo}${e.id}`),
    );
    const soloComercial = await ver('tipo=orden,pedido');
    expect(soloComercial.items.map((e: { tipo: string }) => e.tipo)).toEqual(['pedido', 'orden']);
    expect(
      (await t.app.inject({ url: `/api/clientes/${id}/timeline?tipo=factura`, headers: { cookie: lectura } }))
        .statusCode,
    ).toBe(400);
  });

  it('frecuencia: 24 meses por tipo, cadencia habitual y días sin contacto', async () => {
    const id = await crearCliente(t.db.db);
    const hoy = hoyEnSantiago();
    // Contactos cada 30 días, el último hace 90 días.
    for (const dias of [90, 120, 150, 180]) {
      await t.db.db
        .insertInto('interacciones_cliente')
        .values({
          id_cliente: id,
          fecha: new Date(`${sumarDias(hoy, -dias)}T15:00:00Z`),
          tipo: dias === 90 ? 'visita' : 'llamada',
          motivo: 'Contacto',
        })
        .execute();
    }
    const f = cuerpo(await t.app.inject({ url: `/api/clientes/${id}/frecuencia`, headers: { cookie: lectura } }));
    expect(f.meses).toHaveLength(24);
    expect(f.meses.at(-1).mes).toBe(hoy.slice(0, 7));
    expect(f.meses[0].mes).toBe(restarMeses(hoy, 23).slice(0, 7));
    expect(f.total_24_meses).toBe(4);
    expect(f.meses.reduce((s: number, m: { visita: number }) => s + m.visita, 0)).toBe(1);
    expect(f.cadencia_habitual_dias).toBe(30);
    expect(f.dias_promedio_entre_contactos).toBe(30);
    expect(f.dias_sin_contacto).toBe(90);
    expect(f.atrasado).toBe(true);
  });
});
