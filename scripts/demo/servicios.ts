import type { Azar } from './azar.ts';
import { siguienteId, type Contexto, type Historia } from './contexto.ts';
import { anotarLectura, conEquipo, horasEn, type EquipoGenerado } from './equipos.ts';
import { anioDe, DIAS_ANIO, fecha, horaDeOficina, instante } from './fechas.ts';
import { codigoRepuesto, REPUESTOS, type TipoEquipo } from './maquinaria.ts';
import { COTIZACIONES, FALLAS, textoMantencion } from './textos.ts';

/** Órdenes de trabajo, pedidos de repuestos y cotizaciones de un cliente. */

export type TipoOrden = 'preventiva' | 'correctiva' | 'garantia';

export interface OrdenGenerada {
  id: number;
  equipo: EquipoGenerado | null;
  tipo: TipoOrden;
  estado: 'abierta' | 'en_proceso' | 'terminada' | 'entregada' | 'cancelada';
  ingreso: number;
  cierre: number | null;
  monto: number;
  descripcion: string;
  numero: string;
}

export interface PedidoGenerado {
  id: number;
  fecha: number;
  entrega: number | null;
  estado: 'pendiente' | 'confirmado' | 'entregado' | 'cancelado';
  monto: number;
  numero: string;
}

const FACTOR_TIPO: Record<TipoEquipo, number> = {
  tractor: 1,
  cosechadora: 2.2,
  pulverizador: 0.8,
  sembradora: 0.6,
  enfardadora: 0.7,
  otro: 0.5,
};

function redondear(monto: number, unidad: number): number {
  return Math.round(monto / unidad) * unidad;
}

export function numeroDocumento(prefijo: string, dia: number, id: number): string {
  return `${prefijo}-${anioDe(dia)}-${String(id).padStart(6, '0')}`;
}

/** Monto de una orden en CLP: la preventiva cuesta poco y parejo; la correctiva tiene cola larga. */
function montoOrden(azar: Azar, tipo: TipoOrden, equipo: EquipoGenerado | null): number {
  if (tipo === 'garantia') return 0; // la paga el fabricante
  const factor = FACTOR_TIPO[equipo?.tipo ?? 'otro'];
  const monto = tipo === 'preventiva' ? azar.entre(200_000, 650_000) * factor : azar.logNormal(900_000, 0.8) * factor;
  return redondear(Math.min(8_000_000, Math.max(150_000, monto)), 10);
}

/** Registra una orden y su lectura de horómetro; devuelve la orden para vincularla después. */
export function agregarOrden(
  azar: Azar,
  ctx: Contexto,
  h: Historia,
  o: Omit<OrdenGenerada, 'id' | 'numero' | 'descripcion' | 'monto'> & { monto?: number; descripcion?: string },
): OrdenGenerada {
  const id = siguienteId(ctx, 'orden');
  const horometro = o.equipo ? horasEn(o.equipo, o.ingreso) : null;
  if (o.equipo) anotarLectura(o.equipo, o.ingreso, 'orden');
  const tipoEquipo = o.equipo?.tipo ?? 'otro';
  const descripcion =
    o.descripcion ??
    (o.tipo === 'preventiva'
      ? textoMantencion(tipoEquipo, horometro)
      : `${o.tipo === 'garantia' ? 'Garantía: ' : ''}${azar.elegir(FALLAS[tipoEquipo])}`);
  const orden: OrdenGenerada = {
    ...o,
    id,
    numero: numeroDocumento('OT', o.ingreso, id),
    monto: o.estado === 'cancelada' ? 0 : (o.monto ?? montoOrden(azar, o.tipo, o.equipo)),
    descripcion,
  };
  ctx.salida.ordenes_trabajo.agregar({
    id_orden: id,
    id_cliente: h.id,
    id_equipo: o.equipo?.id ?? null,
    numero: orden.numero,
    tipo: o.tipo,
    estado: o.estado,
    fecha_ingreso: fecha(o.ingreso),
    fecha_cierre: o.cierre === null ? null : fecha(o.cierre),
    horometro,
    monto_total: orden.monto,
    descripcion,
    id_tecnico: azar.elegir(ctx.personal.tecnicos),
    creado_en: instante(o.ingreso, horaDeOficina(azar.real())),
  });
  h.ordenes.push(orden);
  return orden;
}

