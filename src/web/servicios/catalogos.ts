import type { EstadoCotizacion, EstadoOrden, EstadoPedido, TipoOrden } from './tipos.ts';

// Labels live here, not in shared/servicios.ts, which builds zod schemas on import.

export const NOMBRE_ESTADO_ORDEN: Record<EstadoOrden, string> = {
  abierta: 'Abierta',
  en_proceso: 'En proceso',
  terminada: 'Terminada',
  entregada: 'Entregada',
  cancelada: 'Cancelada',
};

export const NOMBRE_TIPO_ORDEN: Record<TipoOrden, string> = {
  preventiva: 'Preventiva',
  correctiva: 'Correctiva',
  garantia: 'Garantía',
};

export const NOMBRE_ESTADO_PEDIDO: Record<EstadoPedido, string> = {
  pendiente: 'Pendiente',
  confirmado: 'Confirmado',
  entregado: 'Entregado',
  cancelado: 'Cancelado',
};

export const NOMBRE_ESTADO_COTIZACION: Record<EstadoCotizacion, string> = {
  pendiente: 'Pendiente',
  aceptada: 'Aceptada',
  rechazada: 'Rechazada',
  vencida: 'Vencida',
};

const COLOR_ESTADO: Record<string, string> = {
  abierta: 'blue',
  en_proceso: 'cyan',
  terminada: 'campo',
  entregada: 'campo',
  cancelada: 'gray',
  pendiente: 'yellow',
  confirmado: 'blue',
  entregado: 'campo',
  cancelado: 'gray',
  aceptada: 'campo',
  rechazada: 'red',
  vencida: 'gray',
  respondida: 'campo',
  enviada: 'blue',
  'seguimiento pendiente': 'orange',
};

/** One badge colour per state, whatever the document: green is done, grey is out of play. */
export function colorEstado(estado: string | null | undefined): string {
  return (estado && COLOR_ESTADO[estado]) || 'gray';
}

const NOMBRES_ESTADO: Record<string, string> = {
  ...NOMBRE_ESTADO_ORDEN,
  ...NOMBRE_ESTADO_PEDIDO,
  ...NOMBRE_ESTADO_COTIZACION,
  respondida: 'Respondida',
  enviada: 'Enviada',
  'seguimiento pendiente': 'Seguimiento pendiente',
};

export function nombreEstado(estado: string): string {
  return NOMBRES_ESTADO[estado] ?? estado.replace(/_/g, ' ');
}

export const opciones = (nombres: Record<string, string>) =>
  Object.entries(nombres).map(([value, label]) => ({ value, label }));

/** A number from a pg bigint / numeric (a string) or a number; null when empty. */
export function aNumero(v: number | string | null | undefined): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}
