import { Readable, Writable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conBase } from '../../../test/preparar-base.ts';
import { crearCliente, crearEquipo } from '../../../test/fabricas.ts';
import { abrirBaseDePrueba } from '../db/pruebas.ts';
import { createPglite, openPostgres, wrapPglite, type Db } from '../db/open.ts';
import type { Database } from '../db/schema.ts';
import { huellaTablas } from './huella.ts';
import { ErrorRestauracion, restaurarRespaldo } from './restaurar.ts';
import { volcarRespaldo } from './volcar.ts';

// Values that break naive dumpers: quotes, backslashes, line breaks, tabs, COPY's own NULL
// marker as text, unicode outside the BMP, combining accents, NULL next to ''.
const DIFICILES = [
  "O'Higgins \"el\" ''doble''",
  'C:\\ruta\\con\\barras \\N \\\\',
  'línea 1\nlínea 2\r\nlínea 3\ttabulada',
  '\\N',
  'Ñuñoa 🚜 — añejo ü ́ combinado e\u0301',
  '',
  ' espacios al borde ',
];

/** An extra table, present on both sides, for the types the app's schema does not use yet. */
const TABLA_TIPOS = `CREATE TABLE prueba_tipos (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  texto text, lista text[], enteros integer[], datos bytea, real8 float8, exacto numeric,
  lapso interval, momento timestamptz, dia date, json jsonb,
  mayus text GENERATED ALWAYS AS (upper(texto)) STORED)`;

const abiertas: Db[] = [];
const motor = process.env.RANCHO_MOTOR_PRUEBA === 'postgres' ? 'postgres' : 'pglite';
const otroMotor =
  motor === 'postgres' || process.env.TEST_DATABASE_URL ? (motor === 'postgres' ? 'pglite' : 'postgres') : 'pglite';

