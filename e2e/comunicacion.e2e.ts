import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { restarMeses } from '../src/shared/actividad.ts';
import { hoyEnSantiago } from '../src/shared/formato.ts';
import { calcularDv } from '../src/shared/rut.ts';
import { recalcularActividad } from '../src/server/clientes/actividad.ts';
import { generarAlertas } from '../src/server/comunicacion/alertas.ts';
import { procesarMensajes } from '../src/server/comunicacion/mensajes.ts';
import { crearTransporte } from '../src/server/correo/correo.ts';
import type { Conexion } from '../src/server/db/tipos.ts';
import { recalcularValor } from '../src/server/valor/valor.ts';
import { abrirSmtp } from '../test/smtp.ts';
import { abrirEscenario, ADMIN, ARTEFACTOS, ingresar, type Escenario } from './navegador.ts';

const DIA = 86_400_000;
const hoy = hoyEnSantiago();
const haceDias = (n: number) => new Date(Date.now() - n * DIA);
const enDias = (n: number) => new Date(Date.parse(`${hoy}T12:00:00Z`) + n * DIA).toISOString().slice(0, 10);

interface Semilla {
  nombre: string;
  email: string;
  comuna: [string, string, string];
  maquina: { tipo: 'tractor' | 'cosechadora' | 'pulverizador'; marca: string; modelo: string; anio: number };
  /** Days since the last interacción: 8 to 14 months. */
  dias: number;
  monto: number;
  consiente: boolean;
  persona?: boolean;
}

const NUBLE: [string, string, string] = ['Chillán', 'Ñuble', '16101'];
const SAN_CARLOS: [string, string, string] = ['San Carlos', 'Ñuble', '16301'];
const TALCA: [string, string, string] = ['Talca', 'Maule', '07101'];

/** Seed example 2: five clientes without contact for 8 to 14 months who accept email, and one who never said so. */
const INACTIVOS: Semilla[] = [
  {
    nombre: 'Agrícola Los Aromos',
    email: 'contacto@losaromos.cl',
    comuna: NUBLE,
    maquina: { tipo: 'tractor', marca: 'John Deere', modelo: '5075E', anio: 2012 },
    dias: 245,
    monto: 2_400_000,
    consiente: true,
  },
  {
    nombre: 'Fundo Santa Elena',
    email: 'administracion@santaelena.cl',
    comuna: SAN_CARLOS,
    maquina: { tipo: 'cosechadora', marca: 'New Holland', modelo: 'TC5070', anio: 2010 },
    dias: 280,
    monto: 3_900_000,
    consiente: true,
  },
  {
    nombre: 'Sociedad Agrícola Quilamapu',
    email: 'gerencia@quilamapu.cl',
    comuna: NUBLE,
    maquina: { tipo: 'tractor', marca: 'Massey Ferguson', modelo: '4275', anio: 2008 },
    dias: 335,
    monto: 1_100_000,
    consiente: true,
  },
  {
    nombre: 'Juan Pérez Soto',
    email: 'juan.perez@correo.cl',
    comuna: TALCA,
    maquina: { tipo: 'pulverizador', marca: 'Jacto', modelo: 'Condor 800', anio: 2016 },
    dias: 370,
    monto: 650_000,
    consiente: true,
    persona: true,
  },
  {
    nombre: 'Viña Las Cumbres',
    email: 'taller@lascumbres.cl',
    comuna: TALCA,
    maquina: { tipo: 'tractor', marca: 'Kubota', modelo: 'M7040', anio: 2015 },
    dias: 425,
    monto: 1_800_000,
    consiente: true,
  },
  {
    nombre: 'Agrícola Sin Permiso Ltda.',
    email: 'ventas@sinpermiso.cl',
    comuna: SAN_CARLOS,
    maquina: { tipo: 'tractor', marca: 'Landini', modelo: 'Rex 90', anio: 2011 },
    dias: 300,
    monto: 900_000,
    consiente: false,
  },
];

