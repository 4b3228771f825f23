import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { crearCliente, crearEquipo } from '../../../test/fabricas.ts';
import { recalcularMetricas } from './metricas.ts';
import { recalcularValor } from './valor.ts';
import { verificarMetricas } from './verificar.ts';

let t: AppDePrueba;
let comercial: string;
beforeAll(async () => {
  t = await crearAppDePrueba();
  comercial = await t.sesion('comercial');
});
afterAll(() => t.cerrar());

const orden = (id: number, estado: 'abierta' | 'terminada' | 'entregada' | 'cancelada', fecha: string, monto: number) =>
  t.db.db
    .insertInto('ordenes_trabajo')
    .values({
      id_cliente: id,
      tipo: 'preventiva',
      estado,
      fecha_ingreso: fecha,
      fecha_cierre: estado === 'abierta' ? null : fecha,
      monto_total: monto,
    })
    .execute();
const pedido = (id: number, estado: 'pendiente' | 'entregado' | 'cancelado', fecha: string, monto: number) =>
  t.db.db
    .insertInto('pedidos_repuestos')
    .values({ id_cliente: id, fecha, estado, fecha_entrega: estado === 'entregado' ? fecha : null, monto_total: monto })
    .execute();
const metricas = (id: number) =>
  t.db.db.selectFrom('metricas_clientes').selectAll().where('id_cliente', '=', id).executeTakeFirstOrThrow();

describe('metricas_clientes', () => {
  it('valor_cliente suma solo órdenes completadas y pedidos entregados', async () => {
    const id = await crearCliente(t.db.db);
    await orden(id, 'terminada', '2024-01-10', 1_000_000);
    await orden(id, 'entregada', '2026-05-10', 500_000);
    await orden(id, 'abierta', '2026-10-10', 9_999_999);
    await orden(id, 'cancelada', '2026-10-11', 8_888_888);
    await pedido(id, 'entregado', '2026-06-01', 70_000);
    await pedido(id, 'pendiente', '2026-06-02', 7_777_777);
    await recalcularMetricas(t.db.db, { ids: [id], hoy: '2026-11-24' });
    expect(await metricas(id)).toMatchObject({
      valor_cliente: 1_570_000,
      valor_ultimo_anio: 570_000,
      cantidad_mantenciones_solicitadas: 4,
      cantidad_pedidos_repuestos: 2,
      cliente_recurrente: true,
    });
  });

  it('cliente_recurrente: 2 o más completados en 12 meses; uno solo, o uno fuera de plazo, no', async () => {
    const uno = await crearCliente(t.db.db);
    await orden(uno, 'entregada', '2026-05-10', 1);
    await orden(uno, 'entregada', '2025-11-24', 1); // justo 12 meses antes: fuera
    const dos = await crearCliente(t.db.db);
    await orden(dos, 'entregada', '2026-05-10', 1);
    await pedido(dos, 'entregado', '2025-11-25', 1);
    await recalcularMetricas(t.db.db, { ids: [uno, dos], hoy: '2026-11-24' });
    expect((await metricas(uno)).cliente_recurrente).toBe(false);
    expect((await metricas(dos)).cliente_recurrente).toBe(true);
  });

  it('la tabla es igual al cálculo desde cero tras una mezcla de eventos, tras el trabajo nocturno y al pasar un día', async () => {
    const local = await crearAppDePrueba();
    try {
      const cookie = await local.sesion('comercial');
      const a = await crearCliente(local.db.db);
      const b = await crearCliente(local.db.db);
      const post = (url: string, payload: object) =>
        local.app.inject({ method: 'POST', url, payload, headers: { cookie } });
      const patch = (url: string, payload: object) =>
        local.app.inject({ method: 'PATCH', url, payload, headers: { cookie } });
      const eq = cuerpo(await post('/api/equipos', { id_cliente: a, tipo: 'tractor', marca: 'Valtra' }));
      const o = cuerpo(
        await post('/api/ordenes', {
          id_cliente: a,
          id_equipo: eq.id_equipo,
          tipo: 'correctiva',
          fecha_ingreso: '2026-10-01',
          monto_total: 300_000,
        }),
      );
      await patch(`/api/ordenes/${o.id_orden}`, { estado: 'entregada', version: 1 });
      await post('/api/pedidos', { id_cliente: b, fecha: '2026-09-01', estado: 'entregado', monto_total: 40_000 });
      await post(`/api/clientes/${a}/interacciones`, { tipo: 'visita', motivo: 'Visita' });
      await post(`/api/clientes/${b}/interacciones`, {
        tipo: 'llamada',
        motivo: 'Llamada',
        fecha: '2025-12-01T12:00:00-03:00',
      });
      await patch(`/api/equipos/${eq.id_equipo}`, { activo: false, version: 1 });
      expect(await verificarMetricas(local.db.db)).toEqual([]);
      await recalcularValor(local.db.db);
      expect(await verificarMetricas(local.db.db)).toEqual([]);
      // A day later the time-dependent columns are stale until the nightly run.
      const manana = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const antes = await verificarMetricas(local.db.db, manana);
      expect(antes.map((d) => d.columna)).toContain('dias');
      await recalcularValor(local.db.db, manana);
      expect(await verificarMetricas(local.db.db, manana)).toEqual([]);
    } finally {
      await local.cerrar();
    }
  });
});

