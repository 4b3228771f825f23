// npm test: the whole suite on every engine available, saying plainly what it could not run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const enCi = process.env.CI === 'true';

if (!process.env.TEST_DATABASE_URL) {
  console.log(
    'Aviso: sin TEST_DATABASE_URL, las pruebas de API corren solo sobre PGlite (no sobre un servidor PostgreSQL).',
  );
}
if (!fs.existsSync(chromium)) {
  const mensaje = `no hay Chromium en ${chromium} (instálelo con: apt-get install chromium)`;
  if (enCi) {
    console.error(`Error: en CI el recorrido en el navegador no puede omitirse y ${mensaje}.`);
    process.exit(1);
  }
  console.log(`Aviso: SE OMITE el recorrido en el navegador: ${mensaje}.`);
}

const vitest = path.resolve('node_modules/vitest/vitest.mjs');
const r = spawnSync(process.execPath, [vitest, 'run', ...process.argv.slice(2)], { stdio: 'inherit' });

const informe = path.resolve('test-results/vitest.json');
if (fs.existsSync(informe)) {
  const j = JSON.parse(fs.readFileSync(informe, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  console.log(
    `\nPruebas: ${j.numPassedTests} passed, ${j.numFailedTests} failed, ${j.numPendingTests + j.numTodoTests} skipped`,
  );
}
process.exit(r.status ?? 1);
