import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RAIZ = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Builds the web app when dist/web is missing or older than its sources (npm start, browser tests). */
export default function construirWeb(): void {
  const indice = path.join(RAIZ, 'dist/web/index.html');
  const fuentes = ['src/web', 'src/shared', 'vite.config.ts'].flatMap((d) => listar(path.join(RAIZ, d)));
  const construido = fs.existsSync(indice) ? fs.statSync(indice).mtimeMs : 0;
  if (construido > 0 && fuentes.every((f) => fs.statSync(f).mtimeMs <= construido)) return;
  console.log('Construyendo la aplicación web…');
  execFileSync(process.execPath, [path.join(RAIZ, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: RAIZ,
    stdio: 'inherit',
  });
}

function listar(ruta: string): string[] {
  if (!fs.existsSync(ruta)) return [];
  if (fs.statSync(ruta).isFile()) return [ruta];
  return fs.readdirSync(ruta, { withFileTypes: true }).flatMap((e) => listar(path.join(ruta, e.name)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) construirWeb();
