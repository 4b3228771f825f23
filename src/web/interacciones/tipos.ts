/** Shapes of the interacciones / seguimientos answers (server: src/server/interacciones/). */

export type TipoInteraccion = 'llamada' | 'email' | 'visita' | 'whatsapp' | 'otro';

export interface Interaccion {
  id_interaccion: number;
  id_cliente: number;
  fecha: string;
  tipo: TipoInteraccion;
  motivo: string;
  descripcion: string | null;
  resultado: string | null;
  seguimiento_requerido: boolean;
  fecha_seguimiento: string | null;
  seguimiento_completado_en: string | null;
  id_orden: number | null;
  id_pedido: number | null;
  id_usuario: number | null;
  usuario: string | null;
  id_responsable_seguimiento: number | null;
  responsable_seguimiento: string | null;
  origen: string;
}

export interface Seguimiento extends Interaccion {
  cliente: string;
  telefono_cliente: string | null;
  estado: 'vencido' | 'hoy' | 'proximo';
}

export interface BandejaSeguimientos {
  hoy: string;
  vencidos: Seguimiento[];
  de_hoy: Seguimiento[];
  proximos: Seguimiento[];
}

export interface ResumenSeguimientos {
  vencidos: number;
  hoy: number;
}

export type TipoEvento = 'interaccion' | 'orden' | 'pedido' | 'cotizacion' | 'encuesta';

export interface EventoHistoria {
  tipo: TipoEvento;
  id: number;
  fecha: string;
  titulo: string;
  detalle: string | null;
  estado: string | null;
  monto: number | null;
  subtipo: string | null;
}

export interface PaginaHistoria {
  total: number;
  limit: number;
  offset: number;
  items: EventoHistoria[];
}

export type MesFrecuencia = { mes: string; total: number } & Record<TipoInteraccion, number>;

export interface Frecuencia {
  meses: MesFrecuencia[];
  total_24_meses: number;
  dias_promedio_entre_contactos: number | null;
  cadencia_habitual_dias: number | null;
  ultimo_contacto: string | null;
  dias_sin_contacto: number | null;
  atrasado: boolean;
}
