import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restarMeses } from '../src/shared/actividad.ts';
import { hoyEnSantiago } from '../src/shared/formato.ts';
import type { Conexion } from '../src/server/db/tipos.ts';
import { recalcularValor } from '../src/server/valor/valor.ts';
import { crearCliente } from '../test/fabricas.ts';
import { abrirEscenario, ARTEFACTOS, ingresar, type Escenario } from './navegador.ts';

let e: Escenario;
beforeAll(async () => {
  e = await abrirEscenario();
});
afterAll(() => e?.cerrar());

const hoy = hoyEnSantiago();
const manana = new Date(Date.parse(`${hoy}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const ddmmaaaa = (iso: string) => iso.split('-').reverse().join('-');

const orden = (db: Conexion, id_cliente: number, fecha: string, monto_total: number, id_equipo: number | null = null) =>
  db
    .insertInto('ordenes_trabajo')
    .values({
      id_cliente,
      id_equipo,
      tipo: 'preventiva',
      estado: 'terminada',
      fecha_ingreso: fecha,
      fecha_cierre: fecha,
      monto_total,
    })
    .execute();

/**
 * Ten clientes of very different value, so the top ones make up 80 % (segment A). The largest,
 * "Agrícola Los Robles", owns a 2005 tractor last serviced 13 months ago (its 12-month plan is
 * overdue, and a 21-year-old machine is due for renewal) and spent nothing in the last year.
 */
async function sembrar(db: Conexion): Promise<{ idRobles: number }> {
  const idRobles = await crearCliente(db, { nombre: 'Agrícola Los Robles' });
  const { id_equipo } = await db
    .insertInto('equipos')
    .values({ id_cliente: idRobles, tipo: 'tractor', marca: 'Massey Ferguson', modelo: '290', anio: 2005 })
    .returning('id_equipo')
    .executeTakeFirstOrThrow();
  await orden(db, idRobles, restarMeses(hoy, 20), 4_000_000);
  await orden(db, idRobles, restarMeses(hoy, 13), 1_200_000, id_equipo);

  const otros = [3_000_000, 1_800_000, 1_200_000, 900_000, 600_000, 400_000, 250_000, 150_000, 80_000];
  for (const [i, monto] of otros.entries()) {
    const id = await crearCliente(db, { nombre: `Fundo Valor ${i + 2}` });
    // Part this year, part the year before: the ranking then has trends to show.
    await orden(db, id, restarMeses(hoy, 3), Math.round(monto * 0.6));
    await orden(db, id, restarMeses(hoy, 15), Math.round(monto * 0.4));
  }
  return { idRobles };
}

describe('valor y oportunidades', () => {
  it('de la matriz de segmentos al cliente, y de su oportunidad a un seguimiento', async () => {
    const db = e.db.db;
    const { idRobles } = await sembrar(db);
    await recalcularValor(db);
    const m = await db
      .selectFrom('metricas_clientes')
      .select(['segmento_abc', 'potencial_alto'])
      .where('id_cliente', '=', idRobles)
      .executeTakeFirstOrThrow();
    expect(m.segmento_abc).toBe('A');
    const celda = `${m.segmento_abc} / ${m.potencial_alto ? 'alto' : 'bajo'}`;

    const page = await e.browser.newPage({
      viewport: { width: 1366, height: 900 },
      locale: 'es-CL',
      timezoneId: 'America/Santiago',
    });
    const errores: string[] = [];
    page.on('pageerror', (err) => errores.push(err.message));
    await ingresar(page, e.url);

    await page.getByRole('link', { name: 'Valor', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Valor de clientes' }).waitFor();
    // The ranking lists the top cliente first, with its formatted value.
    await page.getByRole('link', { name: 'Agrícola Los Robles' }).waitFor();
    await expect.poll(() => page.getByText('$5.200.000').count()).toBeGreaterThan(0);
    const enlaceCelda = page.getByRole('link', { name: new RegExp(`^${celda.replace('/', '\\/')}:`) });
    await enlaceCelda.waitFor();
    // Ranking filters: a custom period starts from the dates on screen; segment A has the top four.
    await page.getByLabel('Período').click();
    await page.getByRole('option', { name: 'Personalizado' }).click();
    expect(await page.getByLabel('Desde').inputValue()).toBe(ddmmaaaa(restarMeses(hoy, 12)));
    await page.getByRole('combobox', { name: 'Segmento', exact: true }).click();
    await page.getByRole('option', { name: 'Segmento A' }).click();
    await page.getByText(/^4 clientes · período/).waitFor();
    expect(page.url()).toContain('segmento=A');

    // The admin card: the recompute and the from-scratch check answer on the page.
    await page.getByRole('button', { name: 'Verificar métricas' }).click();
    await page.getByText('Métricas correctas').waitFor();
    await page.getByRole('button', { name: 'Recalcular ahora' }).click();
    await page.getByText(/^10 clientes recalculados/).waitFor();
    // From the top: the shell's fixed header would otherwise be painted over the middle of a full-page shot.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(ARTEFACTOS, 'segmentos.png'), fullPage: true });

    await enlaceCelda.click();
    await page.waitForURL(
      new RegExp(`/clientes\\?segmento=${m.segmento_abc}&potencial=${m.potencial_alto ? 'alto' : 'bajo'}`),
    );
    await page.getByRole('heading', { level: 1, name: 'Clientes' }).waitFor();
    await page.getByRole('link', { name: 'Agrícola Los Robles' }).click();
    await page.getByRole('heading', { level: 1, name: 'Agrícola Los Robles' }).waitFor();

    await page.goto(`${e.url}/clientes/${idRobles}/valor`);
    await page.getByRole('heading', { level: 1, name: 'Agrícola Los Robles' }).waitFor();
    await page.getByText('Segmento A', { exact: true }).waitFor();
    const atrasada = page.getByText(/^Mantención atrasada del tractor Massey Ferguson 290/);
    await atrasada.waitFor();
    await page.getByText(/^Renovación: tractor Massey Ferguson 290 del año 2005/).waitFor();
    const motivo = (await atrasada.textContent()) ?? '';
    await page.screenshot({ path: path.join(ARTEFACTOS, 'valor-cliente.png'), fullPage: true });

    await page.getByRole('button', { name: `Crear seguimiento: ${motivo}` }).click();
    const dialogo = page.getByRole('dialog', { name: /Crear seguimiento/ });
    await dialogo.waitFor();
    expect(await dialogo.getByLabel('Fecha de seguimiento').inputValue()).toBe(ddmmaaaa(manana));
    await dialogo.getByLabel('Nota').fill('Ofrecer la mantención de los 12 meses antes de la cosecha.');
    // Only for the artefact: let the dialog's 200 ms opening transition finish before the picture.
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(ARTEFACTOS, 'crear-seguimiento.png') });
    await dialogo.getByRole('button', { name: 'Guardar seguimiento' }).click();
    await dialogo.waitFor({ state: 'hidden' });

    await expect
      .poll(() =>
        db
          .selectFrom('interacciones_cliente')
          .select(['tipo', 'seguimiento_requerido', 'fecha_seguimiento', 'descripcion'])
          .where('id_cliente', '=', idRobles)
          .where('motivo', '=', motivo)
          .execute(),
      )
      .toEqual([
        {
          tipo: 'otro',
          seguimiento_requerido: true,
          fecha_seguimiento: manana,
          descripcion: 'Ofrecer la mantención de los 12 meses antes de la cosecha.',
        },
      ]);

    await page.getByRole('link', { name: 'Oportunidades', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Oportunidades' }).waitFor();
    // The chips are radios behind their labels: a person clicks the label.
    await page.getByText(/^Renovación · 1 · \$2\.400\.000$/).click();
    await page.getByText('1 oportunidad de tipo «Renovación»').waitFor();
    expect(await page.getByRole('radio', { name: /^Renovación/ }).isChecked()).toBe(true);
    await page.screenshot({ path: path.join(ARTEFACTOS, 'oportunidades.png'), fullPage: true });

    // The renewal becomes a quote for its estimated value, dated today.
    await page.getByRole('button', { name: /^Crear cotización: Renovación/ }).click();
    const cotizacion = page.getByRole('dialog', { name: /Crear cotización/ });
    expect(await cotizacion.getByLabel('Monto total').inputValue()).toBe('$2.400.000');
    await cotizacion.getByRole('button', { name: 'Guardar cotización' }).click();
    await cotizacion.waitFor({ state: 'hidden' });
    await expect
      .poll(() =>
        db
          .selectFrom('cotizaciones')
          .select(['monto_total', 'fecha', 'estado', 'descripcion'])
          .where('id_cliente', '=', idRobles)
          .execute(),
      )
      .toEqual([
        {
          monto_total: 2_400_000,
          fecha: hoy,
          estado: 'pendiente',
          descripcion: 'Renovación: tractor Massey Ferguson 290 del año 2005',
        },
      ]);
    expect(errores).toEqual([]);
  });
});
