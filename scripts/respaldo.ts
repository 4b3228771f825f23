// npm run backup [-- archivo]: respaldo SQL consistente de la base configurada (DATABASE_URL o la
// embebida en RANCHO_DATA_DIR). Por omisión escribe respaldos/rancho-AAAAMMDD-HHMMSS.sql.gz;
// «-» escribe a la salida estándar. Un nombre que termina en .gz se comprime.
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import { createGzip } from 'node:zlib';
import { leerConfig } from '../src/server/config.ts';
import { openDatabase, type Db } from '../src/server/db/open.ts';
import { formatearBytes } from '../src/server/respaldo/formato.ts';
import { volcarRespaldo } from '../src/server/respaldo/volcar.ts';

const argumento = process.argv[2];
if (argumento === '--ayuda' || argumento === '-h') {
  console.log(
    'Uso: npm run backup -- [archivo.sql | archivo.sql.gz | -]\n' +
      'Respalda la base configurada: DATABASE_URL (PostgreSQL) o, sin ella, la embebida en RANCHO_DATA_DIR (./data).\n' +
      'Se restaura con: npm run restore -- archivo',
  );
  process.exit(0);
}
const aSalida = argumento === '-';
const marca = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
const archivo = aSalida ? null : path.resolve(argumento ?? path.join('respaldos', `rancho-${marca}.sql.gz`));
const log = (t: string) => console.error(t);

const config = leerConfig();
let db: Db;
try {
  db = await openDatabase(config);
} catch (e) {
  log(`No se pudo abrir la base de datos: ${(e as Error).message}`);
  process.exit(1);
}

const temporal = archivo ? `${archivo}.parcial` : null;
try {
  const flujo = new PassThrough();
  let destino: NodeJS.WritableStream = process.stdout;
  if (temporal) {
    fs.mkdirSync(path.dirname(temporal), { recursive: true });
    destino = fs.createWriteStream(temporal);
  }
  const escritura = archivo?.endsWith('.gz')
    ? pipeline(flujo, createGzip({ level: 6 }), destino)
    : pipeline(flujo, destino);
  const resumen = await volcarRespaldo(db.db, flujo, {
    motor: db.engine,
    alAvanzar: (tabla, filas) => {
      if (filas >= 10_000) log(`· ${tabla}: ${filas.toLocaleString('es-CL')} filas`);
    },
  });
  flujo.end();
  await escritura;
  // Only a complete file gets the final name: a cut-off dump never looks like a backup.
  if (archivo && temporal) fs.renameSync(temporal, archivo);
  const tamano = archivo ? fs.statSync(archivo).size : resumen.bytes;
  log(
    `Respaldo listo${archivo ? `: ${archivo}` : ''} · ` +
      `${db.engine === 'pglite' ? `embebida en ${config.dataDir}` : 'PostgreSQL'} · migración ${resumen.migracion}\n` +
      `  ${resumen.tablas.length} tablas, ${resumen.filas.toLocaleString('es-CL')} filas, ` +
      `${formatearBytes(resumen.bytes)} de SQL${archivo?.endsWith('.gz') ? ` (${formatearBytes(tamano)} comprimido)` : ''}, ` +
      `${resumen.segundos.toLocaleString('es-CL', { maximumFractionDigits: 1 })} s`,
  );
} catch (e) {
  if (temporal) fs.rmSync(temporal, { force: true });
  log(`El respaldo falló y no se guardó: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
