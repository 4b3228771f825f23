import { buscarComuna } from '../../src/shared/territorio.ts';
import { azarDe } from './azar.ts';
import { reservarRut, comercialDeZona } from './clientes.ts';
import type { Contexto, Historia } from './contexto.ts';
import { agregarEncuesta } from './encuestas.ts';
import { crearEquipo, escribirEquipos, type EquipoGenerado } from './equipos.ts';
import { anioDe, instante, mesesAntes } from './fechas.ts';
import { agregarInteraccion } from './interacciones.ts';
import type { Cuotas } from './plan.ts';
import {
  agregarCotizacion,
  agregarOrden,
  agregarPedido,
  itemsDe,
  type OrdenGenerada,
  type TipoOrden,
} from './servicios.ts';
import { contactosYConsentimientos, interaccionesTriunfo } from './triunfoContactos.ts';

/**
 * "Agrícola El Triunfo", el cliente del ejemplo 1 del seed, escrito a mano: tres equipos activos
 * con historial de mantenciones, más de diez contactos en el último año, encuestas con calidad
 * alta y tiempos flojos, una cotización pendiente y la mantención anual de la cosechadora, que
 * vence el mes que viene (servicio hace ~11 meses, pauta de 12).
 */

export const TRIUNFO_CUOTAS: Cuotas = {
  equipos: 3,
  ordenes: 21,
  pedidos: 5,
  cotizaciones: 4,
  interacciones: 19,
  encuestas: 5,
};

const ETAPA = 9;

