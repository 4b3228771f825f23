import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RAIZ = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const CONSTRUCCIONES = [
  { salida: 'dist/web/index.html', fuentes: ['src/web', 'src/shared', 'vite.config.ts'], config: 'vite.config.ts' },
  {
    salida: 'dist/encuesta/index.html',
    fuentes: ['src/encuesta', 'vite.encuesta.config.ts'],
    config: 'vite.encuesta.config.ts',
  },
];

/** Builds the web app and the public survey page when missing or older than their sources (npm start, browser tests). */
export default function construirWeb(): void {
  for (const c of CONSTRUCCIONES) {
    const indice = path.join(RAIZ, c.salida);
    const construido = fs.existsSync(indice) ? fs.statSync(indice).mtimeMs : 0;
    const fuentes = c.fuentes.flatMap((d) => listar(path.join(RAIZ, d)));
    if (construido > 0 && fuentes.every((f) => fs.statSync(f).mtimeMs <= construido)) continue;
    console.log(`Construyendo ${path.dirname(c.salida)}…`);
    execFileSync(
      process.execPath,
      [path.join(RAIZ, 'node_modules/vite/bin/vite.js'), 'build', '-c', c.config, '--logLevel', 'warn'],
      {
        cwd: RAIZ,
        stdio: 'inherit',
        // Under vitest NODE_ENV is "test", which would make React's development build.
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
  }
}

function listar(ruta: string): string[] {
  if (!fs.existsSync(ruta)) return [];
  if (fs.statSync(ruta).isFile()) return [ruta];
  return fs.readdirSync(ruta, { withFileTypes: true }).flatMap((e) => listar(path.join(ruta, e.name)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) construirWeb();
