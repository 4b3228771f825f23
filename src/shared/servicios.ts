import { z } from 'zod';
import { TIPOS_EQUIPO } from './clientes.ts';
import { paginacion } from './listas.ts';

const fecha = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use una fecha aaaa-mm-dd.');
const id = z.number().int().positive();
const monto = z.number().int('El monto va en pesos, sin decimales.').min(0).max(1_000_000_000_000);
const horas = z.number().min(0).max(1_000_000);

export const equipoEntrada = z.strictObject({
  id_cliente: id,
  tipo: z.enum(TIPOS_EQUIPO),
  marca: z.string().trim().min(1, 'Indique la marca.').max(60),
  modelo: z.string().trim().max(80).nullish(),
  anio: z.number().int().min(1900).max(2100).nullish(),
  numero_serie: z.string().trim().max(60).nullish(),
  horometro: horas.nullish(),
  fecha_horometro: fecha.nullish(),
  intervalo_horas: z.number().int().positive().max(10_000).nullish(),
  intervalo_meses: z.number().int().positive().max(120).nullish(),
  activo: z.boolean().optional(),
});
export type EquipoEntrada = z.infer<typeof equipoEntrada>;
export const equipoEdicion = equipoEntrada
  .omit({ id_cliente: true })
  .partial()
  .extend({ version: z.number().int().min(1) });
export type EquipoEdicion = z.infer<typeof equipoEdicion>;

export const lecturaEntrada = z.strictObject({ fecha, horas, fuente: z.string().max(40).optional() });

export const ESTADOS_ORDEN = ['abierta', 'en_proceso', 'terminada', 'entregada', 'cancelada'] as const;
export const TIPOS_ORDEN = ['preventiva', 'correctiva', 'garantia'] as const;
/** Órdenes completadas: las que cuentan para el valor del cliente (DOMAIN.md). */
export const ORDEN_COMPLETADA = ['terminada', 'entregada'] as const;

export const ordenEntrada = z.strictObject({
  id_cliente: id,
  id_equipo: id.nullish(),
  numero: z.string().trim().max(40).nullish(),
  tipo: z.enum(TIPOS_ORDEN),
  estado: z.enum(ESTADOS_ORDEN).default('abierta'),
  fecha_ingreso: fecha,
  fecha_cierre: fecha.nullish(),
  horometro: horas.nullish(),
  monto_total: monto.default(0),
  descripcion: z.string().max(5000).nullish(),
  id_tecnico: id.nullish(),
});
export type OrdenEntrada = z.infer<typeof ordenEntrada>;
// Edits never take defaults: a field left out keeps its value.
export const ordenEdicion = ordenEntrada
  .omit({ id_cliente: true })
  .partial()
  .extend({
    estado: z.enum(ESTADOS_ORDEN).optional(),
    monto_total: monto.optional(),
    version: z.number().int().min(1),
  });
export type OrdenEdicion = z.infer<typeof ordenEdicion>;

export const ESTADOS_PEDIDO = ['pendiente', 'confirmado', 'entregado', 'cancelado'] as const;
export const itemPedido = z.strictObject({
  codigo: z.string().max(40).nullish(),
  descripcion: z.string().min(1).max(200),
  cantidad: z.number().positive().max(100_000),
  precio: monto,
});
export const pedidoEntrada = z.strictObject({
  id_cliente: id,
  id_equipo: id.nullish(),
  numero: z.string().trim().max(40).nullish(),
  fecha,
  estado: z.enum(ESTADOS_PEDIDO).default('pendiente'),
  fecha_entrega: fecha.nullish(),
  monto_total: monto.optional(),
  items: z.array(itemPedido).max(500).optional(),
});
export type PedidoEntrada = z.infer<typeof pedidoEntrada>;
export const pedidoEdicion = pedidoEntrada
  .omit({ id_cliente: true })
  .partial()
  .extend({ estado: z.enum(ESTADOS_PEDIDO).optional(), version: z.number().int().min(1) });
export type PedidoEdicion = z.infer<typeof pedidoEdicion>;

export const ESTADOS_COTIZACION = ['pendiente', 'aceptada', 'rechazada', 'vencida'] as const;
export const cotizacionEntrada = z.strictObject({
  id_cliente: id,
  numero: z.string().trim().max(40).nullish(),
  fecha,
  fecha_vencimiento: fecha.nullish(),
  estado: z.enum(ESTADOS_COTIZACION).default('pendiente'),
  fecha_resolucion: fecha.nullish(),
  monto_total: monto.default(0),
  descripcion: z.string().max(5000).nullish(),
  id_orden: id.nullish(),
  id_pedido: id.nullish(),
});
export type CotizacionEntrada = z.infer<typeof cotizacionEntrada>;
export const cotizacionEdicion = cotizacionEntrada
  .omit({ id_cliente: true })
  .partial()
  .extend({
    estado: z.enum(ESTADOS_COTIZACION).optional(),
    monto_total: monto.optional(),
    version: z.number().int().min(1),
  });
export type CotizacionEdicion = z.infer<typeof cotizacionEdicion>;

const filtroBase = {
  id_cliente: z.coerce.number().int().positive().optional(),
  desde: fecha.optional(),
  hasta: fecha.optional(),
  ...paginacion,
};
export const filtrosEquipos = z.strictObject({
  id_cliente: z.coerce.number().int().positive().optional(),
  tipo: z.enum(TIPOS_EQUIPO).optional(),
  marca: z.string().max(60).optional(),
  q: z.string().max(100).optional(),
  activo: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  ...paginacion,
});
export const filtrosOrdenes = z.strictObject({
  ...filtroBase,
  estado: z.enum(ESTADOS_ORDEN).optional(),
  tipo: z.enum(TIPOS_ORDEN).optional(),
});
export const filtrosPedidos = z.strictObject({ ...filtroBase, estado: z.enum(ESTADOS_PEDIDO).optional() });
export const filtrosCotizaciones = z.strictObject({ ...filtroBase, estado: z.enum(ESTADOS_COTIZACION).optional() });
