import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abrirEscenario, ARTEFACTOS, ingresar, type Escenario } from './navegador.ts';

let e: Escenario;
beforeAll(async () => {
  e = await abrirEscenario();
});
afterAll(() => e?.cerrar());

describe('recorrido de un comercial por la ficha de clientes', () => {
  it('ingresa, registra un cliente con RUT con puntos, lo encuentra sin tildes, abre su ficha y cambia el teléfono', async () => {
    const page = await e.browser.newPage({
      viewport: { width: 1366, height: 800 },
      locale: 'es-CL',
      timezoneId: 'America/Santiago',
    });
    const errores: string[] = [];
    page.on('pageerror', (err) => errores.push(err.message));

    await ingresar(page, e.url);

    await page.getByRole('button', { name: 'Nuevo cliente' }).click();
    await page.getByLabel('Nombre o razón social').fill('Agrícola Ñandú del Maule');
    await page.getByLabel('RUT').fill('12.345.678-5');
    await page.getByLabel('Teléfono').fill('9 1234 5678');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Agrícola Ñandú del Maule' }).waitFor();

    const guardado = await e.db.db
      .selectFrom('clientes')
      .select(['rut', 'telefono'])
      .where('nombre', '=', 'Agrícola Ñandú del Maule')
      .executeTakeFirstOrThrow();
    expect(guardado).toEqual({ rut: '12345678-5', telefono: '+56912345678' });

    await page.goto(`${e.url}/clientes`);
    await page.getByLabel('Buscar clientes').fill('agricola nandu');
    const enlace = page.getByRole('link', { name: 'Agrícola Ñandú del Maule' });
    await enlace.waitFor();
    await page.getByText('12.345.678-5').first().waitFor();
    await enlace.click();
    await page.getByRole('heading', { level: 1, name: 'Agrícola Ñandú del Maule' }).waitFor();

    await page.getByRole('button', { name: 'Editar' }).click();
    const telefono = page.getByLabel('Teléfono');
    await telefono.fill('9 8765 4321');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await expect
      .poll(
        async () =>
          (
            await e.db.db
              .selectFrom('clientes')
              .select('telefono')
              .where('rut', '=', '12345678-5')
              .executeTakeFirstOrThrow()
          ).telefono,
        { timeout: 15_000 },
      )
      .toBe('+56987654321');
    await page.getByText('+56 9 8765 4321').first().waitFor();
    await page.screenshot({ path: path.join(ARTEFACTOS, 'ficha-cliente.png'), fullPage: true });

    const auditoria = await e.db.db
      .selectFrom('auditoria')
      .select('accion')
      .where('entidad', '=', 'cliente')
      .orderBy('id_auditoria')
      .execute();
    expect(auditoria.map((a) => a.accion)).toEqual(['crear', 'editar']);
    expect(errores).toEqual([]);
  });

  it('muestra en español el error de un RUT con dígito verificador equivocado', async () => {
    const page = await e.browser.newPage({ viewport: { width: 1366, height: 800 } });
    await ingresar(page, e.url);
    await page.getByRole('button', { name: 'Nuevo cliente' }).click();
    await page.getByLabel('Nombre o razón social').fill('Fundo Error');
    await page.getByLabel('RUT').fill('12.345.678-4');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page
      .getByText(/dígito verificador del RUT no corresponde/)
      .first()
      .waitFor();
    const n = await e.db.db
      .selectFrom('clientes')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('nombre', '=', 'Fundo Error')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });
});
