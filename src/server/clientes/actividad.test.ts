import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abrirBaseDePrueba } from '../db/pruebas.ts';
import type { Db } from '../db/open.ts';
import { crearCliente } from '../../../test/fabricas.ts';
import { recalcularActividad, registrarActividad } from './actividad.ts';

let db: Db;
beforeAll(async () => {
  db = await abrirBaseDePrueba();
});
afterAll(() => db.close());

const estado = (id: number) =>
  db.db
    .selectFrom('clientes')
    .select(['activo', 'ultimo_contacto', 'ultima_actividad'])
    .where('id_cliente', '=', id)
    .executeTakeFirstOrThrow();

describe('activo y ultimo_contacto derivados', () => {
  it('una interacción reciente activa al cliente y fija su último contacto', async () => {
    const id = await crearCliente(db.db);
    const fecha = new Date('2026-11-20T14:00:00Z');
    await registrarActividad(db.db, id, fecha, { esContacto: true, hoy: '2026-11-24' });
    expect(await estado(id)).toMatchObject({ activo: true, ultimo_contacto: fecha });
    // Una actividad más antigua no retrocede nada.
    await registrarActividad(db.db, id, new Date('2025-01-01T12:00:00Z'), { esContacto: true, hoy: '2026-11-24' });
    expect((await estado(id)).ultimo_contacto).toEqual(fecha);
  });

  it('el recálculo diario desactiva a quien cumplió 12 meses sin actividad, solo con el paso del tiempo', async () => {
    const id = await crearCliente(db.db);
    await db.db
      .insertInto('ordenes_trabajo')
      .values({
        id_cliente: id,
        tipo: 'preventiva',
        estado: 'entregada',
        fecha_ingreso: '2025-12-01',
        fecha_cierre: '2025-12-05',
        monto_total: 500_000,
      })
      .execute();
    await recalcularActividad(db.db, '2026-11-24');
    expect(await estado(id)).toMatchObject({ activo: true, ultimo_contacto: null });
    await recalcularActividad(db.db, '2026-12-05');
    expect((await estado(id)).activo).toBe(false);
  });

  it('cuenta órdenes, pedidos, cotizaciones y encuestas respondidas; ignora lo cancelado', async () => {
    const id = await crearCliente(db.db);
    await db.db
      .insertInto('pedidos_repuestos')
      .values({ id_cliente: id, fecha: '2026-10-01', estado: 'cancelado', monto_total: 10_000 })
      .execute();
    await recalcularActividad(db.db, '2026-11-24');
    expect((await estado(id)).activo).toBe(false);
    await db.db
      .insertInto('encuestas_satisfaccion')
      .values({ id_cliente: id, fecha: '2026-06-01', puntuacion_general: 9, estado: 'respondida' })
      .execute();
    await recalcularActividad(db.db, '2026-11-24');
    expect((await estado(id)).activo).toBe(true);
  });

  it('una interacción del 31 a las 23:30 en Santiago cuenta en ese día', async () => {
    const id = await crearCliente(db.db);
    // 2025-11-30 23:30 en Santiago (UTC−3) = 2025-12-01 02:30 UTC.
    await db.db
      .insertInto('interacciones_cliente')
      .values({ id_cliente: id, fecha: new Date('2025-12-01T02:30:00Z'), tipo: 'llamada', motivo: 'Prueba de borde' })
      .execute();
    await recalcularActividad(db.db, '2026-11-30');
    expect((await estado(id)).activo).toBe(false);
    await recalcularActividad(db.db, '2026-11-29');
    expect((await estado(id)).activo).toBe(true);
  });
});
