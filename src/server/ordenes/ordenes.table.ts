import type { Generated } from 'kysely';

export type EstadoOrden = 'abierta' | 'en_proceso' | 'terminada' | 'entregada' | 'cancelada';

export interface OrdenesTrabajoTable {
  id_orden: Generated<number>;
  id_cliente: number;
  id_equipo: number | null;
  numero: string | null;
  tipo: 'preventiva' | 'correctiva' | 'garantia';
  estado: EstadoOrden;
  fecha_ingreso: string;
  fecha_cierre: string | null;
  horometro: number | null;
  monto_total: Generated<number>;
  descripcion: string | null;
  id_tecnico: number | null;
  creado_en: Generated<Date>;
  version: Generated<number>;
}
