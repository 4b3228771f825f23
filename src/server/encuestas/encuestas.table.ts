import type { ColumnType, Generated } from 'kysely';

export interface EncuestasSatisfaccionTable {
  id_encuesta: Generated<number>;
  id_cliente: number;
  id_orden: number | null;
  id_pedido: number | null;
  fecha: string;
  puntuacion_general: number | null;
  puntuacion_tiempo: number | null;
  puntuacion_calidad: number | null;
  puntuacion_precio: number | null;
  puntuacion_atencion: number | null;
  recomendaria: boolean | null;
  comentarios: string | null;
  /** Derivado de puntuacion_general por la base de datos; nunca se escribe. */
  nps: ColumnType<number | null, never, never>;
  estado: Generated<'pendiente' | 'enviada' | 'respondida' | 'vencida'>;
  token_hash: string | null;
  expira_en: Date | null;
  enviar_en: Date | null;
  enviada_en: Date | null;
  respondida_en: Date | null;
  canal: 'email' | 'whatsapp' | 'telefono' | 'presencial' | null;
  id_plantilla: number | null;
  respuesta_extra: string | null;
  creado_en: Generated<Date>;
}

export interface PlantillasEncuestaTable {
  id_plantilla: Generated<number>;
  nombre: string;
  introduccion: string;
  pregunta_extra: string | null;
  activa: Generated<boolean>;
}
