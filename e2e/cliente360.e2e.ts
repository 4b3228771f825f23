import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hoyEnSantiago } from '../src/shared/formato.ts';
import { calcularDv } from '../src/shared/rut.ts';
import { recalcularActividad } from '../src/server/clientes/actividad.ts';
import type { Conexion } from '../src/server/db/tipos.ts';
import { recalcularMetricas } from '../src/server/valor/metricas.ts';
import { abrirEscenario, ADMIN, ARTEFACTOS, ingresar, type Escenario } from './navegador.ts';

const DIA = 86_400_000;
const haceDias = (n: number) => new Date(Date.now() - n * DIA);
const fechaHaceDias = (n: number) => hoyMenos(n);
function hoyMenos(n: number): string {
  return new Date(Date.parse(`${hoyEnSantiago()}T12:00:00Z`) - n * DIA).toISOString().slice(0, 10);
}
const ddmmaaaa = (iso: string) => iso.split('-').reverse().join('-');

/**
 * "Agrícola El Triunfo" as a workshop knows it after two seasons: three machines, one finished
 * service each with hour-meter readings, a dozen contacts over 20 months, two surveys and an open quote.
 */
async function sembrarTriunfo(db: Conexion, idUsuario: number): Promise<number> {
  const cuerpo = '76543210';
  const { id_cliente } = await db
    .insertInto('clientes')
    .values({
      nombre: 'Agrícola El Triunfo',
      rut: `${cuerpo}-${calcularDv(cuerpo)}`,
      tipo_persona: 'empresa',
      telefono: '+56987654321',
      email: 'contacto@eltriunfo.cl',
      comuna: 'San Carlos',
      region: 'Ñuble',
      codigo_comuna: '16301',
      direccion: 'Fundo El Triunfo, camino a Cachapoal km 4',
    })
    .returning('id_cliente')
    .executeTakeFirstOrThrow();
  await db.insertInto('metricas_clientes').values({ id_cliente }).execute();

  const maquinas = [
    {
      tipo: 'tractor',
      marca: 'John Deere',
      modelo: '6130J',
      anio: 2019,
      numero_serie: 'JD6130J-19-0457',
      horas: [1850, 2010, 2160, 2290],
      monto: 685_000,
    },
    // Serviced every 4 months: its next service falls within the month, so the ficha warns about it.
    {
      tipo: 'cosechadora',
      marca: 'Claas',
      modelo: 'Tucano 570',
      anio: 2017,
      numero_serie: 'CLT570-17-1120',
      horas: [3120, 3290, 3400],
      monto: 1_940_000,
      meses: 4,
    },
    {
      tipo: 'sembradora',
      marca: 'Semeato',
      modelo: 'SHM 15/17',
      anio: 2021,
      numero_serie: 'SEM-SHM-21-088',
      horas: [410, 520],
      monto: 320_000,
    },
  ] as const;
  for (const [i, m] of maquinas.entries()) {
    const { id_equipo } = await db
      .insertInto('equipos')
      .values({
        id_cliente,
        tipo: m.tipo,
        marca: m.marca,
        modelo: m.modelo,
        anio: m.anio,
        numero_serie: m.numero_serie,
        intervalo_meses: 'meses' in m ? m.meses : null,
      })
      .returning('id_equipo')
      .executeTakeFirstOrThrow();
    // Readings every ~3 months, the last one recent; the service was done at the second-to-last.
    const lecturas = m.horas.map((horas, j) => ({
      id_equipo,
      fecha: fechaHaceDias((m.horas.length - 1 - j) * 90 + 10),
      horas,
      fuente: 'manual',
    }));
    await db.insertInto('lecturas_horometro').values(lecturas).execute();
    const ultima = lecturas.at(-1)!;
    await db
      .updateTable('equipos')
      .set({ horometro: ultima.horas, fecha_horometro: ultima.fecha })
      .where('id_equipo', '=', id_equipo)
      .execute();
    const servicio = lecturas.at(-2) ?? ultima;
    await db
      .insertInto('ordenes_trabajo')
      .values({
        id_cliente,
        id_equipo,
        numero: `OT-2026-01${i + 1}`,
        tipo: 'preventiva',
        estado: 'terminada',
        fecha_ingreso: fechaHaceDias(100 + i * 3),
        fecha_cierre: servicio.fecha,
        horometro: servicio.horas,
        monto_total: m.monto,
        descripcion: `Mantención preventiva ${m.marca} ${m.modelo}`,
      })
      .execute();
  }

  const contactos: [number, 'llamada' | 'email' | 'visita' | 'whatsapp' | 'otro', string][] = [
    [600, 'visita', 'Presentación del taller'],
    [540, 'llamada', 'Consulta por cosechadora'],
    [470, 'email', 'Envío de catálogo de repuestos'],
    [400, 'whatsapp', 'Coordinación de retiro del tractor'],
    [330, 'llamada', 'Aviso de mantención de 250 horas'],
    [280, 'visita', 'Revisión en terreno de la sembradora'],
    [220, 'whatsapp', 'Fotos del daño en el cabezal'],
    [170, 'llamada', 'Cotización de correas y rodamientos'],
    [130, 'email', 'Confirmación de fecha de ingreso'],
    [100, 'llamada', 'Ingreso de las tres máquinas'],
    [75, 'visita', 'Entrega de la cosechadora'],
    [40, 'whatsapp', 'Consulta de satisfacción post servicio'],
  ];
  await db
    .insertInto('interacciones_cliente')
    .values(
      contactos.map(([dias, tipo, motivo]) => ({
        id_cliente,
        fecha: haceDias(dias),
        tipo,
        motivo,
        resultado: 'Conversado con don Luis',
        id_usuario: idUsuario,
      })),
    )
    .execute();

  await db
    .insertInto('encuestas_satisfaccion')
    .values([
      {
        id_cliente,
        fecha: fechaHaceDias(70),
        puntuacion_general: 9,
        puntuacion_tiempo: 6,
        puntuacion_calidad: 10,
        puntuacion_precio: 8,
        puntuacion_atencion: 9,
        recomendaria: true,
        estado: 'respondida',
      },
      {
        id_cliente,
        fecha: fechaHaceDias(35),
        puntuacion_general: 8,
        puntuacion_tiempo: 7,
        puntuacion_calidad: 9,
        puntuacion_precio: 8,
        puntuacion_atencion: 9,
        recomendaria: true,
        estado: 'respondida',
      },
    ])
    .execute();
  await db
    .insertInto('cotizaciones')
    .values({
      id_cliente,
      numero: 'COT-2026-044',
      fecha: fechaHaceDias(5),
      fecha_vencimiento: fechaHaceDias(-25),
      estado: 'pendiente',
      monto_total: 1_250_000,
      descripcion: 'Kit de correas cosechadora',
    })
    .execute();

  await recalcularActividad(db);
  await recalcularMetricas(db, { ids: [id_cliente] });
  return id_cliente;
}

