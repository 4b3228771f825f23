import type { Generated, JSONColumnType } from 'kysely';

export interface PedidosRepuestosTable {
  id_pedido: Generated<number>;
  id_cliente: number;
  id_equipo: number | null;
  numero: string | null;
  fecha: string;
  estado: 'pendiente' | 'confirmado' | 'entregado' | 'cancelado';
  fecha_entrega: string | null;
  monto_total: Generated<number>;
  items: JSONColumnType<unknown[], string | undefined, string>;
  creado_en: Generated<Date>;
  version: Generated<number>;
}
