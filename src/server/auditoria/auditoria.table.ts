import type { Generated, JSONColumnType } from 'kysely';

export interface AuditoriaTable {
  id_auditoria: Generated<number>;
  fecha: Generated<Date>;
  id_usuario: number | null;
  accion: string;
  entidad: string;
  id_entidad: string | null;
  id_cliente: number | null;
  detalle: JSONColumnType<Record<string, unknown>, string, string> | null;
  ip: string | null;
}

export interface SolicitudesTitularTable {
  id_solicitud: Generated<number>;
  id_cliente: number;
  tipo: 'acceso' | 'portabilidad' | 'rectificacion' | 'supresion' | 'bloqueo' | 'oposicion';
  estado: Generated<'abierta' | 'cumplida' | 'rechazada'>;
  recibida_en: string;
  plazo: string;
  cerrada_en: Date | null;
  notas: string | null;
  id_usuario: number | null;
  creada_en: Generated<Date>;
  id_usuario_cierre: number | null;
  respuesta: string | null;
}