describe('segmentación ABC × potencial', () => {
  it('corta exactamente en el 80 % y el 95 % del valor acumulado', async () => {
    const local = await crearAppDePrueba();
    try {
      const ids: number[] = [];
      for (const valor of [50, 30, 15, 5]) {
        const id = await crearCliente(local.db.db);
        await local.db.db
          .insertInto('ordenes_trabajo')
          .values({
            id_cliente: id,
            tipo: 'preventiva',
            estado: 'entregada',
            fecha_ingreso: '2026-01-01',
            fecha_cierre: '2026-01-01',
            monto_total: valor * 10_000,
          })
          .execute();
        ids.push(id);
      }
      const sinValor = await crearCliente(local.db.db);
      await crearEquipo(local.db.db, sinValor, { tipo: 'cosechadora' });
      await recalcularValor(local.db.db, '2026-11-24');
      const seg = await local.db.db
        .selectFrom('metricas_clientes')
        .select(['id_cliente', 'segmento_abc', 'potencial_alto', 'valor_potencial'])
        .orderBy('id_cliente')
        .execute();
      expect(seg.map((s) => s.segmento_abc)).toEqual(['A', 'A', 'B', 'C', 'C']);
      const cosecha = seg.find((s) => s.id_cliente === sinValor)!;
      expect(cosecha).toMatchObject({ valor_potencial: 6_500_000, potencial_alto: true });

      const cookie = await local.sesion('lectura');
      const r = cuerpo(await local.app.inject({ url: '/api/reportes/segmentos', headers: { cookie } }));
      const a = r.comparacion.find((c: { segmento: string }) => c.segmento === 'A');
      expect(a).toMatchObject({ clientes: 2, valor_total: 800_000, valor_promedio: 400_000 });
      const celdas = r.matriz.reduce((s: number, c: { clientes: number }) => s + c.clientes, 0);
      expect(celdas).toBe(5);
      const lista = cuerpo(await local.app.inject({ url: '/api/clientes?segmento=A', headers: { cookie } }));
      expect(lista.total).toBe(2);
      const ranking = cuerpo(
        await local.app.inject({
          url: '/api/reportes/ranking-valor?desde=2025-11-25&hasta=2026-11-24',
          headers: { cookie },
        }),
      );
      expect(ranking.items.map((i: { valor_historico: number }) => i.valor_historico).slice(0, 4)).toEqual([
        500_000, 300_000, 150_000, 50_000,
      ]);
      expect(ranking.items[0]).toMatchObject({
        posicion: 1,
        segmento_abc: 'A',
        valor_periodo: 500_000,
        valor_periodo_anterior: 0,
      });
    } finally {
      await local.cerrar();
    }
  });
});

describe('potencial y oportunidades', () => {
  it('escala el potencial por las horas de uso y lista oportunidades con su valor', async () => {
    const id = await crearCliente(t.db.db);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/equipos',
      payload: {
        id_cliente: id,
        tipo: 'tractor',
        marca: 'John Deere',
        anio: 2005,
        horometro: 9_000,
        fecha_horometro: '2025-11-01',
      },
      headers: { cookie: comercial },
    });
    const eq = cuerpo(r);
    // 1.200 h/año (el doble de las 600 h de referencia) → potencial 2 × 2.400.000.
    await t.app.inject({
      method: 'POST',
      url: `/api/equipos/${eq.id_equipo}/lecturas`,
      payload: { fecha: '2026-11-01', horas: 10_200 },
      headers: { cookie: comercial },
    });
    // Último servicio hace más de un año a las 9.000 h: 1.200 h después está atrasado.
    const servicio = await t.app.inject({
      method: 'POST',
      url: '/api/ordenes',
      payload: {
        id_cliente: id,
        id_equipo: eq.id_equipo,
        tipo: 'preventiva',
        estado: 'entregada',
        fecha_ingreso: '2025-11-01',
        fecha_cierre: '2025-11-01',
        horometro: 9_000,
      },
      headers: { cookie: comercial },
    });
    expect(servicio.statusCode).toBe(201);
    const v = cuerpo(await t.app.inject({ url: `/api/clientes/${id}/valor`, headers: { cookie: comercial } }));
    expect(v.valor_potencial).toBe(4_800_000);
    expect(v.brecha).toBe(4_800_000);
    expect(v.proyeccion[2]).toEqual({ anios: 3, potencial: 14_400_000, al_ritmo_actual: 0 });
    await t.db.db
      .insertInto('cotizaciones')
      .values({
        id_cliente: id,
        numero: 'OP-1',
        fecha: '2026-11-01',
        fecha_vencimiento: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10),
        estado: 'pendiente',
        monto_total: 900_000,
      })
      .execute();
    const o = cuerpo(await t.app.inject({ url: `/api/clientes/${id}/oportunidades`, headers: { cookie: comercial } }));
    const tipos = o.items.map((x: { tipo: string }) => x.tipo).sort();
    expect(tipos).toEqual(['bajo_potencial', 'cotizacion_por_vencer', 'mantencion', 'renovacion']);
    expect(o.items.find((x: { tipo: string }) => x.tipo === 'cotizacion_por_vencer').valor_estimado).toBe(900_000);
    const taller = cuerpo(
      await t.app.inject({ url: '/api/oportunidades?tipo=renovacion', headers: { cookie: comercial } }),
    );
    expect(taller.items.some((x: { id_cliente: number }) => x.id_cliente === id)).toBe(true);
  });
});