/** Estado de un trabajo según cuándo terminaría: lo que termina hoy o después sigue en el taller. */
function estadoOrden(
  azar: Azar,
  hoy: number,
  ingreso: number,
  cierre: number,
): Pick<OrdenGenerada, 'estado' | 'cierre'> {
  if (cierre >= hoy) return { estado: hoy - ingreso <= 2 ? 'abierta' : 'en_proceso', cierre: null };
  if (azar.si(0.04)) return { estado: 'cancelada', cierre: Math.min(hoy - 1, ingreso + azar.entero(0, 3)) };
  const reciente = hoy - cierre <= 5;
  return { estado: azar.si(reciente ? 0.6 : 0.12) ? 'terminada' : 'entregada', cierre };
}

export function generarOrdenes(azar: Azar, ctx: Contexto, h: Historia, cantidad: number): void {
  const planeadas: { equipo: EquipoGenerado | null; tipo: TipoOrden; ingreso: number; duracion: number }[] = [];
  for (let i = 0; i < cantidad; i++) {
    const equipo = h.equipos.length > 0 ? azar.elegir(h.equipos) : null;
    let tipo = azar.ponderado<TipoOrden>([
      ['preventiva', 58],
      ['correctiva', 37],
      ['garantia', 5],
    ]);
    const duracion = tipo === 'preventiva' ? azar.entero(1, 4) : azar.entero(2, 20);
    const inicio = Math.max(h.registro, equipo?.alta ?? h.registro);
    const fin = Math.min(h.limite, equipo?.baja ?? h.limite);
    // Un cliente inactivo no tiene trabajos que terminen después de su última actividad.
    const ultimoIngreso = Math.max(inicio, h.perfil === 'activo' ? fin : fin - duracion);
    const ingreso = azar.entero(inicio, ultimoIngreso);
    if (tipo === 'garantia' && (!equipo || anioDe(ingreso) - equipo.anio > 2)) tipo = 'correctiva';
    planeadas.push({ equipo, tipo, ingreso, duracion });
  }
  planeadas.sort((a, b) => a.ingreso - b.ingreso);
  for (const p of planeadas) {
    const termino = p.ingreso + p.duracion;
    const cierre = h.perfil === 'activo' ? termino : Math.min(termino, Math.max(h.limite, p.ingreso));
    const estado = estadoOrden(azar, ctx.hoy, p.ingreso, cierre);
    agregarOrden(azar, ctx, h, { equipo: p.equipo, tipo: p.tipo, ingreso: p.ingreso, ...estado });
  }
}

export interface Item {
  codigo: string;
  descripcion: string;
  cantidad: number;
  precio: number;
}

/** Precio de lista ese día: los precios de hoy, descontando ~4,5 % de inflación por año hacia atrás. */
function precioEn(azar: Azar, base: number, dia: number, hoy: number): number {
  const valor = base * Math.pow(1.045, -(hoy - dia) / DIAS_ANIO) * azar.entre(0.97, 1.03);
  return Math.max(990, redondear(valor, base < 10_000 ? 100 : 1000) - 10);
}

/** Ítems elegidos a mano (por descripción del catálogo), con el código de la marca y el precio de ese día. */
export function itemsDe(
  azar: Azar,
  equipo: EquipoGenerado,
  dia: number,
  hoy: number,
  lineas: readonly (readonly [string, number])[],
): Item[] {
  return lineas.map(([descripcion, cantidad]) => {
    const indice = REPUESTOS.findIndex((r) => r.descripcion === descripcion);
    if (indice < 0) throw new Error(`Repuesto desconocido en el catálogo: ${descripcion}`);
    const precio = precioEn(azar, REPUESTOS[indice]!.precio, dia, hoy);
    return { codigo: codigoRepuesto(equipo.marca, indice), descripcion, cantidad, precio };
  });
}

