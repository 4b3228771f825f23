import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { crearCliente } from '../../../test/fabricas.ts';
import { formatearFecha, hoyEnSantiago } from '../../shared/formato.ts';
import { sembrarElTriunfo, type ElTriunfo } from './datosDePrueba.ts';
import { puntosDeConversacion, type HechosVisita } from './visita.ts';

const sinNada: HechosVisita = {
  hoy: '2026-11-24',
  equipos: [],
  dimensiones: {
    promedios: { tiempo: null, calidad: null, precio: null, atencion: null },
    mas_debil: [],
    mas_fuerte: [],
  },
  ultima_encuesta: null,
  cotizaciones: [],
  seguimientos: [],
  valor: { valor_potencial: null, valor_ultimo_anio: 0 },
  contacto: { dias_sin_contacto: null, cadencia_habitual_dias: null, atrasado: false },
  oportunidades: [],
};
const textos = (h: Partial<HechosVisita>) => puntosDeConversacion({ ...sinNada, ...h }).map((p) => p.texto);

describe('puntos de conversación (reglas, con hechos armados a mano)', () => {
  it('mantención próxima por horas y atrasada por fecha, con el género de cada equipo', () => {
    expect(
      textos({
        equipos: [
          {
            id_equipo: 1,
            tipo: 'tractor',
            nombre: 'tractor John Deere 6130J',
            anio: 2019,
            horometro: 1400,
            activo: true,
            proxima_mantencion: { fecha: '2026-12-15', motivo: 'horas' },
          },
          {
            id_equipo: 2,
            tipo: 'cosechadora',
            nombre: 'cosechadora Claas Tucano 570',
            anio: 2008,
            horometro: null,
            activo: true,
            proxima_mantencion: { fecha: '2026-10-01', motivo: 'fecha' },
          },
          {
            id_equipo: 3,
            tipo: 'sembradora',
            nombre: 'sembradora Semeato SSM 27',
            anio: 2021,
            horometro: null,
            activo: true,
            proxima_mantencion: { fecha: '2027-06-01', motivo: 'fecha' },
          },
          {
            id_equipo: 4,
            tipo: 'tractor',
            nombre: 'tractor Ford 5000',
            anio: 1975,
            horometro: 9000,
            activo: false,
            proxima_mantencion: { fecha: '2020-01-01', motivo: 'fecha' },
          },
        ],
      }),
    ).toEqual([
      'Ofrecer la mantención del tractor John Deere 6130J (vence el 15-12-2026, por horas de uso)',
      'Ofrecer la mantención atrasada de la cosechadora Claas Tucano 570 (venció el 01-10-2026, por fecha)',
    ]);
  });

  it('área más débil bajo 8 se reconoce; la más fuerte desde 8 se destaca', () => {
    expect(
      textos({
        dimensiones: {
          promedios: { tiempo: 5.4, calidad: 9.6, precio: 8, atencion: 9 },
          mas_debil: ['tiempo'],
          mas_fuerte: ['calidad'],
        },
      }),
    ).toEqual([
      'Reconocer los tiempos de respuesta (5,4/10) y explicar cómo los mejoraremos',
      'Destacar la calidad del servicio (9,6/10)',
    ]);
    // Everything good: nothing to acknowledge, the best area to praise.
    expect(
      textos({
        dimensiones: {
          promedios: { tiempo: 8.5, calidad: 9, precio: 8.5, atencion: 8.5 },
          mas_debil: ['tiempo', 'precio', 'atencion'],
          mas_fuerte: ['calidad'],
        },
      }),
    ).toEqual(['Destacar la calidad del servicio (9,0/10)']);
  });

  it('cotizaciones pendientes: por vencer, vencida y sin fecha', () => {
    expect(
      textos({
        cotizaciones: [
          { id_cotizacion: 1, numero: 'COT-77', monto_total: 2_000_000, fecha_vencimiento: '2026-12-10' },
          { id_cotizacion: 2, numero: 'COT-70', monto_total: 350_000, fecha_vencimiento: '2026-11-01' },
          { id_cotizacion: 9, numero: null, monto_total: 1_234_567, fecha_vencimiento: null },
        ],
      }),
    ).toEqual([
      'Retomar la cotización COT-77 por $2.000.000 que vence el 10-12-2026',
      'Retomar la cotización COT-70 por $350.000, que venció el 01-11-2026, y ofrecer renovarla',
      'Retomar la cotización N° 9 por $1.234.567',
    ]);
  });

  it('reclamo reciente primero, potencial sin aprovechar, renovación y contacto atrasado', () => {
    expect(
      textos({
        ultima_encuesta: { fecha: '2026-10-20', puntuacion_general: 4, nps: -1 },
        equipos: [
          {
            id_equipo: 7,
            tipo: 'cosechadora',
            nombre: 'cosechadora Claas Tucano 570',
            anio: 2008,
            horometro: 9120,
            activo: true,
            proxima_mantencion: null,
          },
        ],
        oportunidades: [
          { tipo: 'renovacion', id_equipo: 7 },
          { tipo: 'sin_servicio', id_equipo: 7 },
          { tipo: 'bajo_potencial', id_equipo: null },
        ],
        valor: { valor_potencial: 4_500_000, valor_ultimo_anio: 1_220_000 },
        contacto: { dias_sin_contacto: 240, cadencia_habitual_dias: 30, atrasado: true },
      }),
    ).toEqual([
      'Cerrar el reclamo de la última encuesta (nota 4)',
      'Su flota podría requerir $4.500.000 al año; hoy compra $1.220.000',
      'Conversar sobre la renovación de la cosechadora Claas Tucano 570 (año 2008, 9.120 h)',
      'Ofrecer la mantención de la cosechadora Claas Tucano 570 en el taller: compra repuestos, pero nunca ha hecho mantenciones aquí',
      'Retomar el contacto: lleva 240 días sin contacto (lo habitual es cada 30 días)',
    ]);
  });

  it('un reclamo de hace más de 6 meses ya no es reciente; sin hechos, un punto general', () => {
    expect(textos({ ultima_encuesta: { fecha: '2026-03-01', puntuacion_general: 3, nps: -1 } })).toEqual([
      'Agradecer la preferencia y preguntar por sus próximas necesidades de servicio',
    ]);
  });
});

