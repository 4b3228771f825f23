import type { Generated } from 'kysely';

export interface CotizacionesTable {
  id_cotizacion: Generated<number>;
  id_cliente: number;
  numero: string | null;
  fecha: string;
  fecha_vencimiento: string | null;
  estado: 'pendiente' | 'aceptada' | 'rechazada' | 'vencida';
  fecha_resolucion: string | null;
  monto_total: Generated<number>;
  descripcion: string | null;
  id_orden: number | null;
  id_pedido: number | null;
  creado_en: Generated<Date>;
  version: Generated<number>;
}
