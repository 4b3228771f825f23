import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { crearCliente } from '../../../test/fabricas.ts';
import { abrirSmtp } from '../../../test/smtp.ts';
import { procesarMensajes } from '../comunicacion/mensajes.ts';
import { crearTransporte } from '../correo/correo.ts';
import { enviarEncuestasProgramadas } from './encuestas.ts';

let t: AppDePrueba;
let comercial: string;
let lectura: string;
beforeAll(async () => {
  t = await crearAppDePrueba();
  comercial = await t.sesion('comercial');
  lectura = await t.sesion('lectura');
});
afterAll(() => t.cerrar());

const respuesta = {
  puntuacion_general: 9,
  puntuacion_tiempo: 6,
  puntuacion_calidad: 10,
  puntuacion_precio: 8,
  puntuacion_atencion: 9,
  recomendaria: true,
  comentarios: 'Muy buen trabajo, pero demoraron.',
};
const nueva = async (idCliente: number) =>
  cuerpo(
    await t.app.inject({
      method: 'POST',
      url: '/api/encuestas',
      payload: { id_cliente: idCliente, canal: 'whatsapp' },
      headers: { cookie: comercial },
    }),
  );
const responder = (token: string, payload: object) =>
  t.app.inject({ method: 'POST', url: `/api/public/encuestas/${token}`, payload });

