/** Shapes of the proactive-communication answers (server: src/server/comunicacion/). */

export type TipoAlerta = 'seguimiento' | 'mantencion' | 'inactividad' | 'fecha_especial' | 'detractor';
export type Canal = 'email' | 'whatsapp' | 'sms';
/** `preferido`: each customer on the channel they prefer (server: campanas.ts). */
export type CanalCampana = 'preferido' | 'email' | 'whatsapp';
export type EstadoMensaje = 'pendiente' | 'enviado' | 'fallido' | 'retenido' | 'omitido' | 'respondido';
export type Via = 'smtp' | 'bandeja' | 'enlace';

export interface Alerta {
  id_alerta: number;
  id_cliente: number;
  cliente: string;
  telefono: string | null;
  tipo: TipoAlerta;
  titulo: string;
  detalle: string | null;
  /** aaaa-mm-dd */
  fecha: string;
  estado: 'abierta' | 'atendida' | 'descartada' | 'pospuesta';
}

export interface PaginaAlertas {
  total: number;
  por_tipo: Partial<Record<TipoAlerta, number>>;
  items: Alerta[];
}

export interface EquipoInactivo {
  id_equipo: number;
  tipo: string;
  marca: string;
  modelo: string | null;
  anio: number | null;
  antiguedad: number | null;
  ultimo_servicio: string | null;
  proxima_mantencion: string | null;
}

export interface ClienteInactivo {
  id_cliente: number;
  nombre: string;
  rut_formateado: string;
  comuna: string | null;
  region: string | null;
  telefono: string | null;
  email: string | null;
  ultimo_contacto: string | null;
  dias_sin_contacto: number | null;
  valor_cliente: number;
  segmento_abc: 'A' | 'B' | 'C' | null;
  equipos: EquipoInactivo[];
}

export interface ReporteInactivos {
  meses: number;
  /** aaaa-mm-dd: no interacción since this day. */
  desde: string;
  total: number;
  items: ClienteInactivo[];
}

/** Who receives a campaign (server: destinatariosCampana). Empty values are left out, never null. */
export interface FiltrosCampana {
  region?: string;
  comuna?: string;
  activo?: 'true' | 'false';
  etiqueta?: number;
  tipo_equipo?: string;
  marca_equipo?: string;
  segmento?: 'A' | 'B' | 'C';
  potencial?: 'alto' | 'bajo';
  inactivo_meses?: number;
  antiguedad_equipo_min?: number;
  ids?: number[];
}

export type VariablesDestinatario = Partial<
  Record<'nombre' | 'equipo' | 'equipos' | 'ultima_mantencion' | 'comuna', string | null>
>;

export interface Destinatario {
  id_cliente: number;
  nombre: string;
  /** The channel this customer gets it on (their preferred one in a `preferido` campaign). */
  canal: 'email' | 'whatsapp';
  destino: string | null;
  incluido: boolean;
  motivo_exclusion: string | null;
  variables: VariablesDestinatario;
}

export interface VistaPrevia {
  total: number;
  incluidos: number;
  items: Destinatario[];
}

export interface Campana {
  id_campana: number;
  nombre: string;
  canal: CanalCampana;
  asunto: string | null;
  cuerpo: string;
  filtros: FiltrosCampana;
  estado: 'borrador' | 'enviando' | 'terminada' | 'cancelada';
  tipo: 'general' | 'reactivacion';
  dias_conversion: number;
  creada_en: string;
  enviada_en: string | null;
}

export interface MensajeCampana {
  id_mensaje: number;
  id_cliente: number;
  nombre: string;
  canal: Canal;
  destino: string | null;
  estado: EstadoMensaje;
  error: string | null;
  intentos: number;
  enviado_en: string | null;
  enlace: string | null;
  respondido: boolean;
  convertido: boolean;
  motivo_retencion: string | null;
  programado_para: string;
}

export interface ResumenCampana {
  destinatarios: number;
  enviados: number;
  fallidos: number;
  pendientes: number;
  /** Held back by the contact cap or the quiet hours; they go out on their own when allowed. */
  retenidos: number;
  respondidos: number;
  convertidos: number;
}

export interface ResultadosCampana {
  campana: Campana;
  resumen: ResumenCampana;
  items: MensajeCampana[];
}

export interface DestinatariosCampana {
  total: number;
  incluidos: number;
  excluidos: number;
  items: (Destinatario & { vista_previa: string | null })[];
}

export interface Mensaje {
  id_mensaje: number;
  id_cliente: number;
  cliente: string;
  id_campana: number | null;
  canal: Canal;
  motivo: string;
  destino: string | null;
  asunto: string | null;
  cuerpo: string;
  estado: EstadoMensaje;
  error: string | null;
  intentos: number;
  enviado_en: string | null;
  creado_en: string;
  via: Via | null;
  enlace: string | null;
  /** Why a held-back (retenido) message waits: the contact cap or the quiet hours. */
  motivo_retencion: string | null;
  programado_para: string;
}

export interface PaginaMensajes {
  total: number;
  items: Mensaje[];
}

export interface FechaEspecial {
  id_cliente: number;
  nombre: string;
  email: string | null;
  telefono: string | null;
  tipo: 'cumpleanos' | 'aniversario' | 'cliente_desde';
  /** aaaa-mm-dd */
  dia: string;
  anios: number;
  consentimiento_email: boolean;
}

export interface DecisionConsentimiento {
  otorgado: boolean;
  fecha: string;
  fuente: string;
}

export interface Consentimientos {
  vigente: Record<Canal, DecisionConsentimiento | null>;
  historia: {
    id_consentimiento: number;
    canal: Canal;
    otorgado: boolean;
    fecha: string;
    fuente: string;
    usuario: string | null;
  }[];
}
