import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { crearCliente } from '../../../test/fabricas.ts';

let t: AppDePrueba;
let admin: string;
let comercial: string;
beforeAll(async () => {
  t = await crearAppDePrueba();
  admin = await t.sesion('admin');
  comercial = await t.sesion('comercial');
});
afterAll(() => t.cerrar());

describe('etiquetas y vistas guardadas', () => {
  it('etiqueta clientes y filtra la lista por etiqueta', async () => {
    const e = cuerpo(
      await t.app.inject({
        method: 'POST',
        url: '/api/etiquetas',
        payload: { nombre: 'Frutícola', color: 'green' },
        headers: { cookie: comercial },
      }),
    );
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/etiquetas',
          payload: { nombre: 'Frutícola' },
          headers: { cookie: comercial },
        })
      ).statusCode,
    ).toBe(409);
    const id = await crearCliente(t.db.db, { nombre: 'Huerto Etiquetado' });
    await crearCliente(t.db.db, { nombre: 'Sin etiqueta' });
    const r = await t.app.inject({
      method: 'PATCH',
      url: `/api/clientes/${id}`,
      payload: { etiquetas: [e.id_etiqueta], version: 1 },
      headers: { cookie: comercial },
    });
    expect(cuerpo(r).etiquetas).toEqual([{ id_etiqueta: e.id_etiqueta, nombre: 'Frutícola', color: 'green' }]);
    const lista = cuerpo(
      await t.app.inject({ url: `/api/clientes?etiqueta=${e.id_etiqueta}`, headers: { cookie: comercial } }),
    );
    expect(lista.items.map((c: { nombre: string }) => c.nombre)).toEqual(['Huerto Etiquetado']);
    const mala = await t.app.inject({
      method: 'PATCH',
      url: `/api/clientes/${id}`,
      payload: { etiquetas: [9999], version: 2 },
      headers: { cookie: comercial },
    });
    expect(mala.statusCode).toBe(422);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/etiquetas/${e.id_etiqueta}`, headers: { cookie: comercial } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/etiquetas/${e.id_etiqueta}`, headers: { cookie: admin } }))
        .statusCode,
    ).toBe(204);
    expect(
      cuerpo(await t.app.inject({ url: `/api/clientes/${id}`, headers: { cookie: comercial } })).etiquetas,
    ).toEqual([]);
  });

  it('cada usuario guarda sus vistas; filtros inválidos se rechazan', async () => {
    const v = await t.app.inject({
      method: 'POST',
      url: '/api/vistas',
      payload: { nombre: 'Ñuble activos', filtros: { region: 'Ñuble', activo: 'true' } },
      headers: { cookie: comercial },
    });
    expect(v.statusCode).toBe(201);
    expect(
      cuerpo(await t.app.inject({ url: '/api/vistas', headers: { cookie: comercial } })).items.map(
        (x: { nombre: string }) => x.nombre,
      ),
    ).toEqual(['Ñuble activos']);
    expect(cuerpo(await t.app.inject({ url: '/api/vistas', headers: { cookie: admin } })).items).toEqual([]);
    const mala = await t.app.inject({
      method: 'POST',
      url: '/api/vistas',
      payload: { nombre: 'Mala', filtros: { color: 'rojo' } },
      headers: { cookie: comercial },
    });
    expect(mala.statusCode).toBe(422);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/vistas/${cuerpo(v).id_vista}`, headers: { cookie: admin } }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/vistas/${cuerpo(v).id_vista}`,
          headers: { cookie: comercial },
        })
      ).statusCode,
    ).toBe(204);
  });
});
