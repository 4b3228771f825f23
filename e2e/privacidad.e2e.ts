import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hoyEnSantiago } from '../src/shared/formato.ts';
import { sumarDias } from '../src/shared/kpis.ts';
import { calcularDv } from '../src/shared/rut.ts';
import { abrirEscenario, ARTEFACTOS, ingresar, type Escenario } from './navegador.ts';

const hace = (dias: number) => sumarDias(hoyEnSantiago(), -dias);

let e: Escenario;
let idCliente: number;
beforeAll(async () => {
  e = await abrirEscenario();
  const db = e.db.db;
  const cuerpo = '65432109';
  ({ id_cliente: idCliente } = await db
    .insertInto('clientes')
    .values({
      nombre: 'Viña Los Aromos',
      rut: `${cuerpo}-${calcularDv(cuerpo)}`,
      tipo_persona: 'empresa',
      telefono: '+56955554444',
      email: 'contacto@losaromos.cl',
      comuna: 'Curicó',
      region: 'Maule',
      codigo_comuna: '07301',
    })
    .returning('id_cliente')
    .executeTakeFirstOrThrow());
  await db.insertInto('metricas_clientes').values({ id_cliente: idCliente }).execute();
  await db
    .insertInto('interacciones_cliente')
    .values({ id_cliente: idCliente, fecha: new Date(), tipo: 'visita', motivo: 'Revisión de pulverizador' })
    .execute();
});
afterAll(() => e?.cerrar());

describe('privacidad (Ley 21.719) desde la ficha', () => {
  it('el admin exporta los datos personales, bloquea al cliente, ve la insignia y encuentra el bloqueo en la auditoría', async () => {
    const page = await e.browser.newPage({
      viewport: { width: 1366, height: 800 },
      locale: 'es-CL',
      timezoneId: 'America/Santiago',
    });
    const errores: string[] = [];
    page.on('pageerror', (err) => errores.push(err.message));
    await ingresar(page, e.url);

    await page.goto(`${e.url}/clientes/${idCliente}`);
    await page.getByRole('heading', { level: 1, name: 'Viña Los Aromos' }).waitFor();

    await page.getByRole('button', { name: 'Privacidad' }).click();
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Exportar datos personales (JSON)' }).click(),
    ]);
    expect(json.suggestedFilename()).toMatch(/^datos-personales-cliente-\d+-\d{4}-\d{2}-\d{2}\.json$/);
    const datos = JSON.parse(fs.readFileSync((await json.path())!, 'utf8'));
    expect(datos.titular).toMatchObject({ nombre: 'Viña Los Aromos', email: 'contacto@losaromos.cl' });
    expect(datos.datos.interacciones_cliente).toHaveLength(1);

    await page.getByRole('button', { name: 'Privacidad' }).click();
    await page.getByRole('menuitem', { name: 'Bloquear…' }).click();
    const dialogo = page.getByRole('dialog', { name: '¿Bloquear a «Viña Los Aromos»?' });
    await dialogo.getByLabel('Motivo (queda en la auditoría)').fill('El titular lo pidió por correo');
    await dialogo.getByRole('button', { name: 'Bloquear' }).click();
    await page.getByText('Bloqueado', { exact: true }).waitFor();
    // Blocked: the ficha no longer offers to log a contact or edit.
    await expect.poll(() => page.getByRole('button', { name: 'Registrar interacción' }).count()).toBe(0);
    await expect.poll(() => page.getByRole('button', { name: 'Editar' }).count()).toBe(0);
    await page.screenshot({ path: path.join(ARTEFACTOS, 'privacidad-ficha-bloqueada.png') });

    await page.getByRole('button', { name: 'Privacidad' }).click();
    await page.getByRole('menuitem', { name: 'Ver auditoría del cliente' }).click();
    await page.waitForURL(new RegExp(`/privacidad/auditoria\\?cliente=${idCliente}$`));
    await page.getByRole('heading', { level: 1, name: 'Auditoría' }).waitFor();
    const tabla = page.getByRole('table', { name: 'Registros de auditoría' });
    const bloqueo = tabla.getByRole('row').filter({ hasText: 'Bloqueó' });
    await bloqueo.waitFor();
    await expect.poll(() => bloqueo.textContent()).toContain('El titular lo pidió por correo');
    await expect.poll(() => bloqueo.textContent()).toContain('Administradora Demo');
    await tabla.getByRole('row').filter({ hasText: 'Exportó' }).waitFor();
    // Only this cliente's records.
    await expect.poll(() => tabla.getByRole('row').count()).toBe(3);
    await page.screenshot({ path: path.join(ARTEFACTOS, 'privacidad-auditoria.png') });

    // The open requests, overdue first and highlighted, from the Privacidad section of the nav.
    await e.db.db
      .insertInto('solicitudes_titular')
      .values({ id_cliente: idCliente, tipo: 'acceso', recibida_en: hace(35), plazo: hace(5) })
      .execute();
    await page.getByRole('link', { name: 'Solicitudes del titular' }).click();
    const fila = page.getByRole('row').filter({ hasText: 'Viña Los Aromos' });
    await fila.getByText('vencida hace 5 días').waitFor();
    await page.getByText('1 solicitud abierta venció sin respuesta.').waitFor();
    await page.screenshot({ path: path.join(ARTEFACTOS, 'privacidad-solicitudes.png') });
    expect(errores).toEqual([]);
  });
});