let secuenciaRut = 0;
async function sembrarCliente(db: Conexion, s: Semilla, idUsuario: number): Promise<number> {
  const cuerpo = String(77_100_000 + ++secuenciaRut * 13);
  const [comuna, region, codigo_comuna] = s.comuna;
  const { id_cliente } = await db
    .insertInto('clientes')
    .values({
      nombre: s.nombre,
      rut: `${cuerpo}-${calcularDv(cuerpo)}`,
      email: s.email,
      telefono: `+5697${String(1_000_000 + secuenciaRut).slice(1)}1`,
      comuna,
      region,
      codigo_comuna,
      tipo_persona: s.persona ? 'natural' : 'empresa',
      fecha_registro: haceDias(900),
    })
    .returning('id_cliente')
    .executeTakeFirstOrThrow();
  await db.insertInto('metricas_clientes').values({ id_cliente }).execute();
  const { id_equipo } = await db
    .insertInto('equipos')
    .values({ id_cliente, ...s.maquina })
    .returning('id_equipo')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('ordenes_trabajo')
    .values({
      id_cliente,
      id_equipo,
      tipo: 'preventiva',
      estado: 'terminada',
      fecha_ingreso: restarMeses(hoy, 16),
      fecha_cierre: restarMeses(hoy, 16),
      monto_total: s.monto,
    })
    .execute();
  await db
    .insertInto('interacciones_cliente')
    .values([
      {
        id_cliente,
        fecha: haceDias(s.dias + 120),
        tipo: 'visita',
        motivo: 'Entrega del equipo tras mantención',
        id_usuario: idUsuario,
      },
      {
        id_cliente,
        fecha: haceDias(s.dias),
        tipo: 'llamada',
        motivo: 'Consulta por repuestos',
        resultado: 'Dijo que llamaría en la temporada',
        id_usuario: idUsuario,
      },
    ])
    .execute();
  if (s.consiente) {
    await db
      .insertInto('consentimientos')
      .values({
        id_cliente,
        canal: 'email',
        otorgado: true,
        fuente: 'formulario firmado',
        fecha: haceDias(800),
        id_usuario: idUsuario,
      })
      .execute();
  }
  return id_cliente;
}

/** An active cliente with an overdue follow-up and a birthday in three days: something for the alerts centre. */
async function sembrarActivo(db: Conexion, idUsuario: number): Promise<void> {
  const cuerpo = '76999111';
  const { id_cliente } = await db
    .insertInto('clientes')
    .values({
      nombre: 'María Fuentes Rojas',
      rut: `${cuerpo}-${calcularDv(cuerpo)}`,
      tipo_persona: 'natural',
      telefono: '+56987001122',
      comuna: 'Chillán',
      region: 'Ñuble',
      codigo_comuna: '16101',
      fecha_nacimiento: `1980-${enDias(3).slice(5)}`,
    })
    .returning('id_cliente')
    .executeTakeFirstOrThrow();
  await db.insertInto('metricas_clientes').values({ id_cliente }).execute();
  await db
    .insertInto('interacciones_cliente')
    .values({
      id_cliente,
      fecha: haceDias(3),
      tipo: 'llamada',
      motivo: 'Cotizar neumáticos del tractor',
      seguimiento_requerido: true,
      fecha_seguimiento: enDias(-1),
      id_responsable_seguimiento: idUsuario,
      id_usuario: idUsuario,
    })
    .execute();
}

/** A full-page screenshot from the top (scrolled, the fixed header would cover the middle of it). */
async function capturar(page: Page, nombre: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(ARTEFACTOS, nombre), fullPage: true, animations: 'disabled' });
}

/** Console errors and uncaught exceptions after sign-in: a journey must end with none. */
function vigilarErrores(page: Page): string[] {
  const errores: string[] = [];
  page.on('pageerror', (err) => errores.push(err.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errores.push(m.text());
  });
  return errores;
}

let e: Escenario;
const ids = new Map<string, number>();
beforeAll(async () => {
  e = await abrirEscenario();
  const { id_usuario } = await e.db.db
    .selectFrom('usuarios')
    .select('id_usuario')
    .where('email', '=', ADMIN.email)
    .executeTakeFirstOrThrow();
  for (const s of INACTIVOS) ids.set(s.nombre, await sembrarCliente(e.db.db, s, id_usuario));
  await sembrarActivo(e.db.db, id_usuario);
  await recalcularActividad(e.db.db);
  await recalcularValor(e.db.db);
});
afterAll(() => e?.cerrar());

