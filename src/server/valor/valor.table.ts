import type { Generated } from 'kysely';

export interface MetricasClientesTable {
  id_metrica_cliente: Generated<number>;
  id_cliente: number;
  cantidad_equipos: Generated<number>;
  cantidad_mantenciones_solicitadas: Generated<number>;
  cantidad_pedidos_repuestos: Generated<number>;
  ultima_interaccion: Date | null;
  cantidad_interacciones_ultimo_anio: Generated<number>;
  valor_cliente: Generated<number>;
  fecha_actualizacion: Generated<Date>;
  cliente_recurrente: Generated<boolean>;
  dias_desde_ultima_interaccion: number | null;
  valor_ultimo_anio: Generated<number>;
  valor_potencial: Generated<number>;
  segmento_abc: 'A' | 'B' | 'C' | null;
  potencial_alto: boolean | null;
}

export interface GastoEsperadoTipoTable {
  tipo: string;
  monto_anual: number;
  horas_referencia: Generated<number>;
}
