import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Db } from './open.ts';
import { abrirBaseDePrueba } from './pruebas.ts';
import { preparada } from './tipos.ts';

let db: Db;
beforeAll(async () => {
  db = await abrirBaseDePrueba();
});
afterAll(async () => {
  await db.close();
});

describe('consultas preparadas', () => {
  it('una consulta marcada da lo mismo con cada parámetro y, en PostgreSQL, queda preparada en su conexión', async () => {
    await db.db.connection().execute(async (c) => {
      const region = (codigo: string) =>
        sql<{ nombre: string }>`${preparada}SELECT nombre FROM regiones WHERE codigo_region = ${codigo}`.execute(c);
      const sinMarca = (codigo: string) =>
        sql<{ nombre: string }>`SELECT nombre, 'sin marca' AS m FROM regiones WHERE codigo_region = ${codigo}`.execute(
          c,
        );
      const todas = await sql<{
        codigo: string;
        nombre: string;
      }>`SELECT codigo_region AS codigo, nombre FROM regiones`.execute(c);
      expect(todas.rows.length).toBeGreaterThan(10);
      // Several runs with different values: a reused statement must never answer for the previous value.
      for (const r of [...todas.rows, ...todas.rows]) {
        expect((await region(r.codigo)).rows).toEqual([{ nombre: r.nombre }]);
      }
      expect((await region('zz')).rows).toEqual([]);
      await sinMarca(todas.rows[0]!.codigo);

      if (db.engine !== 'postgres') return;
      const preparadas = await sql<{ name: string; statement: string }>`
        SELECT name, statement FROM pg_prepared_statements`.execute(c);
      const nuestras = preparadas.rows.filter((p) => p.name.startsWith('rancho_'));
      expect(nuestras).toHaveLength(1);
      expect(nuestras[0]!.statement).toContain('SELECT nombre FROM regiones WHERE codigo_region = $1');
      expect(preparadas.rows.some((p) => p.statement.includes('sin marca'))).toBe(false);
    });
  });
});
