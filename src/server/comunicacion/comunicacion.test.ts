import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { crearCliente, crearEquipo, rutValido } from '../../../test/fabricas.ts';
import { abrirSmtp } from '../../../test/smtp.ts';
import { hoyEnSantiago } from '../../shared/formato.ts';
import { sumarDias } from '../../shared/kpis.ts';
import { crearTransporte } from '../correo/correo.ts';
import { recalcularPlanEquipos } from '../equipos/plan.ts';
import { generarAlertas } from './alertas.ts';
import { procesarMensajes } from './mensajes.ts';
import { generarRecordatorios } from './recordatorios.ts';

let t: AppDePrueba;
let comercial: string;
beforeAll(async () => {
  t = await crearAppDePrueba();
  comercial = await t.sesion('comercial');
});
afterAll(() => t.cerrar());

const consentir = (id: number, canal: 'email' | 'whatsapp', otorgado = true) =>
  t.app.inject({
    method: 'POST',
    url: `/api/clientes/${id}/consentimientos`,
    payload: { canal, otorgado, fuente: 'formulario firmado' },
    headers: { cookie: comercial },
  });
const enviadosA = (recibidos: { para: string[] }[], correo: string) =>
  recibidos.filter((r) => r.para.includes(correo)).length;

describe('campañas', () => {
  it('una campaña de 1.000 destinatarios termina con estado por destinatario; dos trabajadores a la vez envían cada correo una sola vez', async () => {
    const smtp = await abrirSmtp();
    try {
      const filas = await t.db.db
        .insertInto('clientes')
        .values(
          Array.from({ length: 1000 }, (_, i) => ({
            nombre: `Masivo ${i}`,
            rut: rutValido(30_000_000 + i),
            email: `masivo${i}@campo.cl`,
            comuna: 'Talca',
            region: 'Maule',
            codigo_comuna: '07101',
          })),
        )
        .returning('id_cliente')
        .execute();
      const ids = filas.map((f) => f.id_cliente);
      // 990 consienten por correo; 10 nunca lo hicieron.
      await sql`INSERT INTO consentimientos (id_cliente, canal, otorgado, fuente) SELECT unnest(${sql.val(ids.slice(10))}::int[]), 'email', true, 'carga'`.execute(
        t.db.db,
      );
      const c = await t.app.inject({
        method: 'POST',
        url: '/api/campanas',
        payload: {
          nombre: 'Pretemporada',
          canal: 'email',
          asunto: 'Prepare su {equipo}',
          cuerpo: 'Hola {nombre}, le ofrecemos un diagnóstico gratuito.',
          filtros: { ids },
        },
        headers: { cookie: comercial },
      });
      expect(c.statusCode).toBe(201);
      const id = cuerpo(c).id_campana;
      const previa = cuerpo(
        await t.app.inject({ url: `/api/campanas/${id}/destinatarios`, headers: { cookie: comercial } }),
      );
      expect(previa).toMatchObject({ total: 1000, incluidos: 990, excluidos: 10 });
      expect(previa.items.find((d: { incluido: boolean }) => !d.incluido).motivo_exclusion).toBe(
        'Sin consentimiento para este canal',
      );
      const envio = cuerpo(
        await t.app.inject({ method: 'POST', url: `/api/campanas/${id}/enviar`, headers: { cookie: comercial } }),
      );
      expect(envio).toEqual({ destinatarios: 990, encolados: 990, retenidos: 0 });
      expect(
        cuerpo(
          await t.app.inject({ method: 'POST', url: `/api/campanas/${id}/enviar`, headers: { cookie: comercial } }),
        ).encolados,
      ).toBe(0);

      const transporte = crearTransporte(smtp.url, 'Taller <taller@rancho.test>');
      for (let i = 0; i < 6; i++)
        await Promise.all([procesarMensajes(t.db.db, transporte), procesarMensajes(t.db.db, transporte)]);
      expect(smtp.recibidos.filter((r) => r.para[0]!.startsWith('masivo'))).toHaveLength(990);
      expect(new Set(smtp.recibidos.map((r) => r.para[0])).size).toBe(smtp.recibidos.length);

      const resp = await t.app.inject({ url: `/api/campanas/${id}`, headers: { cookie: comercial } });
      const res = cuerpo(resp);
      expect(res.resumen).toMatchObject({ destinatarios: 990, enviados: 990, fallidos: 0, pendientes: 0 });
      expect(res.campana.estado).toBe('terminada');
      expect(res.items.every((x: { estado: string }) => x.estado === 'enviado')).toBe(true);
      const inter = await t.db.db
        .selectFrom('interacciones_cliente')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('origen', '=', 'campana')
        .executeTakeFirstOrThrow();
      expect(Number(inter.n)).toBe(990);
    } finally {
      await smtp.cerrar();
    }
  }, 180_000);

  it('con el SMTP caído el mensaje queda fallido con el motivo y se reintenta sin perderse', async () => {
    const id = await crearCliente(t.db.db, { email: 'caido@campo.cl' });
    await consentir(id, 'email');
    const c = cuerpo(
      await t.app.inject({
        method: 'POST',
        url: '/api/campanas',
        payload: { nombre: 'Caída', canal: 'email', asunto: 'Hola', cuerpo: 'Hola {nombre}', filtros: { ids: [id] } },
        headers: { cookie: comercial },
      }),
    );
    await t.app.inject({ method: 'POST', url: `/api/campanas/${c.id_campana}/enviar`, headers: { cookie: comercial } });
    const caido = crearTransporte('smtp://127.0.0.1:9', 'Taller <taller@rancho.test>');
    expect(await procesarMensajes(t.db.db, caido)).toMatchObject({ enviados: 0, fallidos: 1 });
    const m = await t.db.db
      .selectFrom('mensajes')
      .selectAll()
      .where('id_campana', '=', c.id_campana)
      .executeTakeFirstOrThrow();
    expect(m.estado).toBe('fallido');
    expect(m.error).toMatch(/^No se pudo enviar: /);
    const smtp = await abrirSmtp();
    try {
      const despues = new Date(Date.now() + 3 * 3_600_000);
      expect(
        await procesarMensajes(t.db.db, crearTransporte(smtp.url, 'Taller <t@r.test>'), { ahora: despues }),
      ).toMatchObject({ enviados: 1 });
      expect(enviadosA(smtp.recibidos, 'caido@campo.cl')).toBe(1);
    } finally {
      await smtp.cerrar();
    }
  });

  it('quien se da de baja por el enlace no recibe nada más por ese canal', async () => {
    const smtp = await abrirSmtp();
    try {
      const id = await crearCliente(t.db.db, { email: 'baja@campo.cl' });
      await consentir(id, 'email');
      const c1 = cuerpo(
        await t.app.inject({
          method: 'POST',
          url: '/api/campanas',
          payload: { nombre: 'Uno', canal: 'email', asunto: 'Uno', cuerpo: 'Primera', filtros: { ids: [id] } },
          headers: { cookie: comercial },
        }),
      );
      await t.app.inject({
        method: 'POST',
        url: `/api/campanas/${c1.id_campana}/enviar`,
        headers: { cookie: comercial },
      });
      await procesarMensajes(t.db.db, crearTransporte(smtp.url, 't@r.test'));
      const enlace = /\/api\/public\/baja\/([\w.-]+)/.exec(
        smtp.recibidos.find((r) => r.para.includes('baja@campo.cl'))!.datos.replace(/=\r?\n/g, ''),
      )![1]!;
      const confirmar = await t.app.inject({ url: `/api/public/baja/${enlace}` });
      expect(confirmar.statusCode).toBe(200);
      expect(confirmar.body).toContain('no quiero más correos');
      const baja = await t.app.inject({ method: 'POST', url: `/api/public/baja/${enlace}` });
      expect(baja.statusCode).toBe(200);
      const falsa = await t.app.inject({ method: 'POST', url: `/api/public/baja/${id}.email.${'x'.repeat(32)}` });
      expect(falsa.statusCode).toBe(404);
      const c2 = cuerpo(
        await t.app.inject({
          method: 'POST',
          url: '/api/campanas',
          payload: { nombre: 'Dos', canal: 'email', asunto: 'Dos', cuerpo: 'Segunda', filtros: { ids: [id] } },
          headers: { cookie: comercial },
        }),
      );
      const previa = cuerpo(
        await t.app.inject({ url: `/api/campanas/${c2.id_campana}/destinatarios`, headers: { cookie: comercial } }),
      );
      expect(previa.items[0]).toMatchObject({ incluido: false, motivo_exclusion: 'Se dio de baja de este canal' });
      await t.app.inject({
        method: 'POST',
        url: `/api/campanas/${c2.id_campana}/enviar`,
        headers: { cookie: comercial },
      });
      await procesarMensajes(t.db.db, crearTransporte(smtp.url, 't@r.test'));
      expect(enviadosA(smtp.recibidos, 'baja@campo.cl')).toBe(1);
    } finally {
      await smtp.cerrar();
    }
  });
});