function itemsPedido(azar: Azar, equipo: EquipoGenerado | null, dia: number, hoy: number): Item[] {
  const motor = equipo ? horasEn(equipo, dia) !== null : false;
  const aplican = REPUESTOS.flatMap((r, indice) =>
    r.para.some((p) => p === 'todos' || (p === 'motor' && (motor || !equipo)) || p === equipo?.tipo)
      ? [{ r, indice }]
      : [],
  );
  return azar
    .muestra(
      aplican,
      azar.ponderado([
        [1, 3],
        [2, 4],
        [3, 3],
        [4, 2],
        [5, 1],
      ]),
    )
    .map(({ r, indice }) => ({
      codigo: codigoRepuesto(equipo?.marca ?? null, indice),
      descripcion: r.descripcion,
      cantidad: azar.entero(r.cantidad[0], r.cantidad[1]),
      precio: precioEn(azar, r.precio, dia, hoy),
    }));
}

/** Registra un pedido cuyos ítems suman exactamente su monto total. */
export function agregarPedido(
  azar: Azar,
  ctx: Contexto,
  h: Historia,
  p: {
    fecha: number;
    entrega: number | null;
    estado: PedidoGenerado['estado'];
    equipo: EquipoGenerado | null;
    items?: Item[];
  },
): PedidoGenerado {
  const id = siguienteId(ctx, 'pedido');
  const items = p.items ?? itemsPedido(azar, p.equipo, p.fecha, ctx.hoy);
  const monto = items.reduce((suma, i) => suma + i.cantidad * i.precio, 0);
  const pedido: PedidoGenerado = {
    id,
    fecha: p.fecha,
    entrega: p.entrega,
    estado: p.estado,
    monto,
    numero: numeroDocumento('PR', p.fecha, id),
  };
  ctx.salida.pedidos_repuestos.agregar({
    id_pedido: id,
    id_cliente: h.id,
    id_equipo: p.equipo?.id ?? null,
    numero: pedido.numero,
    fecha: fecha(p.fecha),
    estado: p.estado,
    fecha_entrega: p.entrega === null ? null : fecha(p.entrega),
    monto_total: monto,
    items: JSON.stringify(items),
    creado_en: instante(p.fecha, horaDeOficina(azar.real())),
  });
  h.pedidos.push(pedido);
  return pedido;
}

export function generarPedidos(azar: Azar, ctx: Contexto, h: Historia, cantidad: number): void {
  const dias: number[] = [];
  const ultimo = h.perfil === 'activo' ? h.limite : Math.max(h.registro, h.limite - 12);
  for (let i = 0; i < cantidad; i++) dias.push(azar.entero(h.registro, ultimo));
  dias.sort((a, b) => a - b);
  for (const dia of dias) {
    const propios = h.equipos.filter((e) => e.alta <= dia && (e.baja === null || dia <= e.baja));
    const equipo = propios.length > 0 && azar.si(0.75) ? azar.elegir(propios) : null;
    const entrega =
      dia +
      azar.ponderado([
        [0, 4],
        [1, 3],
        [3, 2],
        [7, 2],
        [12, 1],
      ]);
    let estado: PedidoGenerado['estado'];
    if (entrega >= ctx.hoy)
      estado = azar.ponderado<PedidoGenerado['estado']>([
        ['pendiente', 45],
        ['confirmado', 55],
      ]);
    else estado = azar.si(0.08) ? 'cancelado' : 'entregado';
    agregarPedido(azar, ctx, h, { fecha: dia, entrega: estado === 'entregado' ? entrega : null, estado, equipo });
  }
}

