import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { splitSql } from './migrate.ts';
import { abrirBaseDePrueba } from './pruebas.ts';

describe('splitSql', () => {
  it('corta en los punto y coma de nivel superior, respetando comillas, $$ y comentarios', () => {
    const script = `
      -- comentario; con punto y coma
      CREATE TABLE a (x text DEFAULT 'a;b');
      CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;
      INSERT INTO a VALUES ('it''s; fine')`;
    expect(splitSql(script)).toEqual([
      "CREATE TABLE a (x text DEFAULT 'a;b')",
      'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$',
      "INSERT INTO a VALUES ('it''s; fine')",
    ]);
  });
});

describe('modelo migrado', () => {
  it('tiene las tablas del seed con sus columnas exactas y los datos de referencia', async () => {
    const db = await abrirBaseDePrueba();
    try {
      const columnas = await sql<{ table_name: string; column_name: string }>`
        SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema()`.execute(db.db);
      const de = (t: string) => columnas.rows.filter((c) => c.table_name === t).map((c) => c.column_name);
      expect(de('clientes')).toEqual(
        expect.arrayContaining([
          'id_cliente',
          'nombre',
          'rut',
          'direccion',
          'comuna',
          'region',
          'telefono',
          'email',
          'fecha_registro',
          'ultimo_contacto',
          'activo',
        ]),
      );
      expect(de('interacciones_cliente')).toEqual(
        expect.arrayContaining([
          'id_interaccion',
          'id_cliente',
          'fecha',
          'tipo',
          'motivo',
          'descripcion',
          'resultado',
          'seguimiento_requerido',
          'fecha_seguimiento',
        ]),
      );
      expect(de('encuestas_satisfaccion')).toEqual(
        expect.arrayContaining([
          'id_encuesta',
          'id_cliente',
          'id_orden',
          'id_pedido',
          'fecha',
          'puntuacion_general',
          'puntuacion_tiempo',
          'puntuacion_calidad',
          'puntuacion_precio',
          'puntuacion_atencion',
          'recomendaria',
          'comentarios',
          'nps',
        ]),
      );
      expect(de('metricas_clientes')).toEqual(
        expect.arrayContaining([
          'id_metrica_cliente',
          'id_cliente',
          'cantidad_equipos',
          'cantidad_mantenciones_solicitadas',
          'cantidad_pedidos_repuestos',
          'ultima_interaccion',
          'cantidad_interacciones_ultimo_anio',
          'valor_cliente',
          'fecha_actualizacion',
          'cliente_recurrente',
          'dias_desde_ultima_interaccion',
        ]),
      );
      for (const t of [
        'equipos',
        'ordenes_trabajo',
        'pedidos_repuestos',
        'cotizaciones',
        'usuarios',
        'sesiones',
        'auditoria',
        'consentimientos',
        'regiones',
        'comunas',
      ]) {
        expect(de(t).length, t).toBeGreaterThan(0);
      }
      const n = await sql<{
        r: number;
        c: number;
      }>`SELECT (SELECT count(*) FROM regiones) AS r, (SELECT count(*) FROM comunas) AS c`.execute(db.db);
      expect(n.rows[0]).toEqual({ r: 16, c: 346 });
    } finally {
      await db.close();
    }
  });

  it('la base calcula el nps de cada encuesta y rechaza puntuaciones fuera de 1–10', async () => {
    const db = await abrirBaseDePrueba();
    try {
      const { id_cliente } = await db.db
        .insertInto('clientes')
        .values({ nombre: 'NPS', rut: '11111111-1' })
        .returning('id_cliente')
        .executeTakeFirstOrThrow();
      for (const p of [10, 9, 8, 7, 6, 1]) {
        await db.db
          .insertInto('encuestas_satisfaccion')
          .values({ id_cliente, fecha: '2026-01-01', puntuacion_general: p })
          .execute();
      }
      const filas = await db.db
        .selectFrom('encuestas_satisfaccion')
        .select(['puntuacion_general', 'nps'])
        .orderBy('puntuacion_general', 'desc')
        .execute();
      expect(filas.map((f) => f.nps)).toEqual([1, 1, 0, 0, -1, -1]);
      await expect(
        db.db
          .insertInto('encuestas_satisfaccion')
          .values({ id_cliente, fecha: '2026-01-01', puntuacion_general: 11 })
          .execute(),
      ).rejects.toThrow(/check|verificación/);
    } finally {
      await db.close();
    }
  });
});
