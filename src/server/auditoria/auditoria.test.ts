import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { crearCliente, rutValido } from '../../../test/fabricas.ts';
import { hoyEnSantiago } from '../../shared/formato.ts';
import { sumarDias } from '../../shared/kpis.ts';

let t: AppDePrueba;
let admin: string;
let comercial: string;
let idAdmin: number;
let idComercial: number;
beforeAll(async () => {
  t = await crearAppDePrueba();
  admin = await t.sesion('admin');
  comercial = await t.sesion('comercial');
  const usuarios = await t.db.db.selectFrom('usuarios').select(['id_usuario', 'rol']).execute();
  idAdmin = usuarios.find((u) => u.rol === 'admin')!.id_usuario;
  idComercial = usuarios.find((u) => u.rol === 'comercial')!.id_usuario;
});
afterAll(() => t.cerrar());

const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

describe('página de auditoría', () => {
  it('filtra por usuario, cliente y fechas, pagina y trae el diff de cada edición', async () => {
    const creado = await t.app.inject({
      method: 'POST',
      url: '/api/clientes',
      headers: { cookie: comercial },
      payload: { nombre: 'Auditado Uno', rut: rutValido(), telefono: '912345678' },
    });
    expect(creado.statusCode, creado.body).toBe(201);
    const id = cuerpo(creado).cliente.id_cliente as number;
    const editado = await t.app.inject({
      method: 'PATCH',
      url: `/api/clientes/${id}`,
      headers: { cookie: admin },
      payload: { version: 1, telefono: '987654321' },
    });
    expect(editado.statusCode, editado.body).toBe(200);
    const otro = await crearCliente(t.db.db);
    // An old record, to filter by date.
    await t.db.db
      .insertInto('auditoria')
      .values({
        fecha: new Date(`${sumarDias(hoyEnSantiago(), -40)}T15:00:00Z`),
        id_usuario: idAdmin,
        accion: 'editar',
        entidad: 'cliente',
        id_entidad: String(otro),
        id_cliente: otro,
      })
      .execute();

    const porCliente = cuerpo(await get(admin, `/api/auditoria?id_cliente=${id}`));
    expect(porCliente.total).toBe(2);
    expect(porCliente.items.map((a: { accion: string }) => a.accion)).toEqual(['editar', 'crear']);
    expect(porCliente.items[0]).toMatchObject({
      usuario: 'Usuario admin',
      cliente: 'Auditado Uno',
      entidad: 'cliente',
      detalle: { cambios: { telefono: ['+56912345678', '+56987654321'] } },
    });
    const delComercial = cuerpo(await get(admin, `/api/auditoria?id_usuario=${idComercial}`));
    expect(delComercial.items.every((a: { id_usuario: number }) => a.id_usuario === idComercial)).toBe(true);
    expect(delComercial.items.some((a: { id_cliente: number }) => a.id_cliente === id)).toBe(true);

    const hoy = hoyEnSantiago();
    const deHoy = cuerpo(await get(admin, `/api/auditoria?id_cliente=${otro}&desde=${hoy}&hasta=${hoy}`));
    expect(deHoy.total).toBe(0);
    const hace40 = sumarDias(hoy, -40);
    const antiguo = cuerpo(await get(admin, `/api/auditoria?id_cliente=${otro}&desde=${hace40}&hasta=${hace40}`));
    expect(antiguo.total).toBe(1);

    const pagina2 = cuerpo(await get(admin, `/api/auditoria?id_cliente=${id}&limit=1&offset=1`));
    expect(pagina2).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(pagina2.items.map((a: { accion: string }) => a.accion)).toEqual(['crear']);
  });

  it('solo un administrador la ve, y ninguna ruta cambia ni borra un registro', async () => {
    for (const rol of ['comercial', 'tecnico', 'lectura'] as const) {
      const r = await get(await t.sesion(rol), '/api/auditoria');
      expect(r.statusCode, rol).toBe(403);
      expect(cuerpo(r).detail).toBe(`Su rol (${rol}) no permite ver la auditoría.`);
    }
    const { id_auditoria } = await t.db.db
      .selectFrom('auditoria')
      .select('id_auditoria')
      .orderBy('id_auditoria')
      .executeTakeFirstOrThrow();
    for (const method of ['PATCH', 'PUT', 'DELETE'] as const) {
      const r = await t.app.inject({
        method,
        url: `/api/auditoria/${id_auditoria}`,
        headers: { cookie: admin },
        payload: {},
      });
      expect(r.statusCode, method).toBe(404);
    }
  });
});