describe('comunicación proactiva', () => {
  it('campaña de reactivación (ejemplo 2): de /inactivos al asistente, por correo, con un excluido; 5 correos llegan y quedan en la historia', async () => {
    const smtp = await abrirSmtp();
    try {
      const page = await e.browser.newPage({
        viewport: { width: 1440, height: 900 },
        locale: 'es-CL',
        timezoneId: 'America/Santiago',
      });
      await ingresar(page, e.url);
      const errores = vigilarErrores(page);

      await page.getByRole('link', { name: 'Inactivos' }).click();
      await page.getByRole('heading', { level: 1, name: 'Clientes inactivos' }).waitFor();
      await page.getByText(/6 clientes inactivos · sin interacción desde el/).waitFor();
      for (const s of INACTIVOS) await page.getByRole('checkbox', { name: `Seleccionar ${s.nombre}` }).check();
      await capturar(page, 'inactivos.png');
      await page.getByRole('button', { name: 'Iniciar campaña de reactivación (6)' }).click();

      // Step 1: each cliente with its last contact, value and machines with their age.
      await page.waitForURL(/\/campanas\/reactivacion\?/);
      await page.getByText('6 clientes elegidos', { exact: false }).waitFor();
      const aromos = page.getByRole('row').filter({ hasText: 'Agrícola Los Aromos' });
      await expect.poll(() => aromos.textContent()).toMatch(/Tractor John Deere 5075E.*2012 · \d+ años/);
      await expect.poll(() => aromos.textContent()).toMatch(/hace 24[56] días/);
      await capturar(page, 'reactivacion-clientes.png');
      await page.getByRole('button', { name: 'Siguiente: propuesta' }).click();

      // Step 2: the free-diagnosis proposal, the excluded cliente and why, a live preview.
      const excluidos = page.getByRole('region', { name: 'No recibirán el mensaje' });
      await excluidos.getByText('Agrícola Sin Permiso Ltda.').waitFor();
      await expect.poll(() => excluidos.textContent()).toContain('Sin consentimiento para este canal');
      await page.getByText('5 recibirán por Email').waitFor();
      const mensaje = page.getByRole('textbox', { name: 'Mensaje', exact: true });
      await expect.poll(() => mensaje.inputValue()).toContain('Le ofrecemos un diagnóstico gratuito');
      await mensaje.fill(`${await mensaje.inputValue()}\n\nAtentamente, Taller Rancho.`);
      const muestra = page.getByRole('region', { name: 'Mensaje de ejemplo' });
      await page.getByLabel('Ver el mensaje de').click();
      await page.getByRole('option', { name: 'Juan Pérez Soto' }).click();
      await expect
        .poll(() => muestra.textContent())
        .toContain('Hola Juan, hace tiempo que no vemos su pulverizador Jacto Condor 800');
      await expect.poll(() => muestra.textContent()).toContain('Atentamente, Taller Rancho.');
      await capturar(page, 'reactivacion.png');
      await page.getByRole('button', { name: 'Siguiente: enviar' }).click();

      // Step 3: create and send; the outbox worker is the test here (the scenario has no SMTP).
      await page.getByRole('button', { name: 'Crear y enviar a 5 clientes' }).click();
      await page.waitForURL(/campana=\d+/);
      const idCampana = Number(new URL(page.url()).searchParams.get('campana'));
      await page.getByText(/Enviando… 0 de 5/).waitFor();
      const transporte = crearTransporte(smtp.url, 'Taller <t@r.test>');
      expect(await procesarMensajes(e.db.db, transporte)).toEqual({ enviados: 5, fallidos: 0 });
      expect(smtp.recibidos).toHaveLength(5);
      const consentidos = INACTIVOS.filter((s) => s.consiente);
      expect(smtp.recibidos.map((r) => r.para[0]).sort()).toEqual(consentidos.map((s) => s.email).sort());
      expect(smtp.recibidos.some((r) => r.datos.includes('/api/public/baja/'))).toBe(true);
      await page.getByText('Envío terminado: 5 enviados').waitFor();
      await capturar(page, 'reactivacion-envio.png');

      // Step 4: what each one answered.
      await page.getByRole('button', { name: 'Siguiente: registrar resultados' }).click();
      await page
        .getByRole('group', { name: 'Resultado de Agrícola Los Aromos' })
        .getByRole('button', { name: 'Agendó mantención' })
        .click();
      await page
        .getByRole('group', { name: 'Resultado de Viña Las Cumbres' })
        .getByRole('button', { name: 'Sin interés' })
        .click();
      await expect
        .poll(
          async () =>
            (
              await e.db.db
                .selectFrom('mensajes')
                .select('estado')
                .where('id_campana', '=', idCampana)
                .where('estado', '=', 'respondido')
                .execute()
            ).length,
        )
        .toBe(2);
      await capturar(page, 'reactivacion-resultados.png');
      await page.getByRole('button', { name: 'Ver resultados de la campaña' }).click();
      await page.waitForURL(new RegExp(`/campanas/${idCampana}$`));
      const resumen = page.getByRole('list', { name: 'Resumen de la campaña' });
      await resumen.getByRole('listitem', { name: 'Enviados: 5' }).waitFor();
      await resumen.getByRole('listitem', { name: 'Respondieron: 2' }).waitFor();
      await capturar(page, 'campana-resultados.png');

      // The message is an interacción of each cliente: seen in the ficha, and in the database.
      await page.getByRole('link', { name: 'Agrícola Los Aromos' }).click();
      await page.getByRole('heading', { level: 1, name: 'Agrícola Los Aromos' }).waitFor();
      const ultimas = page.getByRole('list', { name: 'Últimas interacciones' });
      await expect
        .poll(() => ultimas.getByRole('listitem').first().textContent())
        .toContain('Diagnóstico gratuito para su tractor John Deere 5075E');
      await expect.poll(() => ultimas.getByRole('listitem').first().textContent()).toContain('Agendó mantención');
      await page.getByRole('region', { name: 'Consentimientos de comunicación' }).getByText('Autorizado').waitFor();
      const interacciones = await e.db.db
        .selectFrom('interacciones_cliente')
        .select(['id_cliente', 'tipo'])
        .where('origen', '=', 'campana')
        .execute();
      expect(interacciones.map((i) => i.id_cliente).sort()).toEqual(consentidos.map((s) => ids.get(s.nombre)!).sort());
      expect(interacciones.every((i) => i.tipo === 'email')).toBe(true);
      expect(errores).toEqual([]);
    } finally {
      await smtp.cerrar();
    }
  });

  it('alertas con su insignia, descartar con motivo, fechas especiales, bandeja de salida y consentimiento en la ficha', async () => {
    await generarAlertas(e.db.db);
    const page = await e.browser.newPage({
      viewport: { width: 1440, height: 900 },
      locale: 'es-CL',
      timezoneId: 'America/Santiago',
    });
    await ingresar(page, e.url);
    const errores = vigilarErrores(page);

    // Two alerts come from the seed (the overdue follow-up, the birthday); machines due may add theirs.
    const abiertas = async () =>
      (await e.db.db.selectFrom('alertas').select('id_alerta').where('estado', '=', 'abierta').execute()).length;
    const total = await abiertas();
    expect(total).toBeGreaterThanOrEqual(2);
    const enlace = page.getByRole('link', { name: /^Alertas/ });
    await expect.poll(() => enlace.textContent()).toBe(`Alertas${total} alertas`);
    await enlace.click();
    await page.getByRole('button', { name: 'Seguimientos (1)' }).waitFor();
    await page.getByRole('button', { name: 'Fechas especiales (1)' }).waitFor();
    await page
      .getByRole('region', { name: /Cumpleaños y aniversarios de los próximos 7 días/ })
      .getByText('Saludar en persona')
      .waitFor();
    await capturar(page, 'alertas.png');
    await page.getByRole('button', { name: /^Descartar «Seguimiento: Cotizar neumáticos/ }).click();
    const dialogo = page.getByRole('dialog', { name: 'Descartar alerta' });
    await dialogo.getByRole('button', { name: 'Descartar' }).click();
    await dialogo.getByText('Indique el motivo.').waitFor();
    await dialogo.getByLabel('Motivo').fill('Ya compró los neumáticos en otra parte');
    await dialogo.getByRole('button', { name: 'Descartar' }).click();
    await dialogo.waitFor({ state: 'detached' });
    await expect.poll(() => enlace.textContent()).toBe(`Alertas${total - 1} ${total - 1 === 1 ? 'alerta' : 'alertas'}`);
    const alerta = await e.db.db
      .selectFrom('alertas')
      .select(['estado', 'motivo_cierre'])
      .where('tipo', '=', 'seguimiento')
      .executeTakeFirstOrThrow();
    expect(alerta).toEqual({ estado: 'descartada', motivo_cierre: 'Ya compró los neumáticos en otra parte' });

    await page.getByRole('link', { name: 'Bandeja de salida' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bandeja de salida' }).waitFor();
    const mensajes = page.getByRole('table', { name: 'Mensajes' });
    await expect.poll(() => mensajes.getByRole('row').count()).toBe(6);
    await expect.poll(() => mensajes.textContent()).toContain('Servidor de correo');
    await capturar(page, 'bandeja.png');

    // Consent recorded from the ficha: the excluded cliente now authorises email, with its source.
    await page.goto(`${e.url}/clientes/${ids.get('Agrícola Sin Permiso Ltda.')}`);
    const consentimientos = page.getByRole('region', { name: 'Consentimientos de comunicación' });
    await consentimientos.getByRole('button', { name: 'Registrar consentimiento de Email' }).click();
    const registro = page.getByRole('dialog', { name: /Consentimiento · Email/ });
    await registro.getByRole('button', { name: 'Registrar' }).click();
    await registro.getByText(/Indique cómo lo manifestó/).waitFor();
    await registro.getByText('Llamada telefónica').click();
    await registro.getByRole('button', { name: 'Registrar' }).click();
    await registro.waitFor({ state: 'detached' });
    await consentimientos.getByText('Autorizado').waitFor();
    await consentimientos
      .getByText(/· Llamada telefónica/)
      .first()
      .waitFor();
    await capturar(page, 'consentimientos.png');
    const k = await e.db.db
      .selectFrom('consentimientos')
      .select(['otorgado', 'fuente'])
      .where('id_cliente', '=', ids.get('Agrícola Sin Permiso Ltda.')!)
      .execute();
    expect(k).toEqual([{ otorgado: true, fuente: 'Llamada telefónica' }]);
    expect(errores).toEqual([]);
  });

  it('campaña general por WhatsApp: filtros de equipo, vista previa, confirmación y «Abrir WhatsApp» que la marca enviada', async () => {
    // Two tractor owners accept WhatsApp; the rest never said so.
    for (const nombre of ['Agrícola Los Aromos', 'Viña Las Cumbres']) {
      await e.db.db
        .insertInto('consentimientos')
        .values({ id_cliente: ids.get(nombre)!, canal: 'whatsapp', otorgado: true, fuente: 'formulario firmado' })
        .execute();
    }
    const page = await e.browser.newPage({
      viewport: { width: 1440, height: 900 },
      locale: 'es-CL',
      timezoneId: 'America/Santiago',
    });
    await ingresar(page, e.url);
    const errores = vigilarErrores(page);

    await page.getByRole('link', { name: 'Campañas' }).click();
    await page.getByRole('button', { name: 'Nueva campaña' }).click();
    await page.getByLabel('Tipo de equipo').click();
    await page.getByRole('option', { name: 'Tractor' }).click();
    await page.getByRole('radiogroup', { name: 'Canal' }).getByText('WhatsApp').click();
    await page.getByText('2 recibirán por WhatsApp').waitFor();
    await page.getByRole('textbox', { name: 'Nombre de la campaña' }).fill('Pretemporada tractores');
    await page
      .getByRole('textbox', { name: 'Mensaje', exact: true })
      .fill('Hola {nombre}: revisamos su {equipo} antes de la siembra.');
    await expect
      .poll(() => page.getByRole('region', { name: 'Mensaje de ejemplo' }).textContent())
      .toContain('revisamos su tractor');
    await page.getByRole('button', { name: 'Enviar a 2 clientes' }).click();
    await page.getByRole('dialog', { name: 'Enviar la campaña' }).getByRole('button', { name: 'Enviar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pretemporada tractores' }).waitFor();

    const whatsapp = page.getByRole('table', { name: 'Mensajes de WhatsApp' });
    const abrir = whatsapp.getByRole('link', { name: 'Abrir WhatsApp de Agrícola Los Aromos' });
    expect(await abrir.getAttribute('href')).toMatch(/^https:\/\/wa\.me\/569\d{8}\?text=Hola%20/);
    // The link opens wa.me in a new tab; here only the record of the send matters.
    await page.context().route('https://wa.me/**', (r) => r.fulfill({ body: 'WhatsApp' }));
    const [pestana] = await Promise.all([page.waitForEvent('popup'), abrir.click()]);
    await pestana.close();
    await page.getByRole('listitem', { name: 'Enviados: 1' }).waitFor();
    await capturar(page, 'campana-whatsapp.png');
    const m = await e.db.db
      .selectFrom('mensajes as m')
      .innerJoin('interacciones_cliente as i', 'i.id_interaccion', 'm.id_interaccion')
      .select(['m.estado', 'm.via', 'i.tipo', 'i.origen'])
      .where('m.id_cliente', '=', ids.get('Agrícola Los Aromos')!)
      .where('m.canal', '=', 'whatsapp')
      .executeTakeFirstOrThrow();
    expect(m).toEqual({ estado: 'enviado', via: 'enlace', tipo: 'whatsapp', origen: 'campana' });
    expect(errores).toEqual([]);
  });
});