/** A brand-new database with no tables at all (not even migrations), of the given engine. */
async function baseVacia(cual: 'pglite' | 'postgres'): Promise<Db> {
  if (cual === 'pglite') {
    const db = wrapPglite(await createPglite());
    abiertas.push(db);
    return db;
  }
  const url = process.env.TEST_DATABASE_URL!;
  const nombre = `rancho_resp_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = openPostgres(url, { max: 1 });
  await sql.raw(`CREATE DATABASE ${nombre}`).execute(admin.db);
  const db = openPostgres(conBase(url, nombre), { max: 2 });
  const envuelta: Db = {
    ...db,
    close: async () => {
      await db.close();
      await sql.raw(`DROP DATABASE IF EXISTS ${nombre} WITH (FORCE)`).execute(admin.db);
      await admin.close();
    },
  };
  abiertas.push(envuelta);
  return envuelta;
}

async function volcarATexto(db: Kysely<Database>): Promise<string> {
  const trozos: Buffer[] = [];
  const salida = new Writable({
    write(trozo: Buffer, _c, listo) {
      trozos.push(trozo);
      listo();
    },
  });
  await volcarRespaldo(db, salida);
  return Buffer.concat(trozos).toString('utf8');
}

const restaurarTexto = (db: Kysely<Database>, texto: string) => restaurarRespaldo(db, Readable.from([texto]));
/** The dump without its header comments (date and engine differ between two dumps of the same data). */
const cuerpoDe = (texto: string) =>
  texto
    .split('\n')
    .filter((l) => !/^-- (fecha|motor): /.test(l))
    .join('\n');

let origen: Db;
let respaldo: string;
let fusionado: number;

beforeAll(async () => {
  origen = await abrirBaseDePrueba();
  const db = origen.db;
  await sql.raw(TABLA_TIPOS).execute(db);
  await sql`INSERT INTO prueba_tipos (texto, lista, enteros, datos, real8, exacto, lapso, momento, dia, json) VALUES
    (${DIFICILES[0]}, ARRAY['a,b', '{x}', 'comillas "dobles"', NULL, '', 'barra \\ y
salto'], '{1,-2,NULL}', '\\x00ff0a5c27'::bytea, 0.1 + 0.2, 12345678901234567890.123456789, '1 year 2 mons 3 days 04:05:06.789',
     '2024-04-06 23:30:00-03', '2024-09-08', '{"texto": "a\\"b\\\\c\\nd", "n": 1.5e300, "lista": [null, true, "ñ🚜"], "vacío": ""}'),
    (NULL, '{}', NULL, '\\x'::bytea, 'NaN', -0.0, '-1 day', 'infinity', '0001-01-01', 'null'),
    ('', NULL, NULL, NULL, '-Infinity', NULL, NULL, '2024-04-07 00:30:00-04', NULL, '"solo texto"')`.execute(db);

  // Real tables: every difficult string as a cliente's notes, NULL vs '' in the address.
  const ids: number[] = [];
  for (const [i, texto] of DIFICILES.entries()) {
    const id = await crearCliente(db, { nombre: `Difícil ${i} ${texto.slice(0, 20)}`.trim() });
    await db
      .updateTable('clientes')
      .set({ notas: texto, direccion: i % 2 ? '' : null })
      .where('id_cliente', '=', id)
      .execute();
    ids.push(id);
  }
  // A merge whose survivor has a higher id: the dump must still load the survivor first.
  const sobreviviente = await crearCliente(db, { nombre: 'Sobreviviente' });
  fusionado = ids[0]!;
  await db
    .updateTable('clientes')
    .set({ id_cliente_fusionado_en: sobreviviente })
    .where('id_cliente', '=', fusionado)
    .execute();
  await crearEquipo(db, sobreviviente);
  // Timestamps on both sides of Chile's DST changes (April: 00:00 happens twice; September: skipped).
  for (const fecha of [
    '2024-04-06T23:30:00-03:00',
    '2024-04-06T23:30:00-04:00',
    '2024-09-07T23:59:59-04:00',
    '2024-09-08T01:00:00-03:00',
  ]) {
    await db
      .insertInto('interacciones_cliente')
      .values({ id_cliente: sobreviviente, fecha: new Date(fecha), tipo: 'llamada', motivo: `Cambio de hora ${fecha}` })
      .execute();
  }
  // GENERATED ALWAYS identity with a gap and a sequence ahead of the last row.
  await sql`INSERT INTO auditoria (accion, entidad, detalle) VALUES ('prueba', 'respaldo', ${JSON.stringify({ antes: DIFICILES, despues: null })}::jsonb)`.execute(
    db,
  );
  await sql`SELECT nextval(pg_get_serial_sequence('auditoria', 'id_auditoria')) FROM generate_series(1, 5)`.execute(db);
  await sql`INSERT INTO ajustes (clave, valor) VALUES ('prueba_json', ${JSON.stringify({ '\\': '\n', "'": [1, '\t'] })}::jsonb)`.execute(
    db,
  );
  respaldo = await volcarATexto(db);
});

afterAll(async () => {
  for (const db of abiertas.reverse()) await db.close();
  await origen?.close();
});

describe(`respaldo y restauración (${motor} → ${otroMotor} → ${motor})`, () => {
  it('el respaldo es SQL con encabezado, bloques COPY en orden de claves foráneas y posiciones de secuencias', () => {
    const lineas = respaldo.split('\n');
    expect(lineas[0]).toBe('-- Respaldo de Rancho Clientes');
    expect(lineas).toContain('-- formato: 1');
    expect(respaldo).toMatch(/^-- migracion: \d{4}_\w+$/m);
    const copia = (t: string) => lineas.findIndex((l) => l.startsWith(`COPY "${t}" (`));
    expect(copia('clientes')).toBeGreaterThan(copia('usuarios'));
    expect(copia('equipos')).toBeGreaterThan(copia('clientes'));
    expect(copia('interacciones_cliente')).toBeGreaterThan(copia('clientes'));
    expect(copia('kysely_migration')).toBe(-1);
    // Generated columns are not dumped; the database recomputes them.
    expect(lineas[copia('clientes')]).not.toContain('"busqueda"');
    expect(lineas[copia('prueba_tipos')]).not.toContain('"mayus"');
    expect(respaldo).toMatch(/^SELECT setval\('"auditoria_id_auditoria_seq"', \d+, true\);$/m);
    expect(lineas.at(-2)).toMatch(/^-- Fin del respaldo: \d+ tablas, \d+ filas\.$/);
  });

  it('restaura en una base vacía del otro motor y de vuelta: mismas filas y misma suma de contenido en cada tabla', async () => {
    const antes = await huellaTablas(origen.db);
    const destino = await baseVacia(otroMotor);
    await sql.raw(TABLA_TIPOS).execute(destino.db);
    const resumen = await restaurarTexto(destino.db, respaldo);
    expect(resumen.filas).toBe(Object.values(antes).reduce((s, t) => s + t.filas, 0));
    expect(await huellaTablas(destino.db)).toEqual(antes);

    const segundo = await volcarATexto(destino.db);
    expect(cuerpoDe(segundo)).toBe(cuerpoDe(respaldo));
    const vuelta = await baseVacia(motor);
    await sql.raw(TABLA_TIPOS).execute(vuelta.db);
    await restaurarTexto(vuelta.db, segundo);
    expect(await huellaTablas(vuelta.db)).toEqual(antes);
    expect(antes.clientes!.filas).toBeGreaterThan(DIFICILES.length);
    expect(antes.prueba_tipos!.filas).toBe(3);

    // The values themselves, read back through the driver.
    const notas = await vuelta.db.selectFrom('clientes').select(['notas', 'direccion']).orderBy('id_cliente').execute();
    expect(notas.slice(0, DIFICILES.length).map((n) => n.notas)).toEqual(DIFICILES);
    expect(notas.slice(0, 2).map((n) => n.direccion)).toEqual([null, '']);
    const tipos = await sql<{ lista: string[]; datos: string; mayus: string; momento: string }>`
      SELECT lista, encode(datos, 'hex') AS datos, mayus, momento::text FROM prueba_tipos ORDER BY id`.execute(
      vuelta.db,
    );
    expect(tipos.rows[0]!.lista).toEqual(['a,b', '{x}', 'comillas "dobles"', null, '', 'barra \\ y\nsalto']);
    expect(tipos.rows[0]!.datos).toBe('00ff0a5c27');
    expect(tipos.rows[0]!.mayus).toBe(DIFICILES[0]!.toUpperCase());
    expect(tipos.rows[1]!.momento).toBe('infinity');
    const fechas = await vuelta.db
      .selectFrom('interacciones_cliente')
      .select('fecha')
      .where('motivo', 'like', 'Cambio de hora%')
      .orderBy('fecha')
      .execute();
    expect(fechas.map((f) => new Date(f.fecha).toISOString())).toEqual([
      '2024-04-07T02:30:00.000Z',
      '2024-04-07T03:30:00.000Z',
      '2024-09-08T03:59:59.000Z',
      '2024-09-08T04:00:00.000Z',
    ]);
  });

  it('deja las secuencias donde estaban: el próximo cliente y la próxima auditoría no chocan', async () => {
    const destino = await baseVacia(otroMotor);
    await sql.raw(TABLA_TIPOS).execute(destino.db);
    await restaurarTexto(destino.db, respaldo);
    const siguiente = async (db: Kysely<Database>) => {
      const r = await sql<{
        n: number;
      }>`SELECT nextval(pg_get_serial_sequence('auditoria', 'id_auditoria'))::int AS n`.execute(db);
      return r.rows[0]!.n;
    };
    expect(await siguiente(destino.db)).toBe(await siguiente(origen.db));
    const nuevo = await crearCliente(destino.db);
    const max = await destino.db
      .selectFrom('clientes')
      .select((eb) => eb.fn.max('id_cliente').as('m'))
      .executeTakeFirstOrThrow();
    expect(nuevo).toBe(max.m);
    const f = await destino.db
      .selectFrom('clientes')
      .select('id_cliente_fusionado_en')
      .where('id_cliente', '=', fusionado)
      .executeTakeFirstOrThrow();
    expect(f.id_cliente_fusionado_en).toBeGreaterThan(fusionado);
  });

  it('rechaza una base con datos, con un mensaje en español, sin tocarla', async () => {
    const antes = await huellaTablas(origen.db);
    await expect(restaurarTexto(origen.db, respaldo)).rejects.toThrow(
      /La base de datos de destino no está vacía: las tablas .*clientes.* tienen datos/,
    );
    expect(await huellaTablas(origen.db)).toEqual(antes);
  });

  it('rechaza un respaldo cortado y no carga nada (todo o nada)', async () => {
    const destino = await baseVacia(motor);
    await sql.raw(TABLA_TIPOS).execute(destino.db);
    // Cut at a line end, as a full disk leaves it: only the missing end marker tells.
    const cortado = respaldo.slice(0, respaldo.lastIndexOf('\n', Math.floor(respaldo.length * 0.6)) + 1);
    const error = await restaurarTexto(destino.db, cortado).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorRestauracion);
    expect((error as Error).message).toMatch(/El respaldo está incompleto/);
    const n = await destino.db
      .selectFrom('clientes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
    // Still empty: a second attempt with the whole file succeeds.
    const r = await restaurarTexto(destino.db, respaldo);
    expect(r.filas).toBeGreaterThan(0);
  });

  it('rechaza un archivo que no es un respaldo y uno de una versión más nueva', async () => {
    const destino = await baseVacia(motor);
    await expect(restaurarTexto(destino.db, 'SELECT 1;\n')).rejects.toThrow(/no es un respaldo de Rancho Clientes/);
    await expect(
      restaurarTexto(destino.db, respaldo.replace(/^-- migracion: .*$/m, '-- migracion: 9999_futura')),
    ).rejects.toThrow(/versión más nueva de Rancho Clientes \(migración 9999_futura\)/);
  });
});