let e: Escenario;
let idAdmin: number;
beforeAll(async () => {
  e = await abrirEscenario();
  idAdmin = (
    await e.db.db.selectFrom('usuarios').select('id_usuario').where('email', '=', ADMIN.email).executeTakeFirstOrThrow()
  ).id_usuario;
  await sembrarTriunfo(e.db.db, idAdmin);
});
afterAll(() => e?.cerrar());

/**
 * Console errors and uncaught exceptions of a page: a journey must end with none. Watched from
 * after sign-in: before it, the browser logs the expected 401 of "is there a session?".
 */
function vigilarErrores(page: Page): string[] {
  const errores: string[] = [];
  page.on('pageerror', (err) => errores.push(err.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errores.push(m.text());
  });
  return errores;
}

describe('cliente 360: la ficha de un cliente con historia, el registro de una llamada y su seguimiento', () => {
  it('busca «triunfo», ve sus máquinas y contactos, registra una llamada con seguimiento para mañana y lo completa', async () => {
    const page = await e.browser.newPage({
      viewport: { width: 1440, height: 900 },
      locale: 'es-CL',
      timezoneId: 'America/Santiago',
    });
    await ingresar(page, e.url);
    const errores = vigilarErrores(page);

    await page.getByLabel('Buscar clientes').fill('triunfo');
    await page.getByRole('link', { name: 'Agrícola El Triunfo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Agrícola El Triunfo' }).waitFor();

    const equipos = page.getByRole('region', { name: 'Equipos' });
    for (const nombre of ['Tractor John Deere 6130J', 'Cosechadora Claas Tucano 570', 'Sembradora Semeato SHM 15/17']) {
      await equipos.getByRole('link', { name: nombre }).waitFor();
    }
    const ultimas = page.getByRole('list', { name: 'Últimas interacciones' });
    await expect.poll(() => ultimas.getByRole('listitem').count()).toBe(10);
    await expect
      .poll(() => ultimas.getByRole('listitem').first().textContent())
      .toContain('Consulta de satisfacción post servicio');
    await page.getByRole('img', { name: /Interacciones por mes/ }).waitFor();
    await page
      .getByRole('region', { name: 'Alertas' })
      .getByText(/Mantención próxima .*Claas Tucano 570/)
      .waitFor();

    // Click 1: open the dialog. Tipo defaults to Llamada and the date to now.
    await page.getByRole('button', { name: 'Registrar interacción' }).click();
    const dialogo = page.getByRole('dialog', { name: /Registrar interacción/ });
    await expect.poll(() => dialogo.getByRole('radio', { name: 'Llamada' }).isChecked()).toBe(true);
    const motivo = 'Ofrecer mantención de 2.500 horas del tractor';
    await dialogo.getByLabel('Motivo').fill(motivo);
    await dialogo.getByLabel('Descripción').fill('Se le explicó la pauta John Deere y el costo aproximado.');
    await dialogo.getByLabel('Resultado').fill('Pide que lo llamen mañana con la cotización');
    // Click 2: asking for a follow-up proposes tomorrow.
    await dialogo.getByLabel('Requiere seguimiento').check();
    const manana = hoyMenos(-1);
    await expect.poll(() => dialogo.getByLabel('Fecha de seguimiento').inputValue()).toBe(ddmmaaaa(manana));
    // Click 3: save.
    await dialogo.getByRole('button', { name: 'Guardar' }).click();
    await dialogo.waitFor({ state: 'detached' });

    await expect.poll(() => ultimas.getByRole('listitem').first().textContent()).toContain(motivo);
    const abiertos = page.getByRole('list', { name: 'Seguimientos abiertos' });
    await abiertos.getByText(motivo).waitFor();
    const guardada = await e.db.db
      .selectFrom('interacciones_cliente')
      .select(['tipo', 'fecha', 'fecha_seguimiento', 'id_responsable_seguimiento', 'seguimiento_completado_en'])
      .where('motivo', '=', motivo)
      .executeTakeFirstOrThrow();
    // "Fecha y hora" defaulted to now, read as Santiago time whatever the browser's zone.
    expect(Math.abs(new Date(guardada.fecha).getTime() - Date.now())).toBeLessThan(5 * 60_000);
    expect(guardada).toMatchObject({
      tipo: 'llamada',
      fecha_seguimiento: manana,
      id_responsable_seguimiento: idAdmin,
      seguimiento_completado_en: null,
    });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(ARTEFACTOS, 'ficha-triunfo.png'), fullPage: true });

    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('link', { name: 'Seguimientos' }).click();
    const proximos = page.getByRole('region', { name: /^Próximos/ });
    const fila = proximos.getByRole('row').filter({ hasText: motivo });
    await fila.getByRole('link', { name: 'Agrícola El Triunfo', exact: true }).waitFor();
    await page.screenshot({ path: path.join(ARTEFACTOS, 'seguimientos-triunfo.png'), fullPage: true });
    await fila.getByRole('button', { name: /^Completar/ }).click();
    const completar = page.getByRole('dialog', { name: 'Completar seguimiento' });
    await completar.getByLabel('Resultado (opcional)').fill('Cotización enviada; acepta la mantención');
    await completar.getByRole('button', { name: 'Marcar como hecho' }).click();

    await expect
      .poll(
        async () =>
          (
            await e.db.db
              .selectFrom('interacciones_cliente')
              .select('seguimiento_completado_en')
              .where('motivo', '=', motivo)
              .executeTakeFirstOrThrow()
          ).seguimiento_completado_en,
      )
      .not.toBeNull();
    await page.getByRole('heading', { name: 'Próximos (0)' }).waitFor();
    expect(errores).toEqual([]);
  });

  it('muestra la historia completa filtrada y el detalle de un equipo con sus lecturas', async () => {
    const page = await e.browser.newPage({
      viewport: { width: 1366, height: 900 },
      locale: 'es-CL',
      timezoneId: 'America/Santiago',
    });
    await ingresar(page, e.url);
    const errores = vigilarErrores(page);
    const { id_cliente } = await e.db.db
      .selectFrom('clientes')
      .select('id_cliente')
      .where('nombre', '=', 'Agrícola El Triunfo')
      .executeTakeFirstOrThrow();

    await page.goto(`${e.url}/clientes/${id_cliente}/historia`);
    await page.getByRole('heading', { level: 1, name: 'Historia de Agrícola El Triunfo' }).waitFor();
    await page.getByRole('button', { name: /Cargar más/ }).click();
    await page.getByText('Presentación del taller').waitFor();
    // The chip's checkbox is visually hidden: click its label, as a person does.
    await page.getByRole('group', { name: 'Filtrar por tipo' }).getByText('Órdenes', { exact: true }).click();
    await expect.poll(() => page.getByRole('checkbox', { name: 'Órdenes' }).isChecked()).toBe(true);
    await expect.poll(() => page.getByText(/^Orden OT-2026-01\d/).count()).toBe(3);
    await page.screenshot({ path: path.join(ARTEFACTOS, 'historia-triunfo.png'), fullPage: true });

    await page.goto(`${e.url}/clientes/${id_cliente}`);
    await page.getByRole('link', { name: 'Tractor John Deere 6130J' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tractor John Deere 6130J' }).waitFor();
    await expect
      .poll(() => page.getByRole('region', { name: 'Lecturas del horómetro' }).getByRole('row').count())
      .toBe(5);
    await page.screenshot({ path: path.join(ARTEFACTOS, 'equipo-tractor.png'), fullPage: true });
    expect(errores).toEqual([]);
  });
});
