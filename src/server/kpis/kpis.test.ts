import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { crearCliente } from '../../../test/fabricas.ts';
import { periodos } from '../../shared/kpis.ts';

let t: AppDePrueba;
let cookie: string;
beforeAll(async () => {
  t = await crearAppDePrueba();
  cookie = await t.sesion('lectura');
});
afterAll(() => t.cerrar());

const interaccion = (id: number, fecha: string) =>
  t.db.db
    .insertInto('interacciones_cliente')
    .values({ id_cliente: id, fecha: new Date(fecha), tipo: 'llamada', motivo: 'KPI' })
    .execute();
const kpis = async (qs: string) => {
  const r = cuerpo(await t.app.inject({ url: `/api/kpis?${qs}`, headers: { cookie } }));
  return Object.fromEntries(r.kpis.map((k: { kpi: string }) => [k.kpi, k])) as Record<string, any>;
};

describe('KPIs con datos armados a mano (período 2026, anterior 2025)', () => {
  const periodo = 'desde=2026-01-01&hasta=2026-12-31';
  beforeAll(async () => {
    // Anterior (2025): A, B, C activos. Actual (2026): A, B (retenidos), D (nuevo). C se fue.
    const [a, b, c, d] = [
      await crearCliente(t.db.db),
      await crearCliente(t.db.db),
      await crearCliente(t.db.db),
      await crearCliente(t.db.db),
    ];
    await interaccion(a, '2025-03-01T15:00:00Z');
    await interaccion(b, '2025-06-01T15:00:00Z');
    await t.db.db
      .insertInto('ordenes_trabajo')
      .values({
        id_cliente: c,
        tipo: 'preventiva',
        estado: 'entregada',
        fecha_ingreso: '2025-09-01',
        fecha_cierre: '2025-09-02',
        monto_total: 100,
      })
      .execute();
    await interaccion(a, '2026-02-01T15:00:00Z');
    await interaccion(a, '2026-03-01T15:00:00Z');
    await interaccion(a, '2026-04-01T15:00:00Z');
    await t.db.db
      .insertInto('pedidos_repuestos')
      .values({
        id_cliente: b,
        fecha: '2026-05-01',
        estado: 'entregado',
        fecha_entrega: '2026-05-03',
        monto_total: 300_000,
      })
      .execute();
    await t.db.db
      .insertInto('ordenes_trabajo')
      .values({
        id_cliente: d,
        tipo: 'correctiva',
        estado: 'terminada',
        fecha_ingreso: '2026-07-01',
        fecha_cierre: '2026-07-05',
        monto_total: 900_000,
      })
      .execute();
    await t.db.db
      .insertInto('ordenes_trabajo')
      .values({
        id_cliente: d,
        tipo: 'correctiva',
        estado: 'abierta',
        fecha_ingreso: '2026-08-01',
        monto_total: 5_000_000,
      })
      .execute();
    await interaccion(d, '2026-07-10T15:00:00Z');
    for (const [nota, id] of [
      [10, a],
      [9, b],
      [8, d],
      [3, d],
    ] as const) {
      await t.db.db
        .insertInto('encuestas_satisfaccion')
        .values({ id_cliente: id, fecha: '2026-08-15', estado: 'respondida', puntuacion_general: nota })
        .execute();
    }
    for (const estado of ['aceptada', 'aceptada', 'rechazada', 'vencida', 'pendiente', 'pendiente'] as const) {
      await t.db.db
        .insertInto('cotizaciones')
        .values({ id_cliente: a, fecha: '2026-09-01', estado, monto_total: 1 })
        .execute();
    }
    // A 23:30 interaction on 31-12-2025 in Santiago (02:30 UTC of 01-01-2026) belongs to 2025.
    await interaccion(c, '2026-01-01T02:30:00Z');
  });

  it('retención = activos en ambos / activos en el anterior', async () => {
    const k = await kpis(periodo);
    // Anterior: A, B, C. Actual: A, B, D (la interacción de C a las 23:30 del 31-12 es de 2025). 2/3.
    expect(k.retencion).toMatchObject({ valor: 66.7, retenidos: 2, activos_anterior: 3 });
  });

  it('valor cliente promedio = valor del período / clientes con compra', async () => {
    expect((await kpis(periodo)).valor_promedio).toMatchObject({ valor: 600_000, valor_total: 1_200_000, clientes: 2 });
  });

  it('NPS global = 100 × (P − D) / respondidas', async () => {
    expect((await kpis(periodo)).nps).toMatchObject({ valor: Math.round((100 * (2 - 1)) / 4), respondidas: 4 });
  });

  it('frecuencia = interacciones / clientes activos', async () => {
    // 4 interacciones en 2026 (3 de A, 1 de D) / 3 activos (A, B, D).
    expect((await kpis(periodo)).frecuencia).toMatchObject({ valor: 1.33, interacciones: 4, activos: 3 });
  });

  it('conversión excluye las pendientes y las informa aparte', async () => {
    expect((await kpis(periodo)).conversion).toMatchObject({ valor: 50, aceptadas: 2, resueltas: 4, pendientes: 2 });
  });

  it('compara con el período anterior y trae 24 meses de tendencia', async () => {
    const k = await kpis(periodo);
    expect(k.valor_promedio.anterior).toBe(100);
    expect(k.nps.tendencia).toHaveLength(24);
    expect(k.nps.tendencia.find((m: { mes: string }) => m.mes === '2026-08').valor).toBe(25);
  });

  it('los clientes detrás de la retención: retenidos y perdidos', async () => {
    const perdidos = cuerpo(
      await t.app.inject({ url: `/api/kpis/retencion/clientes?${periodo}&grupo=perdidos`, headers: { cookie } }),
    );
    expect(perdidos.total).toBe(1);
    const retenidos = cuerpo(
      await t.app.inject({ url: `/api/kpis/retencion/clientes?${periodo}`, headers: { cookie } }),
    );
    expect(retenidos.total).toBe(2);
  });

  it('el período por defecto son los 12 meses hasta hoy y el anterior es de igual largo', () => {
    expect(periodos({}, '2026-11-24')).toEqual({
      desde: '2025-11-25',
      hasta: '2026-11-24',
      anterior: { desde: '2024-11-25', hasta: '2025-11-24' },
    });
  });
});

