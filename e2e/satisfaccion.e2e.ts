import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crearCliente } from '../test/fabricas.ts';
import { abrirEscenario, ARTEFACTOS, ingresar, type Escenario } from './navegador.ts';

let e: Escenario;
let idCliente: number;
beforeAll(async () => {
  e = await abrirEscenario();
  idCliente = await crearCliente(e.db.db, { nombre: 'Agrícola Los Aromos', telefono: '+56912345678' });
});
afterAll(() => e?.cerrar());

const PREGUNTAS: [string, string][] = [
  ['¿Cómo evalúa su experiencia en general?', '10'],
  ['Tiempo de respuesta', '6'],
  ['Calidad del servicio', '9'],
  ['Precio', '8'],
  ['Atención al cliente', '10'],
];

describe('encuesta de satisfacción, del envío a la respuesta en el celular y al reporte', () => {
  it('el cliente responde en su celular y el reporte y la ficha lo cuentan', async () => {
    const personal = await e.browser.newPage({
      viewport: { width: 1366, height: 800 },
      locale: 'es-CL',
      timezoneId: 'America/Santiago',
    });
    const errores: string[] = [];
    personal.on('pageerror', (err) => errores.push(err.message));
    await ingresar(personal, e.url);

    // The staff creates the survey (the ficha's "Enviar encuesta" does the same call).
    const creada = await personal.request.post(`${e.url}/api/encuestas`, {
      data: { id_cliente: idCliente, canal: 'whatsapp' },
      // Playwright's request API sends no Origin: it identifies itself like api.ts does (CSRF check).
      headers: { 'x-rancho-csrf': '1' },
    });
    expect(creada.status()).toBe(201);
    const encuesta = (await creada.json()) as { enlace: string; enlace_whatsapp: string | null };
    expect(encuesta.enlace_whatsapp).toMatch(/^https:\/\/wa\.me\/56912345678\?text=/);
    // PUBLIC_URL is not this test server's port: keep only the token of the link.
    const enlace = `${e.url}/e/${encuesta.enlace.split('/e/')[1]}`;

    // The cliente: a phone-sized screen, no session.
    const celular = await e.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'es-CL',
    });
    const movil = await celular.newPage();
    const bajadas: string[] = [];
    movil.on('response', (r) => bajadas.push(r.url()));
    await movil.goto(enlace);
    await movil.getByText('Hola Agrícola, gracias por confiar en nuestro taller.', { exact: false }).waitFor();
    for (const [pregunta, nota] of PREGUNTAS) {
      await movil
        .getByRole('group', { name: pregunta, exact: true })
        .getByRole('radio', { name: nota, exact: true })
        .tap();
    }
    await movil
      .getByRole('group', { name: '¿Nos recomendaría a otros agricultores?' })
      .getByRole('radio', { name: 'Sí' })
      .tap();
    await movil.getByRole('textbox').first().fill('Muy buena atención del técnico, pero tardaron en venir.');
    await movil.screenshot({ path: path.join(ARTEFACTOS, 'encuesta-movil.png'), fullPage: true });
    await movil.getByRole('button', { name: 'Enviar respuesta' }).tap();
    await movil.getByText('¡Gracias!', { exact: false }).waitFor();

    // The public page is its own tiny build: everything it downloads must stay small on a rural connection.
    expect(bajadas.some((u) => /\/e\/assets\/.+\.js$/.test(u))).toBe(true);
    const dir = path.resolve('dist/encuesta/assets');
    const gzip = fs
      .readdirSync(dir)
      .filter((f) => /\.(js|css)$/.test(f))
      .reduce((suma, f) => suma + zlib.gzipSync(fs.readFileSync(path.join(dir, f))).length, 0);
    expect(gzip).toBeLessThanOrEqual(60 * 1024);

    // Staff side: the report counts it, the comment is searchable without accents.
    await personal.getByRole('link', { name: 'Satisfacción' }).click();
    await personal.getByRole('heading', { level: 1, name: 'Satisfacción' }).waitFor();
    const nps = personal.getByRole('region', { name: 'NPS', exact: true });
    await nps.getByText('1 respondida').waitFor();
    await expect.poll(() => nps.getByText('+100').count()).toBe(1);
    await personal
      .getByRole('alert')
      .filter({ hasText: 'Área más débil' })
      .getByText('Tiempo de respuesta: 6,0')
      .waitFor();
    await personal.getByLabel('Buscar en los comentarios').fill('atencion del tecnico');
    await personal.getByRole('link', { name: 'Agrícola Los Aromos' }).waitFor();
    await personal.getByText('1 comentario', { exact: true }).waitFor();
    // The charts arrive in their own lazily loaded chunk.
    await personal.locator('.recharts-legend-wrapper').first().getByText('NPS').waitFor();
    await personal.screenshot({ path: path.join(ARTEFACTOS, 'satisfaccion.png'), fullPage: true });

    // The cliente's ficha: its API carries the answer, and its satisfaction section shows it.
    const ficha = (await (await personal.request.get(`${e.url}/api/clientes/${idCliente}/ficha`)).json()) as {
      satisfaccion: { respondidas: number; nps: { nps: number } };
    };
    expect(ficha.satisfaccion.respondidas).toBe(1);
    expect(ficha.satisfaccion.nps.nps).toBe(100);
    await personal.getByRole('link', { name: 'Agrícola Los Aromos' }).click();
    await personal
      .getByRole('region', { name: 'Satisfacción' })
      .getByText(/1 encuesta\b/)
      .waitFor();

    // The link works once.
    await movil.goto(enlace);
    await movil.getByText('Ya recibimos su respuesta', { exact: false }).waitFor();
    await celular.close();
    expect(errores).toEqual([]);
  });

  it('desde /satisfaccion: registra por teléfono a un detractor, envía una encuesta, edita la plantilla y cambia el período', async () => {
    const page = await e.browser.newPage({
      viewport: { width: 1366, height: 900 },
      locale: 'es-CL',
      timezoneId: 'America/Santiago',
    });
    await ingresar(page, e.url);
    await page.goto(`${e.url}/satisfaccion`);
    await page.getByRole('region', { name: 'NPS', exact: true }).getByText('1 respondida').waitFor();

    await page.getByRole('button', { name: 'Registrar encuesta telefónica' }).click();
    const dialogo = page.getByRole('dialog', { name: 'Registrar encuesta telefónica' });
    await dialogo.getByRole('button', { name: 'Guardar encuesta' }).click();
    await dialogo.getByText('Elija el cliente.').waitFor();

    await dialogo.getByLabel('Cliente').fill('aromos');
    await page.getByRole('option', { name: 'Agrícola Los Aromos' }).click();
    const notas: [string, string][] = [
      ['Nota general', '4'],
      ['Tiempo de respuesta', '3'],
      ['Calidad', '6'],
      ['Precio', '5'],
      ['Atención', '7'],
    ];
    for (const [pregunta, nota] of notas) {
      await dialogo.getByRole('radiogroup', { name: pregunta, exact: true }).getByText(nota, { exact: true }).click();
    }
    await dialogo.getByRole('radiogroup', { name: '¿Recomendaría?' }).getByText('No', { exact: true }).click();
    await dialogo.getByLabel('Comentarios').fill('El repuesto demoró tres semanas.');
    await page.screenshot({ path: path.join(ARTEFACTOS, 'encuesta-telefonica.png') });
    await dialogo.getByRole('button', { name: 'Guardar encuesta' }).click();
    await dialogo.waitFor({ state: 'detached' });

    const nps = page.getByRole('region', { name: 'NPS', exact: true });
    await nps.getByText('2 respondidas').waitFor();
    await expect.poll(() => nps.getByText('0', { exact: true }).count()).toBe(1); // (1 promotor − 1 detractor) / 2
    await page.getByRole('alert').filter({ hasText: 'Área más débil' }).getByText('Tiempo de respuesta: 4,5').waitFor();
    await page.getByRole('heading', { name: 'Tendencia de 24 meses' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTEFACTOS, 'satisfaccion-detractor.png') });

    // "Enviar encuesta" from the report: pick the cliente, get the WhatsApp link ready to open.
    await page.getByRole('button', { name: 'Enviar encuesta' }).click();
    const envio = page.getByRole('dialog', { name: 'Enviar encuesta' });
    await envio.getByLabel('Cliente').fill('los aromos');
    await page.getByRole('option', { name: 'Agrícola Los Aromos' }).click();
    await envio.getByRole('button', { name: 'Crear enlace' }).click();
    await envio.getByText('Enlace listo').waitFor();
    expect(await envio.getByRole('link', { name: 'Abrir WhatsApp' }).getAttribute('href')).toMatch(
      /^https:\/\/wa\.me\/56912345678\?text=Hola%20Agr/,
    );
    expect(await envio.getByLabel('Enlace de la encuesta').inputValue()).toMatch(/\/e\/[\w-]{20,}$/);
    await envio.getByRole('button', { name: 'Copiar enlace' }).waitFor();
    await page.screenshot({ path: path.join(ARTEFACTOS, 'enviar-encuesta.png') });
    await envio.getByRole('button', { name: 'Cerrar' }).click();
    // The survey counts as sent: 2 sent (the API one and this one), 1 answered.
    await nps
      .page()
      .getByRole('region', { name: 'Tasa de respuesta' })
      .getByText('1 de 2 encuestas enviadas')
      .waitFor();

    // The admin edits the survey's greeting and adds an open question.
    await page.getByRole('button', { name: 'Plantilla de encuesta' }).click();
    const plantilla = page.getByRole('dialog', { name: 'Plantilla de encuesta' });
    await plantilla.getByLabel('Saludo').fill('Hola {nombre}, ¿qué tal {servicio}?');
    await plantilla.getByText('Hola Juan, ¿qué tal la mantención preventiva', { exact: false }).waitFor();
    await plantilla.getByLabel('Pregunta adicional (opcional)').fill('¿Qué podríamos mejorar?');
    await plantilla.getByRole('button', { name: 'Guardar plantilla' }).click();
    await plantilla.waitFor({ state: 'detached' });
    const activa = await e.db.db
      .selectFrom('plantillas_encuesta')
      .select(['introduccion', 'pregunta_extra'])
      .where('activa', '=', true)
      .executeTakeFirstOrThrow();
    expect(activa).toEqual({
      introduccion: 'Hola {nombre}, ¿qué tal {servicio}?',
      pregunta_extra: '¿Qué podríamos mejorar?',
    });

    // Quick periods live in the URL; the page also fits a phone.
    await page.getByText('3 meses', { exact: true }).click();
    await page.waitForURL(/meses=3/);
    await expect.poll(() => page.getByRole('radio', { name: '3 meses' }).isChecked()).toBe(true);
    await nps.getByText('2 respondidas').waitFor();
    await page.setViewportSize({ width: 390, height: 844 });

    await page.screenshot({ path: path.join(ARTEFACTOS, 'satisfaccion-movil.png'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const guardada = await e.db.db
      .selectFrom('encuestas_satisfaccion')
      .select(['canal', 'puntuacion_general', 'puntuacion_tiempo', 'recomendaria', 'nps'])
      .where('id_cliente', '=', idCliente)
      .where('canal', '=', 'telefono')
      .executeTakeFirstOrThrow();
    expect(guardada).toEqual({
      canal: 'telefono',
      puntuacion_general: 4,
      puntuacion_tiempo: 3,
      recomendaria: false,
      nps: -1,
    });
  });
});