export function generarTriunfo(ctx: Contexto, id: number): void {
  const azar = azarDe(ctx.semilla, id, ETAPA);
  const antes = { ...ctx.ids };
  const { hoy } = ctx;
  const comuna = buscarComuna('Chillán Viejo')!;
  const registro = hoy - 1890;
  const responsable = comercialDeZona(ctx, comuna);
  const h: Historia = {
    id,
    perfil: 'activo',
    registro,
    limite: hoy - 1,
    responsable,
    equipos: [],
    ordenes: [],
    pedidos: [],
  };
  const registrado = instante(registro, 615);
  const confirmado = instante(hoy - 120, 700);
  ctx.nombres.add('agricola el triunfo');
  ctx.salida.clientes.agregar({
    id_cliente: id,
    nombre: 'Agrícola El Triunfo',
    rut: reservarRut(ctx, 76_123_456),
    direccion: 'Fundo El Triunfo, camino a Quinchamalí km 9',
    comuna: comuna.comuna,
    region: comuna.region,
    codigo_comuna: comuna.codigo_comuna,
    telefono: '+56942317788',
    email: 'contacto@agricolaeltriunfo.cl',
    fecha_registro: registrado,
    tipo_persona: 'empresa',
    fecha_nacimiento: null,
    fecha_aniversario: '1998-09-14',
    id_responsable: responsable,
    notas: 'Trigo y avena en 320 ha, más 40 ha de arándanos. Decide el dueño; el día a día lo ve el administrador.',
    canal_preferido: 'whatsapp',
    horario_contacto: 'Mañanas',
    datos_confirmados_en: confirmado,
    actualizado_en: confirmado,
  });
  for (const etiqueta of ['Cerealero', 'Frutícola']) {
    const idEtiqueta = ctx.etiquetas.get(etiqueta);
    if (idEtiqueta) ctx.salida.clientes_etiquetas.agregar({ id_cliente: id, id_etiqueta: idEtiqueta });
  }
  contactosYConsentimientos(ctx, id, registro, responsable);

  const anio = anioDe(hoy);
  const alta = registro + 10;
  const [tractor, cosechadora, pulverizador] = [
    crearEquipo(azar, ctx, {
      alta,
      baja: null,
      tipo: 'tractor',
      marca: 'John Deere',
      modelo: '6130J',
      anio: anio - 7,
      horasPorAnio: 520,
    }),
    crearEquipo(azar, ctx, {
      alta,
      baja: null,
      tipo: 'cosechadora',
      marca: 'Claas',
      modelo: 'Tucano 570',
      anio: anio - 10,
      horasPorAnio: 170,
    }),
    crearEquipo(azar, ctx, {
      alta,
      baja: null,
      tipo: 'pulverizador',
      marca: 'Case IH',
      modelo: 'Patriot 250',
      anio: anio - 6,
      horasPorAnio: 240,
    }),
  ] as [EquipoGenerado, EquipoGenerado, EquipoGenerado];
  h.equipos.push(tractor, cosechadora, pulverizador);

  // La última mantención de la cosechadora: hace 11 meses y 15 días, así la anual vence en dos o tres semanas.
  const ultimaCosechadora = mesesAntes(hoy, 11) - 15;
  const trabajos: [EquipoGenerado, TipoOrden, number, number, number, string?][] = [
    ...[1700, 1430, 1160, 890, 620, 350, 60].map((d): [EquipoGenerado, TipoOrden, number, number, number] => [
      tractor,
      'preventiva',
      hoy - d,
      2,
      480_000 - d * 40,
    ]),
    [tractor, 'correctiva', hoy - 760, 9, 2_890_000, 'Reparación de embrague.'],
    ...[0, 365, 730, 1095, 1460].map((d): [EquipoGenerado, TipoOrden, number, number, number] => [
      cosechadora,
      'preventiva',
      ultimaCosechadora - d,
      d === 0 ? 6 : 4,
      2_150_000 - d * 150,
    ]),
    [cosechadora, 'correctiva', ultimaCosechadora - 500, 12, 3_940_000, 'Cambio de cadenas del alimentador.'],
    ...[75, 315, 555, 795, 1035, 1275, 1515].map((d): [EquipoGenerado, TipoOrden, number, number, number] => [
      pulverizador,
      'preventiva',
      hoy - d,
      1,
      290_000 - d * 20,
    ]),
  ];
  trabajos.sort((a, b) => a[2] - b[2]);
  const ordenes = new Map<string, OrdenGenerada>();
  for (const [equipo, tipo, ingreso, duracion, monto, descripcion] of trabajos) {
    const orden = agregarOrden(azar, ctx, h, {
      equipo,
      tipo,
      ingreso,
      cierre: ingreso + duracion,
      estado: 'entregada',
      monto,
      ...(descripcion ? { descripcion } : {}),
    });
    ordenes.set(`${equipo.tipo}:${hoy - ingreso}`, orden);
  }
  const orden = (tipo: string, diasAtras: number) => ordenes.get(`${tipo}:${diasAtras}`)!;
  const ocm = hoy - ultimaCosechadora;

  // Los pedidos que las interacciones mencionan llevan justo lo que el cliente pidió.
  const compras: [number, EquipoGenerado, (readonly [string, number])[] | null][] = [
    [700, tractor, null],
    [420, pulverizador, null],
    [
      ocm + 40,
      cosechadora,
      [
        ['Sección de cuchilla de siega', 30],
        ['Dedo de barra de corte', 12],
        ['Correa de cilindro trillador', 1],
      ],
    ],
    [
      150,
      pulverizador,
      [
        ['Boquilla de pulverización (10 u.)', 4],
        ['Membrana de bomba', 4],
      ],
    ],
    [
      40,
      tractor,
      [
        ['Filtro de aceite', 3],
        ['Filtro de combustible', 2],
        ['Filtro de aire primario', 1],
        ['Aceite motor 15W-40, bidón 20 L', 4],
      ],
    ],
  ];
  const pedidos = compras.map(([d, equipo, lineas]) =>
    agregarPedido(azar, ctx, h, {
      fecha: hoy - d,
      entrega: hoy - d + 1,
      estado: 'entregado',
      equipo,
      ...(lineas ? { items: itemsDe(azar, equipo, hoy - d, hoy, lineas) } : {}),
    }),
  );

  // Calidad 9–10, tiempo 5–6: el punto débil que el comercial va a abordar en su visita.
  const encuestas: [OrdenGenerada, number, number, number, number, string][] = [
    [orden('cosechadora', ocm + 1460), 9, 6, 10, 8, 'Muy buen trabajo en la cosechadora.'],
    [orden('tractor', 350), 9, 6, 9, 8, 'Muy buena calidad. La entrega del tractor se atrasó dos días.'],
    [orden('cosechadora', ocm), 8, 5, 10, 7, 'Excelente trabajo en la cosechadora, pero tardaron más de lo acordado.'],
    [orden('pulverizador', 315), 9, 6, 9, 8, 'Los técnicos saben mucho; hay que esperar demasiado por repuestos.'],
    [orden('tractor', 60), 8, 5, 9, 7, 'Quedó bien, pero otra vez nos demoraron la entrega.'],
  ];
  for (const [o, general, tiempo, calidad, precio, comentarios] of encuestas) {
    const envio = o.cierre! + 2;
    agregarEncuesta(azar, ctx, h, {
      envio,
      respuesta: envio + 1,
      puntajes: { general, tiempo, calidad, precio, atencion: 9, recomendaria: true, comentarios },
      orden: o,
    });
  }

  const correctivaCosechadora = orden('cosechadora', ocm + 500);
  agregarCotizacion(azar, ctx, h, {
    fecha: correctivaCosechadora.ingreso - 5,
    vigencia: 15,
    estado: 'aceptada',
    resolucion: correctivaCosechadora.ingreso,
    monto: correctivaCosechadora.monto,
    descripcion: 'Cambio de cadenas del alimentador, cosechadora Claas Tucano 570.',
    orden: correctivaCosechadora,
  });
  agregarCotizacion(azar, ctx, h, {
    fecha: hoy - 400,
    vigencia: 30,
    estado: 'rechazada',
    resolucion: hoy - 388,
    monto: 1_379_980,
    descripcion: 'Neumáticos traseros 18.4-38 (par) para tractor John Deere 6130J.',
  });
  agregarCotizacion(azar, ctx, h, {
    fecha: pedidos[2]!.fecha - 2,
    vigencia: 15,
    estado: 'aceptada',
    resolucion: pedidos[2]!.fecha,
    monto: pedidos[2]!.monto,
    descripcion: `Repuestos de pretemporada para la cosechadora (pedido ${pedidos[2]!.numero}).`,
    pedido: pedidos[2]!,
  });
  agregarCotizacion(azar, ctx, h, {
    fecha: hoy - 12,
    vigencia: 30,
    estado: 'pendiente',
    resolucion: null,
    monto: 6_850_000,
    descripcion: 'Overhaul de cabezal y cambio de cadenas del alimentador, cosechadora Claas Tucano 570.',
  });

  escribirEquipos(azar, ctx, h);
  for (const i of interaccionesTriunfo(ctx, h, { orden, pedidos, ocm, tecnico: ctx.personal.tecnicos[0]! })) {
    agregarInteraccion(azar, ctx, h, i);
  }
  // Las cuotas del plan descuentan estas cantidades de los totales de la escala: deben calzar.
  const generadas: Cuotas = {
    equipos: ctx.ids.equipo - antes.equipo,
    ordenes: ctx.ids.orden - antes.orden,
    pedidos: ctx.ids.pedido - antes.pedido,
    cotizaciones: ctx.ids.cotizacion - antes.cotizacion,
    interacciones: ctx.ids.interaccion - antes.interaccion,
    encuestas: ctx.ids.encuesta - antes.encuesta,
  };
  if (JSON.stringify(generadas) !== JSON.stringify(TRIUNFO_CUOTAS)) {
    throw new Error(`TRIUNFO_CUOTAS no calza con lo generado: ${JSON.stringify(generadas)}`);
  }
}
