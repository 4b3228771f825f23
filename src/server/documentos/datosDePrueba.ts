/**
 * Hand-built data for the documents' tests and the reports' browser journey (never imported by the
 * app): the seed's example 1 — "Agrícola El Triunfo", 3 machines, high quality but slow response —
 * with every date relative to "today" so the talking points can be asserted word for word.
 */
import { restarMeses } from '../../shared/actividad.ts';
import { sumarDias } from '../../shared/kpis.ts';
import { crearCliente } from '../../../test/fabricas.ts';
import type { Conexion } from '../db/tipos.ts';

const mediodia = (fecha: string) => new Date(`${fecha}T15:00:00Z`);

export interface ElTriunfo {
  id: number;
  tractor: number;
  cosechadora: number;
  sembradora: number;
  /** Dates the expected sentences mention. */
  fechas: { tractor: string; cosechadora: string; cotizacion: string; seguimiento: string };
}

/** Agrícola El Triunfo (Los Ángeles, Biobío). `sufijo` keeps unique numbers unique when seeded twice. */
export async function sembrarElTriunfo(db: Conexion, hoy: string, sufijo = ''): Promise<ElTriunfo> {
  const id = await crearCliente(db, {
    nombre: 'Agrícola El Triunfo',
    comuna: 'Los Ángeles',
    region: 'Biobío',
    codigo_comuna: '08301',
    telefono: '+56912345678',
    email: 'contacto@eltriunfo.cl',
  });
  const equipo = async (
    tipo: 'tractor' | 'cosechadora' | 'sembradora',
    marca: string,
    modelo: string,
    anio: number,
    extra: Record<string, unknown>,
  ) =>
    (
      await db
        .insertInto('equipos')
        .values({ id_cliente: id, tipo, marca, modelo, anio, intervalo_meses: 12, ...extra })
        .returning('id_equipo')
        .executeTakeFirstOrThrow()
    ).id_equipo;
  // Tractor: serviced 100 days ago at 1.000 h, used 4 h a day since: 100 h left of 500 → due in 25 days, by hours.
  const tractor = await equipo('tractor', 'John Deere', '6130J', 2019, {
    intervalo_horas: 500,
    horometro: 1400,
    fecha_horometro: hoy,
  });
  await db
    .insertInto('lecturas_horometro')
    .values([
      { id_equipo: tractor, fecha: sumarDias(hoy, -100), horas: 1000 },
      { id_equipo: tractor, fecha: hoy, horas: 1400 },
    ])
    .execute();
  // Harvester from 2008 (a renewal candidate), last serviced 13 months ago on a 12-month plan: overdue.
  const cosechadora = await equipo('cosechadora', 'Claas', 'Tucano 570', 2008, {});
  const sembradora = await equipo('sembradora', 'Semeato', 'SSM 27', 2021, {});
  const orden = (
    numero: string,
    id_equipo: number,
    tipo: 'preventiva' | 'correctiva',
    cierre: string,
    monto_total: number,
    horometro: number | null,
    descripcion: string,
  ) =>
    db
      .insertInto('ordenes_trabajo')
      .values({
        id_cliente: id,
        id_equipo,
        numero: `${numero}${sufijo}`,
        tipo,
        estado: 'entregada',
        fecha_ingreso: sumarDias(cierre, -1),
        fecha_cierre: cierre,
        monto_total,
        horometro,
        descripcion,
      })
      .execute();
  const cierreCosechadora = restarMeses(hoy, 13);
  await orden('OT-101', tractor, 'preventiva', sumarDias(hoy, -100), 850_000, 1000, 'Mantención de 500 horas');
  await orden('OT-88', cosechadora, 'correctiva', cierreCosechadora, 1_400_000, null, 'Cambio de cóncavo y cribas');
  await orden('OT-120', sembradora, 'preventiva', sumarDias(hoy, -60), 320_000, null, 'Revisión antes de la siembra');
  await db
    .insertInto('pedidos_repuestos')
    .values({
      id_cliente: id,
      id_equipo: tractor,
      numero: `PED-12${sufijo}`,
      fecha: sumarDias(hoy, -50),
      estado: 'entregado',
      fecha_entrega: sumarDias(hoy, -48),
      monto_total: 50_000,
      items: JSON.stringify([{ codigo: 'AL-123', descripcion: 'Filtro de aceite', cantidad: 2, precio: 25_000 }]),
    })
    .execute();
  const vence = sumarDias(hoy, 20);
  await db
    .insertInto('cotizaciones')
    .values({
      id_cliente: id,
      numero: `COT-77${sufijo}`,
      fecha: sumarDias(hoy, -10),
      fecha_vencimiento: vence,
      estado: 'pendiente',
      monto_total: 2_000_000,
      descripcion: 'Correas y rodamientos de la cosechadora',
    })
    .execute();
  const seguimiento = sumarDias(hoy, -3);
  await db
    .insertInto('interacciones_cliente')
    .values([
      {
        id_cliente: id,
        fecha: mediodia(sumarDias(hoy, -70)),
        tipo: 'llamada',
        motivo: 'Consulta por repuestos',
        resultado: 'Se envió cotización de filtros',
      },
      {
        id_cliente: id,
        fecha: mediodia(sumarDias(hoy, -40)),
        tipo: 'visita',
        motivo: 'Revisión de la cosechadora en terreno',
        resultado: 'Requiere correas nuevas',
      },
      {
        id_cliente: id,
        fecha: mediodia(sumarDias(hoy, -10)),
        tipo: 'llamada',
        motivo: 'Enviar catálogo de neumáticos',
        seguimiento_requerido: true,
        fecha_seguimiento: seguimiento,
      },
    ])
    .execute();
  // High quality (9,7), slow response (5,3): the seed's "alta satisfacción en calidad pero menor en tiempos de respuesta".
  const notas = [
    { dias: 200, general: 9, tiempo: 5, calidad: 10, precio: 8, atencion: 9 },
    { dias: 120, general: 8, tiempo: 6, calidad: 10, precio: 8, atencion: 9 },
    {
      dias: 30,
      general: 9,
      tiempo: 5,
      calidad: 9,
      precio: 8,
      atencion: 9,
      comentarios: 'Excelente trabajo, pero demoraron en entregar la cosechadora',
    },
  ];
  for (const n of notas) {
    await db
      .insertInto('encuestas_satisfaccion')
      .values({
        id_cliente: id,
        fecha: sumarDias(hoy, -n.dias),
        estado: 'respondida',
        puntuacion_general: n.general,
        puntuacion_tiempo: n.tiempo,
        puntuacion_calidad: n.calidad,
        puntuacion_precio: n.precio,
        puntuacion_atencion: n.atencion,
        recomendaria: true,
        comentarios: n.comentarios ?? null,
      })
      .execute();
  }
  await db
    .updateTable('metricas_clientes')
    .set({
      valor_cliente: 2_620_000,
      valor_ultimo_anio: 1_220_000,
      valor_potencial: 4_500_000,
      segmento_abc: 'A',
      potencial_alto: true,
      cantidad_equipos: 3,
    })
    .where('id_cliente', '=', id)
    .execute();
  return {
    id,
    tractor,
    cosechadora,
    sembradora,
    fechas: {
      tractor: sumarDias(hoy, 25),
      cosechadora: restarMeses(cierreCosechadora, -12),
      cotizacion: vence,
      seguimiento,
    },
  };
}