/** Registra una cotización. */
export function agregarCotizacion(
  azar: Azar,
  ctx: Contexto,
  h: Historia,
  c: {
    fecha: number;
    vigencia: number;
    estado: 'pendiente' | 'aceptada' | 'rechazada' | 'vencida';
    resolucion: number | null;
    monto: number;
    descripcion: string;
    orden?: OrdenGenerada;
    pedido?: PedidoGenerado;
  },
): void {
  const id = siguienteId(ctx, 'cotizacion');
  ctx.salida.cotizaciones.agregar({
    id_cotizacion: id,
    id_cliente: h.id,
    numero: numeroDocumento('COT', c.fecha, id),
    fecha: fecha(c.fecha),
    fecha_vencimiento: fecha(c.fecha + c.vigencia),
    estado: c.estado,
    fecha_resolucion: c.resolucion === null ? null : fecha(c.resolucion),
    monto_total: c.monto,
    descripcion: c.descripcion,
    id_orden: c.orden?.id ?? null,
    id_pedido: c.pedido?.id ?? null,
    creado_en: instante(c.fecha, horaDeOficina(azar.real())),
  });
}

function textoCotizacion(azar: Azar, h: Historia): string {
  if (h.equipos.length === 0) return COTIZACIONES.sinEquipo;
  const equipo = azar.elegir(h.equipos);
  const plantilla = azar.elegir(
    equipo.horasAlta === null ? COTIZACIONES.equipo : [...COTIZACIONES.equipo, ...COTIZACIONES.motor],
  );
  return conEquipo(plantilla.replace('{falla}', azar.elegir(FALLAS[equipo.tipo]).replace(/\.$/, '')), equipo);
}

/**
 * Cotizaciones: un tercio dio origen a una orden o un pedido del cliente (y se
 * fechan unos días antes de él); las recientes siguen pendientes; las viejas se resolvieron o vencieron.
 */
export function generarCotizaciones(azar: Azar, ctx: Contexto, h: Historia, cantidad: number): void {
  const ordenes = azar.muestra(
    h.ordenes.filter((o) => o.monto > 0),
    h.ordenes.length,
  );
  const pedidos = azar.muestra(
    h.pedidos.filter((p) => p.estado !== 'cancelado'),
    h.pedidos.length,
  );
  for (let i = 0; i < cantidad; i++) {
    const vigencia = azar.elegir([15, 30]);
    const origen = azar.si(0.35) ? (azar.si(0.6) ? ordenes.pop() : pedidos.pop()) : undefined;
    if (origen) {
      const esOrden = 'ingreso' in origen;
      const dia = esOrden ? origen.ingreso : origen.fecha;
      const desde = Math.max(h.registro, dia - azar.entero(1, 10));
      agregarCotizacion(azar, ctx, h, {
        fecha: desde,
        vigencia,
        estado: 'aceptada',
        resolucion: dia,
        monto: origen.monto,
        descripcion: esOrden ? origen.descripcion : `Repuestos del pedido ${origen.numero}.`,
        ...(esOrden ? { orden: origen } : { pedido: origen }),
      });
      continue;
    }
    const dia = azar.entero(h.registro, h.limite);
    const monto = redondear(Math.min(15_000_000, Math.max(90_000, azar.logNormal(1_200_000, 0.9))), 10);
    const descripcion = textoCotizacion(azar, h);
    if (dia + vigencia >= ctx.hoy) {
      const estado = azar.ponderado<'pendiente' | 'aceptada' | 'rechazada'>([
        ['pendiente', 75],
        ['aceptada', 15],
        ['rechazada', 10],
      ]);
      const resolucion = estado === 'pendiente' ? null : azar.entero(dia, ctx.hoy - 1);
      agregarCotizacion(azar, ctx, h, { fecha: dia, vigencia, estado, resolucion, monto, descripcion });
      continue;
    }
    const estado = azar.ponderado<'aceptada' | 'rechazada' | 'vencida'>([
      ['aceptada', 30],
      ['rechazada', 40],
      ['vencida', 30],
    ]);
    const resolucion = estado === 'vencida' ? dia + vigencia : dia + azar.entero(1, vigencia);
    agregarCotizacion(azar, ctx, h, { fecha: dia, vigencia, estado, resolucion, monto, descripcion });
  }
}
