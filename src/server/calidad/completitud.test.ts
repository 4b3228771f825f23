import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { crearCliente, crearEquipo } from '../../../test/fabricas.ts';
import { FALTANTES, type Faltante } from '../../shared/completitud.ts';

let t: AppDePrueba;
let admin: string;
let lectura: string;
const ids: Record<string, number> = {};
let correos = 0;

const MES = 30.5 * 86_400_000;
const hace = (ms: number) => new Date(Date.now() - ms);

/** A cliente with every datum, then the test removes what it wants missing. */
async function clienteCompleto(nombre: string, idResponsable: number): Promise<number> {
  const id = await crearCliente(t.db.db, { nombre, telefono: '+56912345678', email: `${++correos}@fundo.cl` });
  await t.db.db
    .updateTable('clientes')
    .set({ id_responsable: idResponsable, datos_confirmados_en: new Date() })
    .where('id_cliente', '=', id)
    .execute();
  await crearEquipo(t.db.db, id);
  await consentir(id, 'email', true, hace(86_400_000));
  return id;
}

async function consentir(id: number, canal: 'email' | 'whatsapp', otorgado: boolean, fecha: Date) {
  await t.db.db
    .insertInto('consentimientos')
    .values({ id_cliente: id, canal, otorgado, fecha, fuente: 'prueba' })
    .execute();
}

const quitar = (id: number, cambios: Record<string, unknown>) =>
  t.db.db.updateTable('clientes').set(cambios).where('id_cliente', '=', id).execute();

const panel = async (cookie = admin) => {
  const r = await t.app.inject({ url: '/api/calidad/completitud', headers: { cookie } });
  expect(r.statusCode).toBe(200);
  return cuerpo(r) as {
    total: number;
    items: { falta: Faltante; etiqueta: string; cantidad: number; porcentaje: number }[];
  };
};
const cantidades = async () =>
  Object.fromEntries((await panel()).items.map((i) => [i.falta, i.cantidad])) as Record<Faltante, number>;

const listaCon = async (falta: string) => {
  const r = await t.app.inject({ url: `/api/clientes?falta=${falta}&limit=200`, headers: { cookie: lectura } });
  expect(r.statusCode).toBe(200);
  const c = cuerpo(r);
  return { total: c.total as number, ids: (c.items as { id_cliente: number }[]).map((i) => i.id_cliente).sort() };
};

const version = async (id: number) =>
  (await t.db.db.selectFrom('clientes').select('version').where('id_cliente', '=', id).executeTakeFirstOrThrow())
    .version;

beforeAll(async () => {
  t = await crearAppDePrueba();
  admin = await t.sesion('admin');
  lectura = await t.sesion('lectura');
  const { id_usuario: resp } = await t.db.db
    .selectFrom('usuarios')
    .select('id_usuario')
    .where('email', '=', 'admin@prueba.cl')
    .executeTakeFirstOrThrow();
  ids.completo = await clienteCompleto('Completo', resp);
  ids.sinTelefono = await clienteCompleto('Sin teléfono', resp);
  await quitar(ids.sinTelefono, { telefono: null });
  ids.revocado = await clienteCompleto('Consentimiento retirado', resp);
  await consentir(ids.revocado, 'email', false, new Date());
  ids.reconsentido = await clienteCompleto('Retiró y volvió a autorizar', resp);
  await consentir(ids.reconsentido, 'whatsapp', false, hace(3 * MES));
  await consentir(ids.reconsentido, 'whatsapp', true, hace(MES));
  ids.equipoInactivo = await clienteCompleto('Equipo vendido', resp);
  await t.db.db.updateTable('equipos').set({ activo: false }).where('id_cliente', '=', ids.equipoInactivo).execute();
  ids.confirmadoViejo = await clienteCompleto('Confirmado hace 13 meses', resp);
  await quitar(ids.confirmadoViejo, { datos_confirmados_en: hace(13 * MES) });
  ids.sinEmail = await clienteCompleto('Confirmado hace 11 meses, sin email', resp);
  await quitar(ids.sinEmail, { datos_confirmados_en: hace(11 * MES), email: null });
  // Missing everything: no phone, email, comuna, responsable, machines, consent or confirmation.
  ids.vacio = await crearCliente(t.db.db, { nombre: 'Sin nada' });
  await quitar(ids.vacio, { comuna: null, codigo_comuna: null, region: null });
  // Outside the portfolio: archived and anonymised clientes are not counted.
  ids.archivado = await crearCliente(t.db.db, { nombre: 'Archivado', archivado: true });
  ids.anonimizado = await crearCliente(t.db.db, { nombre: 'Anonimizado' });
  await quitar(ids.anonimizado, { anonimizado: true });
});
afterAll(() => t.cerrar());

// Hand count of the set above (8 clientes in the portfolio).
const ESPERADO: Record<Faltante, string[]> = {
  telefono: ['sinTelefono', 'vacio'],
  email: ['sinEmail', 'vacio'],
  comuna: ['vacio'],
  responsable: ['vacio'],
  equipos: ['equipoInactivo', 'vacio'],
  consentimiento: ['revocado', 'vacio'],
  confirmacion: ['confirmadoViejo', 'vacio'],
};

