import type { ColumnType, Generated } from 'kysely';

export type TipoInteraccion = 'llamada' | 'email' | 'visita' | 'whatsapp' | 'otro';

export interface InteraccionesClienteTable {
  id_interaccion: Generated<number>;
  id_cliente: number;
  fecha: ColumnType<Date, Date | string, Date | string>;
  tipo: TipoInteraccion;
  motivo: string;
  descripcion: string | null;
  resultado: string | null;
  seguimiento_requerido: Generated<boolean>;
  fecha_seguimiento: string | null;
  id_orden: number | null;
  id_pedido: number | null;
  id_usuario: number | null;
  id_responsable_seguimiento: number | null;
  seguimiento_completado_en: Date | null;
  origen: Generated<string>;
  creado_en: Generated<Date>;
}
