import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { hoyEnSantiago } from '../src/shared/formato.ts';
import { hashDemo, prepararPersonal, terminarCarga } from '../scripts/demo/base.ts';
import { ESCALAS } from '../scripts/demo/escalas.ts';
import { generarDemo } from '../scripts/demo/generar.ts';
import { abrirEscenario, ARTEFACTOS, ingresar, type Escenario } from './navegador.ts';

let e: Escenario;
beforeAll(async () => {
  e = await abrirEscenario();
  // The real demo workshop (300 customers), with the near-duplicates it plants on purpose.
  const hoy = hoyEnSantiago();
  const preparacion = await prepararPersonal(e.db.db, await hashDemo(2026), hoy);
  await generarDemo(e.db.db, { escala: ESCALAS.pequena, semilla: 2026, hoy }, preparacion, () => {});
  await terminarCarga(e.db.db, hoy, () => {});
});
afterAll(() => e?.cerrar());

const filasDe = async (id: number) => {
  const r = await sql<{ n: number }>`
    SELECT (SELECT count(*) FROM interacciones_cliente WHERE id_cliente = ${id})
         + (SELECT count(*) FROM equipos WHERE id_cliente = ${id})
         + (SELECT count(*) FROM ordenes_trabajo WHERE id_cliente = ${id})
         + (SELECT count(*) FROM pedidos_repuestos WHERE id_cliente = ${id}) AS n`.execute(e.db.db);
  return Number(r.rows[0]!.n);
};

describe('duplicados en la demostración', () => {
  it('encuentra un par, lo fusiona y queda un solo cliente con ambas historias', async () => {
    const page = await e.browser.newPage({
      viewport: { width: 1366, height: 900 },
      locale: 'es-CL',
      timezoneId: 'America/Santiago',
    });
    const errores: string[] = [];
    page.on('pageerror', (err) => errores.push(err.message));
    await ingresar(page, e.url);

    await page.getByRole('link', { name: 'Calidad de datos' }).click();
    await page.getByRole('tab', { name: 'Duplicados' }).click();
    await page.getByRole('heading', { name: 'Posibles duplicados' }).waitFor();
    const comparar = page.getByRole('button', { name: /^Comparar y fusionar/ }).first();
    await comparar.waitFor();
    const [, nombreA, nombreB] = /^Comparar y fusionar (.+) con (.+)$/.exec(
      (await comparar.getAttribute('aria-label'))!,
    )!;
    await page.screenshot({ path: path.join(ARTEFACTOS, 'duplicados-lista.png'), fullPage: true });
    await comparar.click();

    await page.getByRole('heading', { level: 1, name: 'Fusionar clientes' }).waitFor();
    const ids = new URL(page.url()).searchParams;
    const [a, b] = [Number(ids.get('a')), Number(ids.get('b'))];
    const antes = (await filasDe(a)) + (await filasDe(b));
    expect(antes).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTEFACTOS, 'duplicados-fusionar.png'), fullPage: true });
    await page.getByRole('button', { name: 'Fusionar', exact: true }).click();
    await page.getByRole('button', { name: 'Sí, fusionar' }).click();

    // The survivor's ficha, with the merged record listed and every row of both on it.
    await page.getByRole('heading', { name: 'Fichas fusionadas aquí' }).waitFor();
    const superviviente = Number(/\/clientes\/(\d+)/.exec(page.url())![1]);
    const fusionado = superviviente === a ? b : a;
    expect([a, b]).toContain(superviviente);
    await expect.poll(() => filasDe(superviviente)).toBe(antes);
    expect(await filasDe(fusionado)).toBe(0);
    const nombreFusionado = superviviente === a ? nombreB : nombreA;
    await page.getByRole('link', { name: nombreFusionado! }).waitFor();
    await page.screenshot({ path: path.join(ARTEFACTOS, 'duplicados-ficha.png'), fullPage: true });

    // An old link to the merged record leads to the survivor.
    await page.goto(`${e.url}/clientes/${fusionado}`);
    await page.waitForURL(new RegExp(`/clientes/${superviviente}\\?desde=${fusionado}`));
    await page.getByText(`El cliente ${fusionado} se fusionó con esta ficha`).waitFor();

    // The pair is no longer proposed.
    await page.goto(`${e.url}/calidad/duplicados`);
    await page.getByRole('heading', { name: 'Posibles duplicados' }).waitFor();
    await expect
      .poll(() => page.getByRole('button', { name: `Comparar y fusionar ${nombreA} con ${nombreB}` }).count())
      .toBe(0);
    expect(errores).toEqual([]);
    await page.close();
  });
});
