import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hoyEnSantiago } from '../src/shared/formato.ts';
import { rutValido } from '../test/fabricas.ts';
import { abrirEscenario, ARTEFACTOS, ingresar, type Escenario } from './navegador.ts';

/**
 * Stored XSS: payloads saved through the API in every text field, then the pages that show them.
 * Each payload calls window.xssEjecutado (exposed by the test) if it ever runs; the test also fails on a
 * dialog, on a CSP violation (an injection that only the CSP stopped is still a bug) and on any
 * payload element that made it into the DOM as markup.
 */
const PIEZAS = [
  (m: string) => `<img src=x onerror=xssEjecutado('${m}i')>`,
  (m: string) => `<script>xssEjecutado('${m}s')</script>`,
  (m: string) => `"><svg onload=xssEjecutado('${m}v')>`,
  (m: string) => `javascript:xssEjecutado('${m}j')`,
  (m: string) => `{{constructor.constructor('xssEjecutado("${m}t")')()}}`,
];
let marca = 0;
/** As many payloads as fit in `max` characters, tagged so a run says which field it came from. */
function carga(max: number): string {
  const m = `${++marca}`;
  let texto = `X${m} `;
  for (const p of PIEZAS) if ((texto + p(m)).length <= max) texto += p(m);
  return texto;
}

let e: Escenario;
let page: Page;
const ejecutados: string[] = [];
const dialogos: string[] = [];
const ids = { cliente: 0, equipo: 0, campana: 0, token: '' };

async function api<T = { [k: string]: unknown }>(metodo: 'POST' | 'PATCH', ruta: string, data: object): Promise<T> {
  const r = await page.request.fetch(`${e.url}${ruta}`, {
    method: metodo,
    data,
    // Playwright's request API sends no Origin: it identifies itself like api.ts does (CSRF check).
    headers: { 'x-rancho-csrf': '1' },
  });
  if (!r.ok()) throw new Error(`${metodo} ${ruta}: ${r.status()} ${await r.text()}`);
  return (await r.json().catch(() => ({}))) as T;
}

beforeAll(async () => {
  e = await abrirEscenario();
  page = await e.browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'es-CL' });
  await page.exposeFunction('xssEjecutado', (m: string) => ejecutados.push(String(m)));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (ev) =>
      (window as unknown as { xssEjecutado(m: string): void }).xssEjecutado(`csp:${ev.violatedDirective}`),
    );
  });
  page.on('dialog', (d) => {
    dialogos.push(d.message());
    void d.dismiss();
  });
  await ingresar(page, e.url);

  const hoy = hoyEnSantiago();
  const etiqueta = await api<{ id_etiqueta: number }>('POST', '/api/etiquetas', { nombre: carga(60) });
  const { cliente } = await api<{ cliente: { id_cliente: number } }>('POST', '/api/clientes', {
    nombre: carga(200),
    rut: rutValido(),
    direccion: carga(300),
    notas: carga(4000),
    telefono: '+56912345678',
    email: 'xss@ejemplo.cl',
    etiquetas: [etiqueta.id_etiqueta],
  });
  ids.cliente = cliente.id_cliente;
  await api('POST', `/api/clientes/${ids.cliente}/interacciones`, {
    tipo: 'llamada',
    fecha: new Date().toISOString(),
    motivo: carga(200),
    descripcion: carga(5000),
    resultado: carga(2000),
    seguimiento_requerido: true,
    fecha_seguimiento: hoy,
  });
  const equipo = await api<{ id_equipo: number }>('POST', '/api/equipos', {
    id_cliente: ids.cliente,
    tipo: 'tractor',
    marca: carga(60),
    modelo: carga(80),
    numero_serie: carga(60),
  });
  ids.equipo = equipo.id_equipo;
  await api('POST', '/api/ordenes', {
    id_cliente: ids.cliente,
    id_equipo: ids.equipo,
    tipo: 'correctiva',
    fecha_ingreso: hoy,
    numero: carga(40),
    descripcion: carga(5000),
    monto_total: 150_000,
  });
  await api('POST', '/api/pedidos', {
    id_cliente: ids.cliente,
    fecha: hoy,
    numero: carga(40),
    monto_total: 90_000,
    items: [{ codigo: carga(40), descripcion: carga(200), cantidad: 1, precio: 90_000 }],
  });
  await api('POST', '/api/cotizaciones', {
    id_cliente: ids.cliente,
    fecha: hoy,
    numero: carga(40),
    descripcion: carga(5000),
    monto_total: 300_000,
  });
  const campana = await api<{ id_campana: number }>('POST', '/api/campanas', {
    nombre: carga(120),
    canal: 'email',
    asunto: carga(200),
    cuerpo: carga(5000),
    filtros: {},
  });
  ids.campana = campana.id_campana;
  const encuesta = await api<{ enlace: string }>('POST', '/api/encuestas', { id_cliente: ids.cliente, canal: 'email' });
  ids.token = encuesta.enlace.split('/e/')[1]!;
  await api('POST', `/api/public/encuestas/${ids.token}`, {
    puntuacion_general: 2,
    puntuacion_tiempo: 3,
    puntuacion_calidad: 2,
    puntuacion_precio: 4,
    puntuacion_atencion: 3,
    recomendaria: false,
    comentarios: carga(4000),
    respuesta_extra: carga(2000),
  });
});
afterAll(() => e?.cerrar());