describe('auditoría inalterable en la base', () => {
  it('rechaza UPDATE y DELETE fuera de la anonimización', async () => {
    const db = t.db.db;
    const idCliente = await crearCliente(db);
    await db
      .insertInto('auditoria')
      .values({ accion: 'editar', entidad: 'cliente', id_cliente: idCliente, detalle: JSON.stringify({ a: 1 }) })
      .execute();
    const error = { code: 'RC409', message: 'La auditoría no se puede modificar ni borrar' };
    await expect(
      sql`UPDATE auditoria SET detalle = '{}' WHERE id_cliente = ${idCliente}`.execute(db),
    ).rejects.toMatchObject(error);
    await expect(sql`DELETE FROM auditoria WHERE id_cliente = ${idCliente}`.execute(db)).rejects.toMatchObject(error);
    const filas = await db.selectFrom('auditoria').select('detalle').where('id_cliente', '=', idCliente).execute();
    expect(filas).toEqual([{ detalle: { a: 1 } }]);
  });

  it('la anonimización suprime el detalle dentro de su transacción, y nada más', async () => {
    const db = t.db.db;
    const idCliente = await crearCliente(db);
    await db.insertInto('auditoria').values({ accion: 'crear', entidad: 'cliente', id_cliente: idCliente }).execute();
    const error = { code: 'RC409' };
    await db.transaction().execute(async (trx) => {
      await sql`SELECT set_config('rancho.anonimizando', 'on', true)`.execute(trx);
      await sql`UPDATE auditoria SET detalle = '{"suprimido": true}' WHERE id_cliente = ${idCliente}`.execute(trx);
    });
    // Even with the switch on, a record is never deleted.
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`SELECT set_config('rancho.anonimizando', 'on', true)`.execute(trx);
        await sql`DELETE FROM auditoria WHERE id_cliente = ${idCliente}`.execute(trx);
      }),
    ).rejects.toMatchObject(error);
    // The switch lasted only for that transaction.
    await expect(
      sql`UPDATE auditoria SET detalle = '{}' WHERE id_cliente = ${idCliente}`.execute(db),
    ).rejects.toMatchObject(error);
    const filas = await db.selectFrom('auditoria').select('detalle').where('id_cliente', '=', idCliente).execute();
    expect(filas).toEqual([{ detalle: { suprimido: true } }]);
  });
});

describe('exportación de inactivos desde el servidor', () => {
  it('arma el CSV con los elegidos y deja la exportación en la auditoría', async () => {
    const a = await crearCliente(t.db.db, { nombre: 'Inactivo Alfa', telefono: '+56922223333' });
    const b = await crearCliente(t.db.db, { nombre: 'Inactivo Beta' });
    const todos = await get(admin, '/api/reportes/inactivos.csv?meses=6');
    expect(todos.statusCode, todos.body).toBe(200);
    expect(todos.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(todos.body).toContain('Inactivo Alfa');
    expect(todos.body).toContain('Inactivo Beta');
    expect(todos.body.split('\r\n')[0]).toBe(
      '\uFEFFRUT;Nombre;Región;Comuna;Teléfono;Email;Último contacto;Días sin contacto;Valor;Segmento;Equipos',
    );
    const elegidos = await get(comercial, `/api/reportes/inactivos.csv?meses=6&ids=${a}`);
    expect(elegidos.statusCode).toBe(200);
    expect(elegidos.body).toContain('Inactivo Alfa;Ñuble;Chillán;9 2222 3333');
    expect(elegidos.body).not.toContain('Inactivo Beta');
    expect(b).toBeGreaterThan(0);
    const registros = cuerpo(await get(admin, `/api/auditoria?entidad=inactivos&accion=exportar`));
    expect(registros.total).toBe(2);
    expect(registros.items[0]).toMatchObject({
      usuario: 'Usuario comercial',
      detalle: { formato: 'csv', elegidos: 1, filas: 1 },
    });
    // The contact data of a list leaves only with admin or comercial.
    expect((await get(await t.sesion('lectura'), '/api/reportes/inactivos.csv')).statusCode).toBe(403);
  });
});