describe('mapa por región', () => {
  it('los totales del mapa suman el total de clientes', async () => {
    await crearCliente(t.db.db, { comuna: 'Temuco', region: 'La Araucanía', codigo_comuna: '09101' });
    await t.db.db.insertInto('clientes').values({ nombre: 'Sin comuna', rut: '5126663-3' }).execute();
    const r = cuerpo(await t.app.inject({ url: '/api/reportes/regiones', headers: { cookie } }));
    expect(r.regiones).toHaveLength(16);
    const suma = r.regiones.reduce((s: number, x: { clientes: number }) => s + x.clientes, 0) + r.sin_region.clientes;
    const total = await t.db.db
      .selectFrom('clientes')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('archivado', '=', false)
      .executeTakeFirstOrThrow();
    expect(suma).toBe(Number(total.n));
    expect(r.total_clientes).toBe(Number(total.n));
    const comunas = cuerpo(
      await t.app.inject({ url: '/api/reportes/regiones/araucania/comunas', headers: { cookie } }),
    );
    expect(comunas.comunas.find((c: { comuna: string }) => c.comuna === 'Temuco').clientes).toBe(1);
  });

  it('el NPS de una región cuenta las encuestas respondidas de sus clientes de los últimos 12 meses', async () => {
    const aysen = { comuna: 'Coyhaique', region: 'Aysén del General Carlos Ibáñez del Campo', codigo_comuna: '11101' };
    const [uno, dos, archivado] = [
      await crearCliente(t.db.db, aysen),
      await crearCliente(t.db.db, aysen),
      await crearCliente(t.db.db, aysen),
    ];
    await t.db.db.updateTable('clientes').set({ archivado: true }).where('id_cliente', '=', archivado).execute();
    const haceDias = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    const encuesta = (id: number, fecha: string, nota: number, estado: 'respondida' | 'enviada' = 'respondida') =>
      t.db.db
        .insertInto('encuestas_satisfaccion')
        .values({ id_cliente: id, fecha, estado, puntuacion_general: estado === 'respondida' ? nota : null })
        .execute();
    // Count: 10 and 9 (promoters) and 3 (detractor) → 100 × (2 − 1) / 3 = 33.
    await encuesta(uno, haceDias(10), 10);
    await encuesta(dos, haceDias(40), 9);
    await encuesta(dos, haceDias(200), 3);
    // Left out: older than a year, an archived cliente's, one not answered.
    await encuesta(uno, haceDias(500), 1);
    await encuesta(archivado, haceDias(5), 1);
    await encuesta(uno, haceDias(3), 1, 'enviada');
    const r = cuerpo(await t.app.inject({ url: '/api/reportes/regiones', headers: { cookie } }));
    const region = r.regiones.find((x: { codigo_region: string }) => x.codigo_region === '11');
    expect(region).toMatchObject({ clientes: 2, nps: 33 });
  });
});
