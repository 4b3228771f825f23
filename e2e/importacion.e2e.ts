import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rutValido } from '../test/fabricas.ts';
import { abrirEscenario, ARTEFACTOS, ingresar, type Escenario } from './navegador.ts';

let e: Escenario;
beforeAll(async () => {
  e = await abrirEscenario();
});
afterAll(() => e?.cerrar());

/** Semicolons and Chilean spellings, as a workshop's Excel saves a CSV. */
function csv(filas: string[][]): Buffer {
  return Buffer.from(['Nombre;RUT;Fono;Comuna', ...filas.map((f) => f.join(';'))].join('\r\n'), 'utf8');
}

describe('importación de clientes desde una planilla', () => {
  it('muestra la fila con el RUT malo, acepta el archivo corregido e importa con barra de progreso', async () => {
    const page = await e.browser.newPage({
      viewport: { width: 1366, height: 900 },
      locale: 'es-CL',
      timezoneId: 'America/Santiago',
    });
    const errores: string[] = [];
    page.on('pageerror', (err) => errores.push(err.message));
    await ingresar(page, e.url);

    const ruts = [rutValido(), rutValido(), rutValido(), rutValido()];
    const buenas = [
      ['Fundo El Roble', ruts[0]!, '9 1111 2222', 'Chillán'],
      ['Agrícola Santa Inés', ruts[1]!, '9 3333 4444', 'San Carlos'],
      ['Hijuela Las Vertientes', ruts[2]!, '', 'Bulnes'],
    ];
    // Row 5 of the sheet (the header is row 1): wrong check digit.
    const [cuerpo, dv] = ruts[3]!.split('-');
    const dvMalo = dv === '1' ? '2' : '1';
    const malo = csv([...buenas, ['Parcela Los Maitenes', `${cuerpo}-${dvMalo}`, '9 5555 6666', 'Pemuco']]);
    const corregido = csv([...buenas, ['Parcela Los Maitenes', ruts[3]!, '9 5555 6666', 'Pemuco']]);

    await page.getByRole('link', { name: 'Importar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Importar datos' }).waitFor();
    await page.getByLabel('Archivo').setInputFiles({ name: 'clientes.csv', mimeType: 'text/csv', buffer: malo });
    await page.getByText('clientes.csv').waitFor();
    await page.getByRole('button', { name: 'Continuar' }).click();

    // Column mapping, prefilled from the headers: "Fono" is the phone.
    await expect.poll(() => page.getByLabel('Dato para la columna Fono').inputValue()).toBe('Teléfono');
    await expect
      .poll(() => page.getByLabel('Dato para la columna Nombre').inputValue())
      .toBe('Nombre o razón social *');
    await page.screenshot({ path: path.join(ARTEFACTOS, 'importacion-columnas.png'), fullPage: true });
    await page.getByRole('button', { name: 'Revisar' }).click();

    const tabla = page.getByRole('table', { name: /Errores/ });
    await tabla.waitFor();
    const filaMala = tabla.getByRole('row').filter({ hasText: /dígito verificador/i });
    await expect.poll(() => filaMala.count()).toBe(1);
    expect(await filaMala.getByRole('cell').first().textContent()).toBe('5');
    expect(await filaMala.getByRole('cell').nth(1).textContent()).toBe('RUT');
    await expect.poll(() => page.getByRole('button', { name: /^Importar \d/ }).isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(ARTEFACTOS, 'importacion-errores.png'), fullPage: true });

    await page
      .getByLabel('Archivo')
      .setInputFiles({ name: 'clientes-corregido.csv', mimeType: 'text/csv', buffer: corregido });
    await page.getByText('El archivo está listo').waitFor();
    expect(await page.getByRole('table', { name: /Errores/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Importar 4 filas' }).click();

    await page.getByText('Importación terminada').waitFor();
    await page.getByText('Se importaron 4 filas de «clientes-corregido.csv»', { exact: false }).waitFor();
    await page.screenshot({ path: path.join(ARTEFACTOS, 'importacion-terminada.png'), fullPage: true });

    const guardados = await e.db.db
      .selectFrom('clientes')
      .select(['nombre', 'rut', 'telefono', 'comuna'])
      .where('rut', 'in', ruts)
      .orderBy('nombre')
      .execute();
    expect(guardados).toEqual([
      { nombre: 'Agrícola Santa Inés', rut: ruts[1], telefono: '+56933334444', comuna: 'San Carlos' },
      { nombre: 'Fundo El Roble', rut: ruts[0], telefono: '+56911112222', comuna: 'Chillán' },
      { nombre: 'Hijuela Las Vertientes', rut: ruts[2], telefono: null, comuna: 'Bulnes' },
      { nombre: 'Parcela Los Maitenes', rut: ruts[3], telefono: '+56955556666', comuna: 'Pemuco' },
    ]);

    // And back out: the export link downloads every cliente as CSV with the session cookie.
    await page.getByRole('button', { name: 'Exportar', exact: true }).click();
    const [descarga] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'CSV' }).click(),
    ]);
    expect(descarga.suggestedFilename()).toMatch(/clientes.*\.csv$/);
    const contenido = fs.readFileSync((await descarga.path())!, 'utf8');
    for (const nombre of ['Fundo El Roble', 'Agrícola Santa Inés', 'Hijuela Las Vertientes', 'Parcela Los Maitenes'])
      expect(contenido).toContain(nombre);
    expect(errores).toEqual([]);
  });
});