describe('GET /api/clientes/:id/visita', () => {
  let t: AppDePrueba;
  let triunfo: ElTriunfo;
  const hoy = hoyEnSantiago();
  beforeAll(async () => {
    t = await crearAppDePrueba();
    triunfo = await sembrarElTriunfo(t.db.db, hoy);
  });
  afterAll(() => t.cerrar());

  it('arma el brief de Agrícola El Triunfo con sus puntos de conversación, palabra por palabra', async () => {
    const r = await t.app.inject({
      url: `/api/clientes/${triunfo.id}/visita`,
      headers: { cookie: await t.sesion('lectura') },
    });
    expect(r.statusCode).toBe(200);
    const b = cuerpo(r);
    const f = triunfo.fechas;
    expect(b.puntos.map((p: { texto: string }) => p.texto)).toEqual([
      `Cumplir el seguimiento pendiente «Enviar catálogo de neumáticos» (vencía el ${formatearFecha(f.seguimiento)})`,
      `Ofrecer la mantención del tractor John Deere 6130J (vence el ${formatearFecha(f.tractor)}, por horas de uso)`,
      `Ofrecer la mantención atrasada de la cosechadora Claas Tucano 570 (venció el ${formatearFecha(f.cosechadora)}, por fecha)`,
      `Retomar la cotización COT-77 por $2.000.000 que vence el ${formatearFecha(f.cotizacion)}`,
      'Reconocer los tiempos de respuesta (5,3/10) y explicar cómo los mejoraremos',
      'Destacar la calidad del servicio (9,7/10)',
      'Su flota podría requerir $4.500.000 al año; hoy compra $1.220.000',
      'Conversar sobre la renovación de la cosechadora Claas Tucano 570 (año 2008)',
    ]);
    expect(b.cliente).toMatchObject({
      nombre: 'Agrícola El Triunfo',
      rut_formateado: expect.any(String),
      comuna: 'Los Ángeles',
    });
    expect(b.fecha).toBe(hoy);
    expect(
      b.equipos.map((e: { nombre: string; estado_mantencion: string }) => [e.nombre, e.estado_mantencion]),
    ).toEqual([
      ['tractor John Deere 6130J', 'proxima'],
      ['cosechadora Claas Tucano 570', 'atrasada'],
      ['sembradora Semeato SSM 27', 'al_dia'],
    ]);
    expect(b.satisfaccion).toMatchObject({ respondidas: 3, mas_debil: ['tiempo'], mas_fuerte: ['calidad'] });
    expect(b.valor).toMatchObject({
      valor_historico: 2_620_000,
      segmento_abc: 'A',
      valor_potencial: 4_500_000,
      brecha: 3_280_000,
    });
    expect(b.interacciones).toHaveLength(3);
    expect(b.cotizaciones_abiertas[0]).toMatchObject({ numero: 'COT-77', monto_total: 2_000_000 });
    expect(b.oportunidades.items.map((o: { tipo: string }) => o.tipo).sort()).toEqual(['bajo_potencial', 'renovacion']);
  });

  it('deja en la auditoría quién generó el brief', async () => {
    const cookie = await t.sesion('tecnico');
    await t.app.inject({ url: `/api/clientes/${triunfo.id}/visita`, headers: { cookie } });
    const fila = await t.db.db
      .selectFrom('auditoria as a')
      .innerJoin('usuarios as u', 'u.id_usuario', 'a.id_usuario')
      .select(['a.accion', 'a.entidad', 'a.id_cliente', 'a.detalle', 'u.rol'])
      .where('a.entidad', '=', 'visita')
      .where('u.rol', '=', 'tecnico')
      .executeTakeFirstOrThrow();
    expect(fila).toMatchObject({ accion: 'exportar', entidad: 'visita', id_cliente: triunfo.id });
  });

  it('un cliente sin nada que decir recibe el punto general; 404 si no existe; 401 sin sesión', async () => {
    const cookie = await t.sesion('comercial');
    const id = await crearCliente(t.db.db, { nombre: 'Fundo Nuevo' });
    const b = cuerpo(await t.app.inject({ url: `/api/clientes/${id}/visita`, headers: { cookie } }));
    expect(b.puntos).toEqual([
      { tipo: 'general', texto: 'Agradecer la preferencia y preguntar por sus próximas necesidades de servicio' },
    ]);
    const no = await t.app.inject({ url: '/api/clientes/999999/visita', headers: { cookie } });
    expect(no.statusCode).toBe(404);
    expect(cuerpo(no).detail).toMatch(/no existe/);
    const anonimo = await t.app.inject({ url: `/api/clientes/${triunfo.id}/visita` });
    expect(anonimo.statusCode).toBe(401);
    expect(cuerpo(anonimo).title).toBe('Debe iniciar sesión');
  });
});
