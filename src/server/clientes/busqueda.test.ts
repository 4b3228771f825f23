import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { crearCliente } from '../../../test/fabricas.ts';
import { CONTEO_GRANDE } from './conteos.ts';

let t: AppDePrueba;
let cookie: string;
beforeAll(async () => {
  t = await crearAppDePrueba();
  cookie = await t.sesion('comercial');
});
afterAll(() => t.cerrar());
afterEach(() => {
  vi.useRealTimers();
});

const buscar = async (q: string) => {
  const r = await t.app.inject({ url: `/api/clientes?q=${encodeURIComponent(q)}&limit=100`, headers: { cookie } });
  expect(r.statusCode).toBe(200);
  return cuerpo<{ total: number; items: { nombre: string }[] }>(r);
};
const palabras = async () =>
  (await t.db.db.selectFrom('palabras_busqueda').select('palabra').execute()).map((p) => p.palabra);

const PARRAL = { comuna: 'Parral', codigo_comuna: '07404', region: 'Maule' };

describe('búsqueda con errores de tipeo', () => {
  it('corrige contra las palabras de los nombres y encuentra todos los que la llevan', async () => {
    await sql`INSERT INTO clientes (nombre, rut, comuna, codigo_comuna, region)
      SELECT 'Agrícola Los Boldos ' || i, (50000000 + i) || '-0', 'Chillán', '16101', 'Ñuble'
      FROM generate_series(1, 40) i`.execute(t.db.db);
    expect(await palabras()).toEqual(expect.arrayContaining(['agricola', 'boldos', 'chillan']));
    // A typo in a word most names carry finds every one of them, not only the few that look alike.
    expect((await buscar('agsícola')).total).toBe(40);
    expect((await buscar('Agricola Boldso')).total).toBe(40);
    expect((await buscar('chilan')).total).toBe(40);
    // Exact matches that fill a page are not mixed with corrections.
    expect((await buscar('boldos')).total).toBe(40);
    expect((await buscar('xqzwvut')).total).toBe(0);
  });

  it('las palabras siguen a los nombres: un nombre borrado por anonimización no queda en el diccionario', async () => {
    const id = await crearCliente(t.db.db, { nombre: 'Zacarías Quintanilla Urrutia', ...PARRAL });
    await crearCliente(t.db.db, { nombre: 'Hijuela Urrutia', ...PARRAL });
    expect(await palabras()).toEqual(expect.arrayContaining(['zacarias', 'quintanilla', 'urrutia', 'parral']));
    await t.db.db
      .updateTable('clientes')
      .set({ nombre: 'Cliente anonimizado', comuna: null, codigo_comuna: null, region: null })
      .where('id_cliente', '=', id)
      .execute();
    const despues = await palabras();
    expect(despues).not.toContain('zacarias');
    expect(despues).not.toContain('quintanilla');
    // Still in another cliente's name: it stays.
    expect(despues).toEqual(expect.arrayContaining(['urrutia', 'parral']));
    expect((await buscar('quintanila')).total).toBe(0);
    expect((await buscar('urrutya')).items.map((c) => c.nombre)).toEqual(['Hijuela Urrutia']);
  });
});

/** `n` clientes whose names carry `palabra`, straight in SQL (the list only reads them). */
async function sembrar(palabra: string, n: number, desde: number): Promise<void> {
  await sql`INSERT INTO clientes (nombre, rut)
    SELECT ${palabra} || ' ' || i, (${desde}::int + i) || '-0' FROM generate_series(1, ${n}::int) i`.execute(t.db.db);
}

const total = async (url: string): Promise<number> => {
  const r = await t.app.inject({ url, headers: { cookie } });
  expect(r.statusCode).toBe(200);
  return cuerpo(r).total;
};

describe('totales de la lista', () => {
  it('un total grande se recuerda un minuto; uno chico siempre se cuenta', async () => {
    await sembrar('Agrícola Grande', CONTEO_GRANDE + 50, 10_000_000);
    const grande = `/api/clientes?q=${encodeURIComponent('grande')}`;
    expect(await total(grande)).toBe(CONTEO_GRANDE + 50);
    expect(await total('/api/clientes')).toBeGreaterThanOrEqual(CONTEO_GRANDE + 50);
    const todos = await total('/api/clientes');

    await sembrar('Agrícola Grande Nueva', 1, 20_000_000);
    await sembrar('Hijuela Chica', 3, 30_000_000);
    // The big totals are the ones counted a moment ago; the small one is exact at once.
    expect(await total(grande)).toBe(CONTEO_GRANDE + 50);
    expect(await total(`${grande}&offset=25`)).toBe(CONTEO_GRANDE + 50);
    expect(await total('/api/clientes')).toBe(todos);
    expect(await total('/api/clientes?q=chica')).toBe(3);
    await sembrar('Hijuela Chica Otra', 1, 40_000_000);
    expect(await total('/api/clientes?q=chica')).toBe(4);
    // Other filters are another list with a total of its own.
    expect(await total(`${grande}&activo=false`)).toBe(CONTEO_GRANDE + 51);

    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 });
    expect(await total(grande)).toBe(CONTEO_GRANDE + 51);
    expect(await total('/api/clientes')).toBe(todos + 5);
  });
});