describe('panel de completitud', () => {
  it('cuenta, sobre los clientes vigentes, a cuántos les falta cada dato, con su porcentaje', async () => {
    const p = await panel(lectura);
    expect(p.total).toBe(8);
    expect(p.items.map((i) => i.falta)).toEqual([...FALTANTES]);
    for (const item of p.items) {
      expect(item.cantidad, item.falta).toBe(ESPERADO[item.falta].length);
      expect(item.porcentaje).toBe(Math.round((ESPERADO[item.falta].length / 8) * 1000) / 10);
    }
    expect(p.items.find((i) => i.falta === 'telefono')).toMatchObject({ etiqueta: 'Sin teléfono', porcentaje: 25 });
  });

  it.each(FALTANTES)('el filtro falta=%s de la lista devuelve exactamente esos clientes', async (falta) => {
    const r = await listaCon(falta);
    const esperados = ESPERADO[falta].map((k) => ids[k]!).sort();
    expect(r.ids).toEqual(esperados);
    expect(r.total).toBe(esperados.length);
  });

  it('un faltante desconocido es 400', async () => {
    const r = await t.app.inject({ url: '/api/clientes?falta=rut', headers: { cookie: lectura } });
    expect(r.statusCode).toBe(400);
  });
});

describe('corregir desde la lista y confirmar datos', () => {
  it('completar el teléfono con la edición normal baja la cuenta y queda auditado', async () => {
    const id = ids.sinTelefono!;
    const malo = await t.app.inject({
      method: 'PATCH',
      url: `/api/clientes/${id}`,
      payload: { telefono: '123', version: await version(id) },
      headers: { cookie: admin },
    });
    expect(malo.statusCode).toBe(422);
    expect(cuerpo(malo).errors[0].campo).toBe('telefono');

    const r = await t.app.inject({
      method: 'PATCH',
      url: `/api/clientes/${id}`,
      payload: { telefono: '9 8765 4321', version: await version(id) },
      headers: { cookie: admin },
    });
    expect(r.statusCode).toBe(200);
    expect(cuerpo(r).telefono).toBe('+56987654321');
    expect((await cantidades()).telefono).toBe(1);
    expect((await listaCon('telefono')).ids).toEqual([ids.vacio]);
    const a = await t.db.db
      .selectFrom('auditoria')
      .select(['accion', 'detalle'])
      .where('id_cliente', '=', id)
      .where('accion', '=', 'editar')
      .executeTakeFirstOrThrow();
    const detalle = typeof a.detalle === 'string' ? JSON.parse(a.detalle) : a.detalle;
    expect(detalle.cambios.telefono).toEqual([null, '+56987654321']);
  });

  it('«Confirmar datos» fija la fecha de hoy, sube la versión y queda auditado', async () => {
    const id = ids.confirmadoViejo!;
    const v = await version(id);
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/clientes/${id}/confirmar-datos`,
      payload: { version: v },
      headers: { cookie: admin },
    });
    expect(r.statusCode).toBe(200);
    const c = cuerpo(r);
    expect(Math.abs(Date.parse(c.datos_confirmados_en) - Date.now())).toBeLessThan(60_000);
    expect(c.version).toBe(v + 1);
    expect((await cantidades()).confirmacion).toBe(1);
    const a = await t.db.db
      .selectFrom('auditoria')
      .select('accion')
      .where('id_cliente', '=', id)
      .where('accion', '=', 'confirmar_datos')
      .execute();
    expect(a).toHaveLength(1);
  });

  it('confirmar con una versión vieja es 409, y el rol lectura no puede (403)', async () => {
    const id = ids.vacio!;
    const v = await version(id);
    const viejo = await t.app.inject({
      method: 'POST',
      url: `/api/clientes/${id}/confirmar-datos`,
      payload: { version: v - 1 || 99 },
      headers: { cookie: admin },
    });
    expect(viejo.statusCode).toBe(409);
    expect(cuerpo(viejo).title).toBe('Otra persona modificó este cliente');
    const prohibido = await t.app.inject({
      method: 'POST',
      url: `/api/clientes/${id}/confirmar-datos`,
      payload: { version: v },
      headers: { cookie: lectura },
    });
    expect(prohibido.statusCode).toBe(403);
    expect((await cantidades()).confirmacion).toBe(1);
  });
});

describe('puntaje de completitud en la ficha', () => {
  it.each([
    ['completo', 100, []],
    ['equipoInactivo', 86, ['equipos']],
    ['reconsentido', 100, []],
    ['vacio', 0, [...FALTANTES]],
  ] as const)('%s: %i %% y la lista de lo que falta', async (clave, puntaje, faltan) => {
    const r = await t.app.inject({ url: `/api/clientes/${ids[clave]}/ficha`, headers: { cookie: lectura } });
    expect(r.statusCode).toBe(200);
    expect(cuerpo(r).calidad).toEqual({ puntaje, faltan });
  });
});