describe('encuesta pública', () => {
  it('se crea personalizada con un token de al menos 128 bits y un enlace de WhatsApp listo', async () => {
    const id = await crearCliente(t.db.db, { nombre: 'Juan Pérez Soto', telefono: '+56912345678' });
    const e = await nueva(id);
    expect(e.token.length).toBeGreaterThanOrEqual(22);
    expect(e.enlace).toMatch(/\/e\/[\w-]{32}$/);
    expect(e.texto).toContain('Hola Juan');
    expect(e.enlace_whatsapp).toMatch(/^https:\/\/wa\.me\/56912345678\?text=/);
    const fila = await t.db.db
      .selectFrom('encuestas_satisfaccion')
      .select(['token_hash', 'estado'])
      .where('id_encuesta', '=', e.id_encuesta)
      .executeTakeFirstOrThrow();
    expect(fila.token_hash).not.toBe(e.token);
    expect(fila.estado).toBe('enviada');
    const pub = await t.app.inject({ url: `/api/public/encuestas/${e.token}` });
    expect(pub.statusCode).toBe(200);
    expect(cuerpo(pub).introduccion).toContain('Juan');
  });

  it.each([0, 11, 7.5])('una nota %s es 422 y no cambia nada', async (nota) => {
    const e = await nueva(await crearCliente(t.db.db));
    const r = await responder(e.token, { ...respuesta, puntuacion_tiempo: nota });
    expect(r.statusCode).toBe(422);
    expect(cuerpo(r).errors).toEqual([
      { campo: 'puntuacion_tiempo', mensaje: 'La nota de tiempo de respuesta debe ser un número entero de 1 a 10.' },
    ]);
    const fila = await t.db.db
      .selectFrom('encuestas_satisfaccion')
      .select(['estado', 'puntuacion_general'])
      .where('id_encuesta', '=', e.id_encuesta)
      .executeTakeFirstOrThrow();
    expect(fila).toEqual({ estado: 'enviada', puntuacion_general: null });
  });

  it('se responde una sola vez: el segundo envío se rechaza con amabilidad y no cambia nada', async () => {
    const id = await crearCliente(t.db.db);
    const e = await nueva(id);
    const r = await responder(e.token, respuesta);
    expect(r.statusCode).toBe(200);
    expect(cuerpo(r).mensaje).toBe('¡Gracias! Recibimos su respuesta.');
    const otra = await responder(e.token, { ...respuesta, puntuacion_general: 1 });
    expect(otra.statusCode).toBe(409);
    expect(cuerpo(otra).detail).toBe('Ya recibimos su respuesta. ¡Muchas gracias!');
    const fila = await t.db.db
      .selectFrom('encuestas_satisfaccion')
      .select(['puntuacion_general', 'nps', 'estado'])
      .where('id_encuesta', '=', e.id_encuesta)
      .executeTakeFirstOrThrow();
    expect(fila).toEqual({ puntuacion_general: 9, nps: 1, estado: 'respondida' });
    expect(
      (await t.db.db.selectFrom('clientes').select('activo').where('id_cliente', '=', id).executeTakeFirstOrThrow())
        .activo,
    ).toBe(true);
  });

  it('un enlace vencido lo dice claramente; uno desconocido es 404', async () => {
    const e = await nueva(await crearCliente(t.db.db));
    await t.db.db
      .updateTable('encuestas_satisfaccion')
      .set({ expira_en: new Date('2026-01-01T12:00:00Z') })
      .where('id_encuesta', '=', e.id_encuesta)
      .execute();
    const r = await responder(e.token, respuesta);
    expect(r.statusCode).toBe(422);
    expect(cuerpo(r).detail).toBe('Esta encuesta venció el 01-01-2026. Si quiere darnos su opinión, llámenos.');
    const desconocido = await t.app.inject({ url: '/api/public/encuestas/abcdefghijklmnopqrstuvwxyz123456' });
    expect(desconocido.statusCode).toBe(404);
  });

  it('un detractor abre exactamente un seguimiento para el responsable, con su comentario, y una alerta', async () => {
    const id = await crearCliente(t.db.db);
    const e = await nueva(id);
    await responder(e.token, {
      ...respuesta,
      puntuacion_general: 4,
      comentarios: 'El tractor volvió con la misma falla',
    });
    await responder(e.token, { ...respuesta, puntuacion_general: 3 });
    const seg = await t.db.db
      .selectFrom('interacciones_cliente')
      .selectAll()
      .where('id_cliente', '=', id)
      .where('origen', '=', 'encuesta')
      .execute();
    expect(seg).toHaveLength(1);
    expect(seg[0]).toMatchObject({ seguimiento_requerido: true, motivo: 'Encuesta con nota 4/10: llamar al cliente' });
    expect(seg[0]!.descripcion).toContain('El tractor volvió con la misma falla');
    expect(seg[0]!.id_responsable_seguimiento).not.toBeNull();
    const alertas = await t.db.db
      .selectFrom('alertas')
      .select(['tipo', 'titulo'])
      .where('id_cliente', '=', id)
      .execute();
    expect(alertas).toHaveLength(1);
    expect(alertas[0]!.tipo).toBe('detractor');
  });

  it('el personal digita una encuesta telefónica; una nota inválida es 422', async () => {
    const id = await crearCliente(t.db.db);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/encuestas/digitada',
      payload: { id_cliente: id, ...respuesta },
      headers: { cookie: comercial },
    });
    expect(r.statusCode).toBe(201);
    const mala = await t.app.inject({
      method: 'POST',
      url: '/api/encuestas/digitada',
      payload: { id_cliente: id, ...respuesta, puntuacion_general: 11 },
      headers: { cookie: comercial },
    });
    expect(mala.statusCode).toBe(422);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/encuestas/digitada',
          payload: { id_cliente: id, ...respuesta },
          headers: { cookie: lectura },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('encuesta automática al cerrar una orden', () => {
  it('cerrar una orden dos veces programa una sola encuesta, que sale por correo a un servidor SMTP real una vez', async () => {
    const smtp = await abrirSmtp();
    try {
      const id = await crearCliente(t.db.db, { nombre: 'Fundo Correo', email: 'dueno@fundo.cl' });
      const orden = cuerpo(
        await t.app.inject({
          method: 'POST',
          url: '/api/ordenes',
          payload: { id_cliente: id, tipo: 'preventiva', fecha_ingreso: '2026-11-01' },
          headers: { cookie: comercial },
        }),
      );
      await t.app.inject({
        method: 'PATCH',
        url: `/api/ordenes/${orden.id_orden}`,
        payload: { estado: 'terminada', version: 1 },
        headers: { cookie: comercial },
      });
      await t.app.inject({
        method: 'PATCH',
        url: `/api/ordenes/${orden.id_orden}`,
        payload: { estado: 'entregada', version: 2 },
        headers: { cookie: comercial },
      });
      const encuestas = await t.db.db
        .selectFrom('encuestas_satisfaccion')
        .select(['id_encuesta', 'estado', 'enviar_en'])
        .where('id_orden', '=', orden.id_orden)
        .execute();
      expect(encuestas).toHaveLength(1);
      expect(encuestas[0]!.estado).toBe('pendiente');
      const antes = new Date(encuestas[0]!.enviar_en!.getTime() - 60_000);
      expect(await enviarEncuestasProgramadas(t.db.db, 'http://rancho.test', antes)).toBe(0);
      const despues = new Date(encuestas[0]!.enviar_en!.getTime() + 60_000);
      expect(await enviarEncuestasProgramadas(t.db.db, 'http://rancho.test', despues)).toBe(1);
      expect(await enviarEncuestasProgramadas(t.db.db, 'http://rancho.test', despues)).toBe(0);
      const transporte = crearTransporte(smtp.url, 'Taller <taller@rancho.test>');
      await Promise.all([procesarMensajes(t.db.db, transporte), procesarMensajes(t.db.db, transporte)]);
      await procesarMensajes(t.db.db, transporte);
      const mios = smtp.recibidos.filter((c) => c.para.includes('dueno@fundo.cl'));
      expect(mios).toHaveLength(1);
      expect(mios[0]!.datos).toContain('http://rancho.test/e/');
      expect(mios[0]!.datos).toContain('/api/public/baja/');
      const registro = await t.db.db
        .selectFrom('interacciones_cliente')
        .select(['tipo', 'origen'])
        .where('id_cliente', '=', id)
        .where('tipo', '=', 'email')
        .execute();
      expect(registro).toEqual([{ tipo: 'email', origen: 'encuesta' }]);
    } finally {
      await smtp.cerrar();
    }
  });
});

describe('análisis de satisfacción', () => {
  it('NPS del período, área más débil, distribución y tendencia sobre datos armados a mano', async () => {
    const local = await crearAppDePrueba();
    try {
      const cookie = await local.sesion('lectura');
      const id = await crearCliente(local.db.db);
      // general: 10, 9, 8, 6, 3 → P=2, D=2, n=5 → NPS 0. tiempo es la más baja.
      const notas = [
        [10, 5, 9, 8, 9],
        [9, 6, 10, 8, 9],
        [8, 4, 9, 7, 8],
        [6, 5, 8, 7, 8],
        [3, 2, 6, 5, 6],
      ];
      for (const [g, ti, c, p, a] of notas) {
        await local.db.db
          .insertInto('encuestas_satisfaccion')
          .values({
            id_cliente: id,
            fecha: '2026-10-15',
            estado: 'respondida',
            puntuacion_general: g!,
            puntuacion_tiempo: ti!,
            puntuacion_calidad: c!,
            puntuacion_precio: p!,
            puntuacion_atencion: a!,
            comentarios: g! <= 6 ? 'Demoraron mucho con la cosechadora' : null,
          })
          .execute();
      }
      const r = cuerpo(
        await local.app.inject({
          url: '/api/reportes/satisfaccion?desde=2026-01-01&hasta=2026-11-24',
          headers: { cookie },
        }),
      );
      expect(r.nps).toMatchObject({ respondidas: 5, promotores: 2, pasivos: 1, detractores: 2, nps: 0 });
      expect(r.dimensiones.mas_debil).toEqual(['tiempo']);
      expect(r.dimensiones.promedios.tiempo).toBe(4.4);
      expect(r.distribucion.find((d: { nota: number }) => d.nota === 9).cantidad).toBe(1);
      expect(r.tendencia).toHaveLength(24);
      expect(r.tendencia.find((m: { mes: string }) => m.mes === '2026-10')).toMatchObject({ respondidas: 5, nps: 0 });
      const com = cuerpo(
        await local.app.inject({
          url: '/api/reportes/satisfaccion/comentarios?desde=2026-01-01&hasta=2026-11-24&q=cosechadora&nota_max=6',
          headers: { cookie },
        }),
      );
      expect(com.total).toBe(2);
    } finally {
      await local.cerrar();
    }
  });
});