/** Payload elements that became markup, and scripts carrying a payload. */
const inyectados = () =>
  page.evaluate(
    () =>
      document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload]').length +
      [...document.scripts].filter((s) => s.textContent?.includes('xssEjecutado')).length +
      [...document.querySelectorAll('a[href^="javascript:" i]')].length,
  );

describe('XSS almacenado', () => {
  it('el detector funciona: la misma carga como HTML, sin CSP, sí se detecta', async () => {
    const prueba = await e.browser.newPage();
    const vistos: string[] = [];
    await prueba.exposeFunction('xssEjecutado', (m: string) => vistos.push(String(m)));
    await prueba.setContent(`<div>${carga(400)}</div>`);
    await expect.poll(() => vistos.length).toBeGreaterThan(0);
    expect(await prueba.evaluate(() => document.querySelectorAll('[onerror]').length)).toBe(1);
    await prueba.close();
  });

  it('las páginas del sitio y de la encuesta no tienen scripts en línea y llevan la CSP estricta', async () => {
    for (const archivo of ['dist/web/index.html', 'dist/encuesta/index.html']) {
      const html = fs.readFileSync(path.resolve(archivo), 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length, archivo).toBeGreaterThan(0);
      for (const [, atributos, contenido] of scripts) {
        expect(atributos, archivo).toMatch(/\bsrc=/);
        expect(contenido!.trim(), archivo).toBe('');
      }
      expect(html, archivo).not.toMatch(/\son[a-z]+\s*=/i);
    }
    for (const ruta of ['/clientes', `/e/${ids.token}`]) {
      const r = await page.request.get(`${e.url}${ruta}`);
      const csp = r.headers()['content-security-policy']!;
      expect(csp, ruta).toMatch(/script-src 'self'(;|$)/);
      expect(csp, ruta).toContain("frame-ancestors 'none'");
    }
  });

  const PAGINAS: [string, () => string, RegExp | null][] = [
    ['lista de clientes', () => '/clientes', /<img src=x onerror=/i],
    ['ficha', () => `/clientes/${ids.cliente}`, /<script>xssEjecutado/i],
    ['edición del cliente', () => `/clientes/${ids.cliente}/editar`, null],
    ['historia (timeline)', () => `/clientes/${ids.cliente}/historia`, /<svg onload=/i],
    ['preparar visita', () => `/clientes/${ids.cliente}/visita`, null],
    ['valor del cliente', () => `/clientes/${ids.cliente}/valor`, null],
    ['seguimientos', () => '/seguimientos', /<img src=x onerror=/i],
    ['alertas', () => '/alertas', null],
    ['equipo', () => `/equipos/${ids.equipo}`, /<img src=x onerror=/i],
    ['órdenes', () => '/ordenes', /<img src=x onerror=/i],
    ['pedidos', () => '/pedidos', /<img src=x onerror=/i],
    ['cotizaciones', () => '/cotizaciones', /<img src=x onerror=/i],
    ['etiquetas', () => '/ajustes/etiquetas', /<img src=x onerror=/i],
    ['campañas', () => '/campanas', /<img src=x onerror=/i],
    ['resultados de la campaña', () => `/campanas/${ids.campana}`, null],
    ['bandeja de salida', () => '/bandeja', null],
    ['satisfacción (comentarios)', () => '/satisfaccion', null],
    ['encuesta pública', () => `/e/${ids.token}`, null],
  ];

  it.each(PAGINAS)('%s: el texto se muestra tal cual y nada se ejecuta', async (nombre, ruta, visible) => {
    await page.goto(`${e.url}${ruta()}`);
    await page.waitForLoadState('networkidle');
    await expect.poll(async () => !visible || visible.test(await page.locator('body').innerText())).toBe(true);
    // Hover and open what reveals more text (tooltips, menus) is out of scope; scroll loads lazy rows.
    await page.mouse.wheel(0, 4000);
    await page.waitForTimeout(300);
    expect(await inyectados(), nombre).toBe(0);
    expect(ejecutados, nombre).toEqual([]);
    expect(dialogos, nombre).toEqual([]);
  });

  it('los comentarios de la encuesta se ven como texto en satisfacción', async () => {
    await page.goto(`${e.url}/satisfaccion`);
    await page.waitForLoadState('networkidle');
    const pestana = page.getByRole('tab', { name: /Comentarios/i });
    if (await pestana.count()) await pestana.first().click();
    await expect
      .poll(async () => /<img src=x onerror=/.test(await page.locator('body').innerText()), { timeout: 15_000 })
      .toBe(true);
    await page.screenshot({ path: path.join(ARTEFACTOS, 'xss-satisfaccion.png') });
    expect(await inyectados()).toBe(0);
    expect(ejecutados).toEqual([]);
  });
});
