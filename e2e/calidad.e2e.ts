import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crearCliente, crearEquipo } from '../test/fabricas.ts';
import { abrirEscenario, ARTEFACTOS, ingresar, type Escenario } from './navegador.ts';

let e: Escenario;
beforeAll(async () => {
  e = await abrirEscenario();
});
afterAll(() => e?.cerrar());

describe('calidad de datos y contacto relevante', () => {
  it('el admin corrige desde el panel un cliente sin teléfono y anota en la ficha al dueño y el canal preferido', async () => {
    const db = e.db.db;
    await crearCliente(db, { nombre: 'Fundo Sin Fono', email: 'fundo@sinfono.cl' });
    await crearCliente(db, { nombre: 'Hijuela Sin Fono' });
    const conTelefono = await crearCliente(db, { nombre: 'Agrícola Los Robles', telefono: '+56911112222' });
    await crearEquipo(db, conTelefono);

    const page = await e.browser.newPage({
      viewport: { width: 1366, height: 800 },
      locale: 'es-CL',
      timezoneId: 'America/Santiago',
    });
    const errores: string[] = [];
    page.on('pageerror', (err) => errores.push(err.message));
    await ingresar(page, e.url);

    await page.getByRole('link', { name: 'Calidad de datos' }).click();
    await page.getByRole('heading', { level: 1, name: 'Calidad de datos' }).waitFor();
    await page.getByRole('tab', { name: 'Completitud' }).waitFor();
    const sinTelefono = page.getByRole('link', { name: /^Sin teléfono: 2 clientes/ });
    await sinTelefono.waitFor();
    await page.screenshot({ path: path.join(ARTEFACTOS, 'calidad-panel.png'), fullPage: true });
    await sinTelefono.click();

    await page.waitForURL(/\/clientes\?falta=telefono/);
    await page.getByRole('link', { name: 'Fundo Sin Fono' }).waitFor();
    await page.getByRole('link', { name: 'Hijuela Sin Fono' }).waitFor();
    expect(await page.getByRole('link', { name: 'Agrícola Los Robles' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Completar datos de Fundo Sin Fono' }).click();
    const dialogo = page.getByRole('dialog');
    const telefono = dialogo.getByLabel('Teléfono');
    await telefono.fill('123');
    await dialogo.getByRole('button', { name: 'Guardar', exact: true }).click();
    await dialogo.getByText('El teléfono no es válido').waitFor();
    await telefono.fill('9 8765 4321');
    await dialogo.getByRole('button', { name: 'Guardar', exact: true }).click();
    await dialogo.waitFor({ state: 'detached' });
    // The fixed cliente leaves the filtered list; the other one stays.
    await expect.poll(() => page.getByRole('link', { name: 'Fundo Sin Fono' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Hijuela Sin Fono' }).waitFor();
    const guardado = await db
      .selectFrom('clientes')
      .select(['telefono', 'version', 'id_cliente'])
      .where('nombre', '=', 'Fundo Sin Fono')
      .executeTakeFirstOrThrow();
    expect(guardado).toMatchObject({ telefono: '+56987654321', version: 2 });
    const auditado = await db
      .selectFrom('auditoria')
      .select('accion')
      .where('id_cliente', '=', guardado.id_cliente)
      .execute();
    expect(auditado.map((a) => a.accion)).toEqual(['editar']);

    await page.getByRole('link', { name: 'Calidad de datos' }).click();
    await page.getByRole('link', { name: /^Sin teléfono: 1 cliente / }).waitFor();

    // The ficha: a contact person (the owner) and the preferred channel.
    await page.goto(`${e.url}/clientes/${conTelefono}`);
    await page.getByRole('heading', { level: 1, name: 'Agrícola Los Robles' }).waitFor();
    await page.getByRole('button', { name: 'Agregar contacto' }).click();
    const contacto = page.getByRole('dialog');
    await contacto.getByLabel('Nombre').fill('Rosa Huenchumán');
    await contacto.getByLabel('Cargo').fill('Dueña');
    await contacto.getByLabel('Teléfono').fill('9 5555 4444');
    await contacto.getByLabel('Contacto principal').check();
    await contacto.getByRole('button', { name: 'Guardar contacto' }).click();
    await contacto.waitFor({ state: 'detached' });
    const personas = page.getByRole('table', { name: 'Personas de contacto' });
    await personas.getByText('Rosa Huenchumán').waitFor();
    await personas.getByText('Principal').waitFor();
    await personas.getByText('+56 9 5555 4444').waitFor();

    await page.getByRole('button', { name: 'Editar', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Editar cliente' }).waitFor();
    await page.getByLabel('Canal preferido').click();
    await page.getByRole('option', { name: 'WhatsApp' }).click();
    const horario = page.getByLabel('Horario de contacto');
    await horario.fill('lunes a viernes 8 a 13');
    await horario.blur();
    await expect.poll(() => horario.inputValue()).toBe('lun-vie 08:00-13:00');
    await page.getByLabel('Idioma y trato').fill('Habla mapudungun; prefiere que le escriban');
    await page.getByRole('button', { name: 'Guardar', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Agrícola Los Robles' }).waitFor();
    const datosContacto = page.getByRole('region', { name: 'Contacto', exact: true });
    await datosContacto
      .getByRole('definition')
      .filter({ hasText: /^WhatsApp$/ })
      .waitFor();
    await datosContacto.getByText('lun-vie 08:00-13:00').waitFor();
    await datosContacto.getByText('Habla mapudungun; prefiere que le escriban').waitFor();
    await page.screenshot({ path: path.join(ARTEFACTOS, 'calidad-ficha.png'), fullPage: true });

    const cliente = await db
      .selectFrom('clientes')
      .select(['canal_preferido', 'horario_contacto'])
      .where('id_cliente', '=', conTelefono)
      .executeTakeFirstOrThrow();
    expect(cliente).toEqual({ canal_preferido: 'whatsapp', horario_contacto: 'lun-vie 08:00-13:00' });
    const personasDb = await db.selectFrom('contactos_cliente').select(['nombre', 'cargo', 'principal']).execute();
    expect(personasDb).toEqual([{ nombre: 'Rosa Huenchumán', cargo: 'Dueña', principal: true }]);
    expect(errores).toEqual([]);
  });
});
