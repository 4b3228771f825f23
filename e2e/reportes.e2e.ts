import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hoyEnSantiago } from '../src/shared/formato.ts';
import { recalcularActividad } from '../src/server/clientes/actividad.ts';
import { sembrarCartera, sembrarElTriunfo, type ElTriunfo } from '../src/server/documentos/datosDePrueba.ts';
import { textoDePdf } from '../src/server/documentos/textoPdf.ts';
import { crearUsuario } from '../src/server/usuarios/usuarios.ts';
import { recalcularValor } from '../src/server/valor/valor.ts';
import { abrirEscenario, ARTEFACTOS, ingresar, type Escenario } from './navegador.ts';

const WEB = path.resolve('dist/web');

let e: Escenario;
let triunfo: ElTriunfo;
beforeAll(async () => {
  e = await abrirEscenario();
  const hoy = hoyEnSantiago();
  // Agrícola El Triunfo (Biobío) and six fundos from O'Higgins to Los Lagos, then the nightly recomputation.
  triunfo = await sembrarElTriunfo(e.db.db, hoy);
  await sembrarCartera(e.db.db, hoy);
  await recalcularActividad(e.db.db, hoy);
  await recalcularValor(e.db.db, hoy);
});
afterAll(() => e?.cerrar());

async function nuevaPagina(): Promise<{ page: Page; errores: string[] }> {
  const page = await e.browser.newPage({
    viewport: { width: 1366, height: 768 },
    locale: 'es-CL',
    timezoneId: 'America/Santiago',
    acceptDownloads: true,
  });
  const errores: string[] = [];
  page.on('pageerror', (err) => errores.push(err.message));
  await ingresar(page, e.url);
  return { page, errores };
}