/** A small portfolio across regions for the dashboard and the map: activity, orders, surveys and quotes. */
export async function sembrarCartera(db: Conexion, hoy: string): Promise<number[]> {
  const lugares = [
    { comuna: 'Chillán', region: 'Ñuble', codigo_comuna: '16101' },
    { comuna: 'Talca', region: 'Maule', codigo_comuna: '07101' },
    { comuna: 'Temuco', region: 'La Araucanía', codigo_comuna: '09101' },
    { comuna: 'Rancagua', region: "Libertador General Bernardo O'Higgins", codigo_comuna: '06101' },
    { comuna: 'Osorno', region: 'Los Lagos', codigo_comuna: '10301' },
    { comuna: 'Melipilla', region: 'Metropolitana de Santiago', codigo_comuna: '13501' },
  ];
  const ids: number[] = [];
  for (const [i, l] of lugares.entries()) {
    const id = await crearCliente(db, { nombre: `Fundo ${l.comuna}`, ...l });
    ids.push(id);
    // Active last year and this year (retention), with an order, an interaction, a survey and a quote each.
    await db
      .insertInto('interacciones_cliente')
      .values([
        { id_cliente: id, fecha: mediodia(sumarDias(hoy, -400 + i * 5)), tipo: 'llamada', motivo: 'Saludo anual' },
        { id_cliente: id, fecha: mediodia(sumarDias(hoy, -60 - i * 7)), tipo: 'visita', motivo: 'Visita comercial' },
      ])
      .execute();
    await db
      .insertInto('ordenes_trabajo')
      .values({
        id_cliente: id,
        tipo: 'preventiva',
        estado: 'entregada',
        fecha_ingreso: sumarDias(hoy, -90 - i),
        fecha_cierre: sumarDias(hoy, -88 - i),
        monto_total: 400_000 + i * 150_000,
      })
      .execute();
    await db
      .insertInto('encuestas_satisfaccion')
      .values({
        id_cliente: id,
        fecha: sumarDias(hoy, -80 - i),
        estado: 'respondida',
        puntuacion_general: [10, 9, 7, 4, 9, 8][i]!,
        puntuacion_tiempo: 6,
        puntuacion_calidad: 9,
        puntuacion_precio: 7,
        puntuacion_atencion: 8,
      })
      .execute();
    await db
      .insertInto('cotizaciones')
      .values({
        id_cliente: id,
        fecha: sumarDias(hoy, -100 - i),
        estado: (['aceptada', 'aceptada', 'rechazada', 'pendiente', 'aceptada', 'vencida'] as const)[i]!,
        monto_total: 900_000,
      })
      .execute();
    await db
      .updateTable('metricas_clientes')
      .set({ valor_cliente: 400_000 + i * 150_000, cantidad_equipos: 1 + (i % 3) })
      .where('id_cliente', '=', id)
      .execute();
  }
  await db.updateTable('clientes').set({ activo: true }).where('id_cliente', 'in', ids).execute();
  return ids;
}
