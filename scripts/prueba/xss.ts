// npm run prueba:xss [-- --rapida]: the stored-XSS check (e2e/xss.e2e.ts) in Debian's Chromium.
// Payloads go through the API into every text field; the pages that show them must show text and
// run nothing. It is already quick, so --rapida changes nothing; the exit code is vitest's.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

parseArgs({ options: { rapida: { type: 'boolean', default: false } } });
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  console.error(`Error: la prueba de XSS necesita Chromium en ${chromium} (apt-get install chromium).`);
  process.exit(1);
}
const vitest = path.resolve('node_modules/vitest/vitest.mjs');
const r = spawnSync(process.execPath, [vitest, 'run', '--project', 'navegador', 'e2e/xss.e2e.ts'], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
