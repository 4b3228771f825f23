import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { crearCliente, crearEquipo } from '../../../test/fabricas.ts';
import { hoyEnSantiago } from '../../shared/formato.ts';
import { restarMeses } from '../../shared/actividad.ts';
import { recalcularMetricas } from '../valor/metricas.ts';

let t: AppDePrueba;
let lectura: string;
beforeAll(async () => {
  t = await crearAppDePrueba();
  lectura = await t.sesion('lectura');
});
afterAll(() => t.cerrar());

describe('ficha completa (seed, ejemplo 1)', () => {
  it('reúne equipos con su próxima mantención, interacciones, seguimientos, órdenes, cotizaciones, satisfacción, valor y alertas', async () => {
    const hoy = hoyEnSantiago();
    const id = await crearCliente(t.db.db, { nombre: 'Agrícola El Triunfo' });
    const otro = await crearCliente(t.db.db, { nombre: 'Vecino' });
    const tractor = await crearEquipo(t.db.db, id, { tipo: 'tractor', marca: 'John Deere', modelo: '6130J' });
    await crearEquipo(t.db.db, id, { tipo: 'cosechadora', marca: 'Claas' });
    await crearEquipo(t.db.db, id, { tipo: 'sembradora', marca: 'Case IH' });
    // Último servicio hace 11 meses con pauta de 12: la mantención vence el próximo mes.
    const haceOnceMeses = restarMeses(hoy, 11);
    await t.db.db
      .insertInto('ordenes_trabajo')
      .values({
        id_cliente: id,
        id_equipo: tractor,
        numero: 'OT-9',
        tipo: 'preventiva',
        estado: 'entregada',
        fecha_ingreso: haceOnceMeses,
        fecha_cierre: haceOnceMeses,
        monto_total: 3_000_000,
      })
      .execute();
    await t.db.db
      .insertInto('ordenes_trabajo')
      .values({
        id_cliente: otro,
        tipo: 'preventiva',
        estado: 'entregada',
        fecha_ingreso: haceOnceMeses,
        fecha_cierre: haceOnceMeses,
        monto_total: 1_000_000,
      })
      .execute();
    for (let i = 0; i < 12; i++) {
      await t.db.db
        .insertInto('interacciones_cliente')
        .values({
          id_cliente: id,
          fecha: new Date(Date.now() - (i + 1) * 7 * 86_400_000),
          tipo: i % 2 ? 'llamada' : 'visita',
          motivo: `Contacto ${i + 1}`,
        })
        .execute();
    }
    await t.db.db
      .insertInto('interacciones_cliente')
      .values({
        id_cliente: id,
        fecha: new Date(),
        tipo: 'llamada',
        motivo: 'Cotizar repuestos',
        seguimiento_requerido: true,
        fecha_seguimiento: restarMeses(hoy, 1),
      })
      .execute();
    await t.db.db
      .insertInto('cotizaciones')
      .values({
        id_cliente: id,
        numero: 'C-5',
        fecha: hoy,
        fecha_vencimiento: hoy,
        estado: 'pendiente',
        monto_total: 450_000,
      })
      .execute();
    for (const [general, tiempo, calidad] of [
      [9, 5, 10],
      [10, 6, 9],
      [8, 5, 10],
    ]) {
      await t.db.db
        .insertInto('encuestas_satisfaccion')
        .values({
          id_cliente: id,
          fecha: hoy,
          estado: 'respondida',
          puntuacion_general: general,
          puntuacion_tiempo: tiempo,
          puntuacion_calidad: calidad,
          puntuacion_precio: 8,
          puntuacion_atencion: 9,
        })
        .execute();
    }
    await recalcularMetricas(t.db.db);

    const r = await t.app.inject({ url: `/api/clientes/${id}/ficha`, headers: { cookie: lectura } });
    expect(r.statusCode).toBe(200);
    const f = cuerpo(r);
    expect(f.cliente.nombre).toBe('Agrícola El Triunfo');
    expect(f.equipos).toHaveLength(3);
    const jd = f.equipos.find((e: { id_equipo: number }) => e.id_equipo === tractor);
    expect(jd.ultimo_servicio.fecha).toBe(haceOnceMeses);
    expect(jd.proxima_mantencion).toMatchObject({ fecha: restarMeses(hoy, -1), motivo: 'fecha' });
    expect(f.interacciones).toHaveLength(10);
    expect(f.interacciones[0].motivo).toBe('Cotizar repuestos');
    expect(f.seguimientos_abiertos).toHaveLength(1);
    expect(f.ordenes[0]).toMatchObject({ numero: 'OT-9', monto_total: 3_000_000, equipo: 'tractor John Deere 6130J' });
    expect(f.cotizaciones_abiertas.map((q: { numero: string }) => q.numero)).toEqual(['C-5']);
    expect(f.satisfaccion.nps).toMatchObject({ respondidas: 3, promotores: 2, pasivos: 1, detractores: 0, nps: 67 });
    expect(f.satisfaccion.dimensiones.mas_debil).toEqual(['tiempo']);
    expect(f.satisfaccion.dimensiones.mas_fuerte).toEqual(['calidad']);
    expect(f.valor).toMatchObject({
      valor_historico: 3_000_000,
      valor_promedio_clientes: 2_000_000,
      relacion_con_promedio: 1.5,
    });
    const tipos = f.alertas.map((a: { tipo: string }) => a.tipo);
    expect(tipos).toEqual(expect.arrayContaining(['seguimiento', 'mantencion', 'cotizacion']));
  });

  it('un cliente sin historia tiene una ficha vacía, no un error', async () => {
    const id = await crearCliente(t.db.db, { nombre: 'Recién llegado' });
    const f = cuerpo(await t.app.inject({ url: `/api/clientes/${id}/ficha`, headers: { cookie: lectura } }));
    expect(f).toMatchObject({ equipos: [], interacciones: [], ordenes: [], alertas: [] });
    expect(f.satisfaccion.nps.nps).toBeNull();
    expect((await t.app.inject({ url: '/api/clientes/99999/ficha', headers: { cookie: lectura } })).statusCode).toBe(
      404,
    );
  });
});
