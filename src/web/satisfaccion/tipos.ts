/** Shapes of the satisfaction answers the web app reads (server: src/server/encuestas/analisis.ts, encuestas.ts). */

import type { Dimension } from '../../shared/satisfaccion.ts';

export type TipoOrden = 'preventiva' | 'correctiva' | 'garantia';
export type Segmento = 'A' | 'B' | 'C';

/** The filters of the report, as the API takes them (`desde`/`hasta` are `aaaa-mm-dd`). */
export interface FiltrosSatisfaccion {
  desde: string;
  hasta: string;
  id_tecnico?: number;
  tipo_orden?: TipoOrden;
  segmento?: Segmento;
}

export interface NpsPeriodo {
  respondidas: number;
  promotores: number;
  pasivos: number;
  detractores: number;
  nps: number | null;
  porcentajes: { promotores: number; pasivos: number; detractores: number } | null;
}

export interface MesTendencia {
  mes: string;
  respondidas: number;
  nps: number | null;
  general: number | null;
  tiempo: number | null;
  calidad: number | null;
  precio: number | null;
  atencion: number | null;
}

export interface AnalisisSatisfaccion {
  periodo: { desde: string; hasta: string };
  nps: NpsPeriodo;
  promedio_general: number | null;
  dimensiones: {
    promedios: Record<Dimension, number | null>;
    mas_debil: Dimension[];
    mas_fuerte: Dimension[];
    brecha: number | null;
  };
  tendencia: MesTendencia[];
  distribucion: { nota: number; cantidad: number }[];
  tasa_respuesta: { enviadas: number; respondidas: number; tasa: number | null };
  por_segmento: { segmento: string; respondidas: number; nps: number | null }[];
}

export interface ComentarioEncuesta {
  id_encuesta: number;
  fecha: string;
  puntuacion_general: number;
  nps: -1 | 0 | 1;
  comentarios: string;
  id_cliente: number;
  cliente: string;
  tipo_orden: TipoOrden | null;
  tecnico: string | null;
}

export interface PaginaComentarios {
  total: number;
  limit: number;
  offset: number;
  items: ComentarioEncuesta[];
}

export interface PlantillaEncuesta {
  id_plantilla: number;
  introduccion: string;
  pregunta_extra: string | null;
}

/** POST /api/encuestas: the link to send, and the wa.me link when the canal is WhatsApp and there is a phone. */
export interface EncuestaCreada {
  id_encuesta: number;
  enlace: string;
  texto: string;
  canal: 'whatsapp' | 'email';
  enlace_whatsapp: string | null;
  expira_en: string;
}
