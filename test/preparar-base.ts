import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/server/db/schema.ts';
import type { TestProject } from 'vitest/node';
import { migrate } from '../src/server/db/migrate.ts';
import { createPglite, openPostgres, wrapPglite } from '../src/server/db/open.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    plantillaPglite: string;
    plantillaPostgres: string;
  }
}

/**
 * Migrate once, copy per test file (STYLE.md 13): a PGlite data dir dumped to a tarball, and on
 * PostgreSQL a template database that every test file clones.
 */
export default async function preparar(project: TestProject): Promise<() => Promise<void>> {
  const motor = project.config.env?.RANCHO_MOTOR_PRUEBA ?? 'pglite';
  if (motor === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const nombre = `rancho_plantilla_${process.pid}`;
    const admin = openPostgres(url, { max: 1 });
    await sql.raw(`DROP DATABASE IF EXISTS ${nombre}`).execute(admin.db);
    await sql.raw(`CREATE DATABASE ${nombre}`).execute(admin.db);
    const plantilla = openPostgres(conBase(url, nombre), { max: 1 });
    await migrate(plantilla.db);
    await sinHorarioDeSilencio(plantilla.db);
    await plantilla.close();
    project.provide('plantillaPostgres', nombre);
    return async () => {
      await sql.raw(`DROP DATABASE IF EXISTS ${nombre} WITH (FORCE)`).execute(admin.db);
      await admin.close();
    };
  }
  const pglite = await createPglite();
  const db = wrapPglite(pglite);
  await migrate(db.db);
  await sinHorarioDeSilencio(db.db);
  const volcado = await pglite.dumpDataDir('none');
  const archivo = path.join(os.tmpdir(), `rancho-plantilla-${process.pid}-${Date.now()}.tar`);
  fs.writeFileSync(archivo, Buffer.from(await volcado.arrayBuffer()));
  await db.close();
  project.provide('plantillaPglite', archivo);
  return async () => fs.rmSync(archivo, { force: true });
}

/**
 * The tests' databases start without quiet hours, so a test that sends a campaign at 21:00 does
 * not depend on the clock; the tests of the quiet hours set them (and the time) themselves.
 */
async function sinHorarioDeSilencio(db: Kysely<Database>) {
  await sql`UPDATE ajustes SET valor = 'null' WHERE clave = 'horario_silencio'`.execute(db);
}

export function conBase(url: string, base: string): string {
  const u = new URL(url);
  u.pathname = `/${base}`;
  return u.toString();
}
