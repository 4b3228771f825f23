/** Shapes of the privacy API answers (server: src/server/privacidad, src/server/auditoria). */
import type { EstadoSolicitud, TipoSolicitud } from '../../shared/privacidad.ts';

export interface Solicitud {
  id_solicitud: number;
  id_cliente: number;
  cliente: string;
  rut_formateado: string;
  tipo: TipoSolicitud;
  estado: EstadoSolicitud;
  recibida_en: string;
  plazo: string;
  dias_restantes: number | null;
  vencida: boolean;
  cerrada_en: string | null;
  notas: string | null;
  respuesta: string | null;
  registrada_por: string | null;
  cerrada_por: string | null;
}

export interface PaginaSolicitudes {
  total: number;
  vencidas: number;
  limit: number;
  offset: number;
  items: Solicitud[];
}

export interface RegistroAuditoria {
  id_auditoria: number;
  fecha: string;
  id_usuario: number | null;
  usuario: string | null;
  accion: string;
  entidad: string;
  id_entidad: string | null;
  id_cliente: number | null;
  cliente: string | null;
  detalle: Record<string, unknown> | null;
  ip: string | null;
}

export interface PaginaAuditoria {
  total: number;
  limit: number;
  offset: number;
  items: RegistroAuditoria[];
}