describe('reportes: tablero, mapa y preparación de visita', () => {
  it('el tablero muestra los cinco KPIs con números y su primera carga pesa ≤ 250 kB de JS gzip', async () => {
    const { page, errores } = await nuevaPagina();
    // A fresh load of "/", as after typing the address: count every script it fetches.
    const scripts: string[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(`${e.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Tablero' }).waitFor();
    const tarjetas = page.locator('article[data-kpi]');
    await expect.poll(() => tarjetas.count()).toBe(5);
    for (const nombre of [
      'Tasa de retención',
      'Valor cliente promedio',
      'NPS global',
      'Frecuencia de interacción',
      'Tasa de conversión de cotizaciones',
    ]) {
      const valor = await page.getByRole('article', { name: nombre }).locator('[data-valor]').innerText();
      expect(valor, nombre).toMatch(/\d/);
    }
    // 3 accepted of 5 resolved quotes of the portfolio (1 pending, and El Triunfo's COT-77 pending).
    await page.getByRole('article', { name: 'Tasa de conversión de cotizaciones' }).getByText('2 pendientes').waitFor();
    await page.waitForLoadState('networkidle');
    const gzip = [...new Set(scripts)].reduce(
      (s, ruta) => s + zlib.gzipSync(fs.readFileSync(path.join(WEB, ruta))).length,
      0,
    );
    console.log(`Tablero: primera carga ${scripts.length} scripts, ${(gzip / 1024).toFixed(1)} kB de JS gzip`);
    expect(gzip).toBeLessThanOrEqual(250 * 1024);
    await page.screenshot({ path: path.join(ARTEFACTOS, 'tablero.png'), fullPage: true });

    // Click-through: the customers behind the NPS, by group, with their CSV.
    await page.getByRole('button', { name: 'Ver los clientes detrás de: NPS global' }).click();
    const cajon = page.getByRole('dialog', { name: /Clientes detrás de: NPS global/ });
    await cajon.getByText('7 clientes').waitFor();
    await cajon.getByText('Detractores', { exact: true }).click();
    await cajon.getByRole('link', { name: 'Fundo Rancagua' }).waitFor();
    await expect.poll(() => cajon.getByRole('row').count()).toBe(2);
    await page.screenshot({ path: path.join(ARTEFACTOS, 'tablero-clientes.png') });
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      cajon.getByRole('link', { name: 'Descargar CSV' }).click(),
    ]);
    expect(fs.readFileSync((await csv.path())!, 'utf8')).toContain('Fundo Rancagua');
    expect(errores).toEqual([]);
  });

  it('un técnico no ve el tablero: "/" lo lleva a la lista de clientes', async () => {
    const tecnico = { email: 'tecnico@rancho.cl', password: 'tecnico-e2e-2026' };
    await crearUsuario(e.db.db, { ...tecnico, nombre: 'Técnico Demo', rol: 'tecnico' });
    const page = await e.browser.newPage({ viewport: { width: 1366, height: 768 } });
    await ingresar(page, e.url, tecnico);
    await page.goto(`${e.url}/`);
    await page.waitForURL(/\/clientes$/);
    expect(await page.getByRole('link', { name: 'Tablero' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Mapa' }).waitFor();
  });

  it('el mapa pinta las 16 regiones, las con clientes en color, y muestra las comunas de una región', async () => {
    const { page, errores } = await nuevaPagina();
    await page.getByRole('link', { name: 'Mapa' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mapa de clientes' }).waitFor();
    const regiones = page.locator('path[data-region]');
    await expect.poll(() => regiones.count()).toBe(16);
    // Biobío (El Triunfo) and the six regions of the portfolio have clientes: 7 coloured, 9 empty.
    expect(await page.locator('path[data-region][data-vacia="no"]').count()).toBe(7);
    const rellenos = await regiones.evaluateAll((ps) =>
      ps.map((p) => [p.getAttribute('data-region'), p.getAttribute('fill'), p.getAttribute('data-vacia')]),
    );
    expect(new Set(rellenos.filter(([, , vacia]) => vacia === 'si').map(([, fill]) => fill)).size).toBe(1);
    expect(rellenos.find(([codigo]) => codigo === '08')![1]).not.toBe(rellenos.find(([codigo]) => codigo === '15')![1]);
    await page.screenshot({ path: path.join(ARTEFACTOS, 'mapa.png') });

    // Colour by value; then click Biobío: its comunas, Los Ángeles with El Triunfo.
    await page
      .locator('label')
      .filter({ hasText: /^Valor$/ })
      .click();
    await expect.poll(() => page.locator('path[data-region="08"]').getAttribute('data-valor')).toBe('2620000');
    await page.locator('path[data-region="08"]').click();
    const comunas = page.getByRole('table', { name: 'Comunas de Biobío' });
    await comunas.getByRole('cell', { name: 'Los Ángeles' }).waitFor();
    await page.screenshot({ path: path.join(ARTEFACTOS, 'mapa-biobio.png') });
    expect(errores).toEqual([]);
  });

  it('el brief de visita de Agrícola El Triunfo se ve en pantalla y se descarga en PDF con sus equipos y su área más débil', async () => {
    const { page, errores } = await nuevaPagina();
    await page.goto(`${e.url}/clientes/${triunfo.id}/visita`);
    await page.getByRole('heading', { level: 1, name: 'Preparar visita: Agrícola El Triunfo' }).waitFor();
    const puntos = page.getByRole('list', { name: 'Puntos de conversación' });
    await puntos.getByText('Reconocer los tiempos de respuesta (5,3/10) y explicar cómo los mejoraremos').waitFor();
    await puntos.getByText('Destacar la calidad del servicio (9,7/10)').waitFor();
    await puntos.getByRole('checkbox', { name: /Retomar la cotización COT-77 por \$2\.000\.000/ }).check();
    await page.screenshot({ path: path.join(ARTEFACTOS, 'visita.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(ARTEFACTOS, 'visita-impresa.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    const [descarga] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Descargar PDF' }).click(),
    ]);
    expect(descarga.suggestedFilename()).toMatch(/^visita-agricola-el-triunfo-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = fs.readFileSync((await descarga.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    fs.writeFileSync(path.join(ARTEFACTOS, 'visita-agricola-el-triunfo.pdf'), pdf);
    const texto = textoDePdf(pdf).replace(/\s+/g, ' ');
    expect(texto).toContain('John Deere');
    expect(texto).toContain('Claas Tucano 570');
    expect(texto).toContain('tiempo de respuesta');
    expect(texto).toContain('Agrícola El Triunfo');

    // The ficha PDF link of the same page, and both downloads in the audit trail.
    const [ficha] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Ficha en PDF' }).click(),
    ]);
    expect(textoDePdf(fs.readFileSync((await ficha.path())!))).toContain('Ficha completa del cliente');
    const auditoria = await e.db.db
      .selectFrom('auditoria')
      .select(['entidad', 'detalle'])
      .where('id_cliente', '=', triunfo.id)
      .where('accion', '=', 'exportar')
      .execute();
    const documentos = auditoria.map(
      (a) => `${a.entidad}.${(typeof a.detalle === 'string' ? JSON.parse(a.detalle) : a.detalle).formato}`,
    );
    // The screen's JSON is audited too (React's development build may fetch it twice on mount).
    expect(documentos).toContain('visita.json');
    expect(documentos.filter((d) => d !== 'visita.json').sort()).toEqual(['ficha.pdf', 'visita.pdf']);
    expect(errores).toEqual([]);
  });
});
