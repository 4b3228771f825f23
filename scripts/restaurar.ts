// npm run restore -- archivo: carga un respaldo de «npm run backup» en la base configurada
// (DATABASE_URL o RANCHO_DATA_DIR), que debe estar vacía. Aplica las migraciones, carga todo en
// una sola transacción y verifica que el archivo esté completo.
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { leerConfig } from '../src/server/config.ts';
import { openDatabase, type Db } from '../src/server/db/open.ts';
import { formatearBytes } from '../src/server/respaldo/formato.ts';
import { ErrorRestauracion, restaurarRespaldo } from '../src/server/respaldo/restaurar.ts';

const argumento = process.argv[2];
if (!argumento || argumento === '--ayuda' || argumento === '-h') {
  console.error(
    'Uso: npm run restore -- archivo.sql[.gz]\n' +
      'Carga el respaldo en la base configurada, que debe estar vacía: DATABASE_URL (PostgreSQL, p. ej. una base recién creada)\n' +
      'o, sin ella, la embebida en RANCHO_DATA_DIR (un directorio nuevo).',
  );
  process.exit(argumento ? 0 : 2);
}
const archivo = path.resolve(argumento);
if (!fs.existsSync(archivo)) {
  console.error(`No existe el archivo ${archivo}.`);
  process.exit(2);
}
const log = (t: string) => console.error(t);

const config = leerConfig();
let db: Db;
try {
  db = await openDatabase(config);
} catch (e) {
  log(`No se pudo abrir la base de datos: ${(e as Error).message}`);
  process.exit(1);
}
try {
  const bruto = fs.createReadStream(archivo);
  const entrada: Readable = archivo.endsWith('.gz') ? bruto.pipe(createGunzip()) : bruto;
  const resumen = await restaurarRespaldo(db.db, entrada, {
    alAvanzar: (tabla, filas) => {
      if (filas >= 10_000) log(`· ${tabla}: ${filas.toLocaleString('es-CL')} filas`);
    },
  });
  log(
    `Restauración lista en ${db.engine === 'pglite' ? `la base embebida de ${config.dataDir}` : 'PostgreSQL'} · migración del respaldo ${resumen.migracion}\n` +
      `  ${resumen.tablas.length} tablas, ${resumen.filas.toLocaleString('es-CL')} filas, ` +
      `${formatearBytes(resumen.bytes)} de SQL (${formatearBytes(fs.statSync(archivo).size)} en disco), ` +
      `${resumen.segundos.toLocaleString('es-CL', { maximumFractionDigits: 1 })} s`,
  );
} catch (e) {
  log(
    e instanceof ErrorRestauracion
      ? `No se restauró: ${e.message}`
      : `La restauración falló y no se cargó nada: ${(e as Error).message}`,
  );
  process.exitCode = 1;
} finally {
  await db.close();
}