describe('alertas, recordatorios e inactivos', () => {
  it('genera alertas una sola vez aunque corra dos veces, y se pueden descartar con motivo', async () => {
    const hoy = hoyEnSantiago();
    const id = await crearCliente(t.db.db, { nombre: 'Fundo Alertas' });
    const eq = await crearEquipo(t.db.db, id, { tipo: 'pulverizador', marca: 'Kuhn' });
    await t.db.db
      .updateTable('equipos')
      .set({ fecha_alta: new Date(Date.now() - 200 * 86_400_000) })
      .where('id_equipo', '=', eq)
      .execute();
    await recalcularPlanEquipos(t.db.db, { ids: [eq] });
    await t.app.inject({
      method: 'POST',
      url: `/api/clientes/${id}/interacciones`,
      payload: { tipo: 'llamada', motivo: 'Devolver llamado', seguimiento_requerido: true, fecha_seguimiento: hoy },
      headers: { cookie: comercial },
    });
    const [a, b] = [await generarAlertas(t.db.db), await generarAlertas(t.db.db)];
    expect(a.creadas).toBeGreaterThanOrEqual(2);
    expect(b.creadas).toBe(0);
    const lista = cuerpo(await t.app.inject({ url: '/api/alertas?limit=200', headers: { cookie: comercial } }));
    const mias = lista.items.filter((x: { id_cliente: number }) => x.id_cliente === id);
    expect(mias.map((x: { tipo: string }) => x.tipo).sort()).toEqual(['mantencion', 'seguimiento']);
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/alertas/${mias[0].id_alerta}/descartar`,
      payload: { motivo: 'Ya lo llamé' },
      headers: { cookie: comercial },
    });
    expect(cuerpo(r)).toMatchObject({ estado: 'descartada', motivo_cierre: 'Ya lo llamé' });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/alertas/${mias[1].id_alerta}/descartar`,
          payload: { motivo: '' },
          headers: { cookie: comercial },
        })
      ).statusCode,
    ).toBe(400);
  });

  it('recordatorio de mantención: uno por equipo y vencimiento, por WhatsApp si no hay correo', async () => {
    const id = await crearCliente(t.db.db, { telefono: '+56987654321' });
    const eq = await crearEquipo(t.db.db, id, { tipo: 'tractor', marca: 'Landini' });
    await t.db.db
      .updateTable('equipos')
      .set({ fecha_alta: new Date(Date.now() - 350 * 86_400_000) })
      .where('id_equipo', '=', eq)
      .execute();
    await recalcularPlanEquipos(t.db.db, { ids: [eq] });
    await generarRecordatorios(t.db.db, 'http://rancho.test');
    await generarRecordatorios(t.db.db, 'http://rancho.test');
    const m = await t.db.db.selectFrom('mensajes').selectAll().where('id_cliente', '=', id).execute();
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ canal: 'whatsapp', motivo: 'mantencion', estado: 'pendiente' });
    expect(m[0]!.enlace).toMatch(/^https:\/\/wa\.me\/56987654321\?text=/);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/mensajes/${m[0]!.id_mensaje}/enviado`,
          headers: { cookie: comercial },
        })
      ).statusCode,
    ).toBe(200);
    const inter = await t.db.db
      .selectFrom('interacciones_cliente')
      .select(['tipo', 'origen'])
      .where('id_cliente', '=', id)
      .execute();
    expect(inter).toEqual([{ tipo: 'whatsapp', origen: 'mantencion' }]);
  });

  it('el reporte de inactivos lista a quien no tiene interacción en N meses', async () => {
    const viejo = await crearCliente(t.db.db, { nombre: 'Inactivo Viejo' });
    await t.db.db
      .insertInto('interacciones_cliente')
      .values({
        id_cliente: viejo,
        fecha: new Date(`${sumarDias(hoyEnSantiago(), -250)}T15:00:00Z`),
        tipo: 'llamada',
        motivo: 'x',
      })
      .execute();
    await t.db.db
      .updateTable('clientes')
      .set({ ultimo_contacto: new Date(`${sumarDias(hoyEnSantiago(), -250)}T15:00:00Z`) })
      .where('id_cliente', '=', viejo)
      .execute();
    const reciente = await crearCliente(t.db.db, { nombre: 'Activo Reciente' });
    await t.app.inject({
      method: 'POST',
      url: `/api/clientes/${reciente}/interacciones`,
      payload: { tipo: 'visita', motivo: 'x' },
      headers: { cookie: comercial },
    });
    const r = cuerpo(
      await t.app.inject({
        url: '/api/reportes/inactivos?meses=6&region=nuble&limit=200',
        headers: { cookie: comercial },
      }),
    );
    const nombres = r.items.map((i: { nombre: string }) => i.nombre);
    expect(nombres).toContain('Inactivo Viejo');
    expect(nombres).not.toContain('Activo Reciente');
    expect(r.items.find((i: { nombre: string }) => i.nombre === 'Inactivo Viejo').dias_sin_contacto).toBe(250);
  });
});
