/** Shapes of /api/equipos, /ordenes, /pedidos and /cotizaciones (server: src/server/{equipos,ordenes,pedidos,cotizaciones}). */

// bigint and numeric columns come as strings from the pg driver and as numbers from PGlite.
export type Numero = number | string;

export type EstadoOrden = 'abierta' | 'en_proceso' | 'terminada' | 'entregada' | 'cancelada';
export type TipoOrden = 'preventiva' | 'correctiva' | 'garantia';
export type EstadoPedido = 'pendiente' | 'confirmado' | 'entregado' | 'cancelado';
export type EstadoCotizacion = 'pendiente' | 'aceptada' | 'rechazada' | 'vencida';

export interface ProximaMantencion {
  por_fecha: string | null;
  por_horas: string | null;
  fecha: string | null;
  motivo: 'fecha' | 'horas' | null;
  horas_uso_diario: number | null;
  horas_desde_servicio: number | null;
}

export interface LecturaHorometro {
  fecha: string;
  horas: Numero;
  fuente?: string;
}

export interface ServicioEquipo {
  id_orden: number;
  numero: string | null;
  tipo: TipoOrden;
  estado: EstadoOrden;
  fecha_ingreso: string;
  fecha_cierre: string | null;
  horometro: Numero | null;
  monto_total: Numero;
}

/** GET /api/equipos/:id */
export interface EquipoDetalle {
  id_equipo: number;
  id_cliente: number;
  cliente: string;
  tipo: string;
  marca: string;
  modelo: string | null;
  anio: number | null;
  numero_serie: string | null;
  horometro: Numero | null;
  fecha_horometro: string | null;
  intervalo_horas: number | null;
  intervalo_meses: number | null;
  activo: boolean;
  fecha_alta: string;
  version: number;
  lecturas: LecturaHorometro[];
  servicios: ServicioEquipo[];
  proxima_mantencion: ProximaMantencion | null;
}

/** An item of GET /api/equipos. */
export type EquipoResumen = Omit<EquipoDetalle, 'lecturas' | 'servicios' | 'proxima_mantencion'>;

export interface Orden {
  id_orden: number;
  id_cliente: number;
  cliente: string;
  id_equipo: number | null;
  equipo: string | null;
  numero: string | null;
  tipo: TipoOrden;
  estado: EstadoOrden;
  fecha_ingreso: string;
  fecha_cierre: string | null;
  horometro: Numero | null;
  monto_total: Numero;
  descripcion: string | null;
  id_tecnico: number | null;
  tecnico: string | null;
  version: number;
}

export interface ItemPedido {
  codigo?: string | null;
  descripcion: string;
  cantidad: number;
  precio: number;
}

export interface Pedido {
  id_pedido: number;
  id_cliente: number;
  cliente: string;
  id_equipo: number | null;
  numero: string | null;
  fecha: string;
  estado: EstadoPedido;
  fecha_entrega: string | null;
  monto_total: Numero;
  items: ItemPedido[] | string | null;
  version: number;
}

export interface Cotizacion {
  id_cotizacion: number;
  id_cliente: number;
  cliente: string;
  numero: string | null;
  fecha: string;
  fecha_vencimiento: string | null;
  estado: EstadoCotizacion;
  fecha_resolucion: string | null;
  monto_total: Numero;
  descripcion: string | null;
  id_orden: number | null;
  id_pedido: number | null;
  version: number;
}

export interface Pagina<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}
