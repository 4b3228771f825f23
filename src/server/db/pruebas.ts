import fs from 'node:fs';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { conBase } from '../../../test/preparar-base.ts';
import { createPglite, openPostgres, wrapPglite, type Db } from './open.ts';

/**
 * A fresh, migrated database for one test file, on the engine this test project runs on:
 * PGlite loaded from the migrated template, or a PostgreSQL database cloned from the template.
 */
export async function abrirBaseDePrueba(): Promise<Db> {
  if (process.env.RANCHO_MOTOR_PRUEBA === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const plantilla = inject('plantillaPostgres');
    const nombre = `rancho_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = openPostgres(url, { max: 1 });
    await sql.raw(`CREATE DATABASE ${nombre} TEMPLATE ${plantilla}`).execute(admin.db);
    const db = openPostgres(conBase(url, nombre), { max: 5 });
    return {
      ...db,
      close: async () => {
        await db.close();
        await sql.raw(`DROP DATABASE IF EXISTS ${nombre} WITH (FORCE)`).execute(admin.db);
        await admin.close();
      },
    };
  }
  const tar = fs.readFileSync(inject('plantillaPglite'));
  return wrapPglite(await createPglite(undefined, new Blob([tar])));
}
