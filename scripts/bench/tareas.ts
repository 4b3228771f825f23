// Tareas de una vez que los issues miden en segundos: el recálculo nocturno de métricas, una
// corrida completa de alertas, el buscador de duplicados y la importación de 100.000 clientes (en una base de paso).
import { sql } from 'kysely';
import { calcularDv } from '../../src/shared/rut.ts';
import { COMUNAS } from '../../src/shared/territorio.ts';
import { buscarPares } from '../../src/server/calidad/duplicados.ts';
import { generarAlertas } from '../../src/server/comunicacion/alertas.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { openPostgres, type Db } from '../../src/server/db/open.ts';
import { importarArchivo } from '../../src/server/importacion/importacion.ts';
import { crearUsuario } from '../../src/server/usuarios/usuarios.ts';
import { recalcularPlanEquipos } from '../../src/server/equipos/plan.ts';
import { recalcularMetricas } from '../../src/server/valor/metricas.ts';

export interface ResultadoTarea {
  nombre: string;
  segundos: number;
  objetivo_segundos: number | null;
  detalle: string;
}

async function cronometrar(
  nombre: string,
  objetivo: number | null,
  tarea: () => Promise<unknown>,
): Promise<ResultadoTarea> {
  const inicio = performance.now();
  const r = await tarea();
  return {
    nombre,
    segundos: Math.round((performance.now() - inicio) / 10) / 100,
    objetivo_segundos: objetivo,
    detalle: JSON.stringify(r),
  };
}

/** A 100k-row clientes CSV with valid RUTs and real comunas, the way a workshop exports from Excel. */
function csvClientes(n: number): Buffer {
  const lineas = ['Razón social;RUT;Comuna;Teléfono;Correo'];
  for (let i = 0; i < n; i++) {
    const cuerpo = String(40_000_000 + i * 7);
    const c = COMUNAS[i % COMUNAS.length]!;
    lineas.push(
      `Agrícola Importada ${i};${cuerpo}-${calcularDv(cuerpo)};${c.comuna};9 ${String(10_000_000 + i).slice(0, 4)} ${String(i).padStart(4, '0').slice(-4)};cliente${i}@campo.cl`,
    );
  }
  return Buffer.from(lineas.join('\r\n'), 'utf8');
}

/** Imports 100k clientes into a throwaway database on the same server (the benchmark data stays untouched). */
async function importar100k(url: string): Promise<ResultadoTarea> {
  const nombre = `rancho_bench_import_${process.pid}`;
  const admin = openPostgres(url, { max: 1 });
  await sql.raw(`DROP DATABASE IF EXISTS ${nombre}`).execute(admin.db);
  await sql.raw(`CREATE DATABASE ${nombre}`).execute(admin.db);
  const destino = new URL(url);
  destino.pathname = `/${nombre}`;
  const db = openPostgres(destino.toString());
  try {
    await migrate(db.db);
    const u = await crearUsuario(db.db, {
      email: 'importa@rancho.local',
      nombre: 'Importa',
      rol: 'admin',
      password: 'clave-de-banco-2026',
    });
    const archivo = csvClientes(100_000);
    return await cronometrar('importar 100.000 clientes (CSV, validar + escribir)', 60, () =>
      importarArchivo(
        db.db,
        u,
        { id_usuario: u.id_usuario, ip: null },
        { entidad: 'clientes', cuerpo: archivo, archivo: 'bench.csv' },
      ),
    );
  } finally {
    await db.close();
    await sql.raw(`DROP DATABASE IF EXISTS ${nombre} WITH (FORCE)`).execute(admin.db);
    await admin.close();
  }
}

export async function medirTareas(db: Db, databaseUrl: string | null): Promise<ResultadoTarea[]> {
  const r = [
    await cronometrar('próxima mantención y uso de todos los equipos', null, () => recalcularPlanEquipos(db.db)),
    await cronometrar('recálculo completo de métricas y segmentos', 10, () => recalcularMetricas(db.db)),
    await cronometrar('corrida completa de alertas', 10, () => generarAlertas(db.db)),
    await cronometrar('buscador de duplicados sobre toda la base', 5, async () => ({
      pares: (await buscarPares(db.db)).length,
    })),
  ];
  if (databaseUrl) r.push(await importar100k(databaseUrl));
  return r;
}

export function tablaTareas(r: ResultadoTarea[]): string {
  return [
    'tarea | segundos | objetivo | ',
    ...r.map((t) =>
      t.objetivo_segundos == null
        ? `${t.nombre} | ${t.segundos.toLocaleString('es-CL')} | — | `
        : `${t.nombre} | ${t.segundos.toLocaleString('es-CL')} | ≤ ${t.objetivo_segundos} | ${t.segundos <= t.objetivo_segundos ? '✔' : '✘'}`,
    ),
  ].join('\n');
}
