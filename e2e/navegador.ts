import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { construirApp } from '../src/server/app.ts';
import { leerConfig } from '../src/server/config.ts';
import { abrirBaseDePrueba } from '../src/server/db/pruebas.ts';
import type { Db } from '../src/server/db/open.ts';
import { crearUsuario } from '../src/server/usuarios/usuarios.ts';

export const ADMIN = { email: 'admin@rancho.cl', password: 'rancho-e2e-2026' };
export const ARTEFACTOS = path.resolve('test-results/e2e');

export interface Escenario {
  url: string;
  db: Db;
  app: FastifyInstance;
  browser: Browser;
  cerrar(): Promise<void>;
}

/** The real app on a fresh database, listening on a free local port, and Debian's Chromium. */
export async function abrirEscenario(): Promise<Escenario> {
  const db = await abrirBaseDePrueba();
  await crearUsuario(db.db, { ...ADMIN, nombre: 'Administradora Demo', rol: 'admin' });
  const app = await construirApp({ db, config: { ...leerConfig({}), databaseUrl: null } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const direccion = app.server.address();
  const puerto = typeof direccion === 'object' && direccion ? direccion.port : 0;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  fs.mkdirSync(ARTEFACTOS, { recursive: true });
  return {
    url: `http://127.0.0.1:${puerto}`,
    db,
    app,
    browser,
    async cerrar() {
      await browser.close();
      await app.close();
      await db.close();
    },
  };
}

/** Signs in through the login form, as a person would. */
export async function ingresar(page: Page, url: string, cuenta = ADMIN): Promise<void> {
  await page.goto(`${url}/ingresar`);
  await page.getByLabel('Correo').fill(cuenta.email);
  await page.getByLabel('Contraseña').fill(cuenta.password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.waitForURL(/\/clientes/);
}
