import type { Generated, JSONColumnType } from 'kysely';

type Canal = 'email' | 'whatsapp' | 'sms';

export interface PlantillasMensajeTable {
  id_plantilla: Generated<number>;
  nombre: string;
  canal: Canal;
  asunto: string | null;
  cuerpo: string;
  proposito: Generated<string>;
}

export interface CampanasTable {
  id_campana: Generated<number>;
  nombre: string;
  canal: Canal | 'preferido';
  asunto: string | null;
  cuerpo: string;
  filtros: JSONColumnType<Record<string, unknown>, string | undefined, string>;
  estado: Generated<'borrador' | 'enviando' | 'terminada' | 'cancelada'>;
  tipo: Generated<string>;
  dias_conversion: Generated<number>;
  id_usuario: number | null;
  creada_en: Generated<Date>;
  enviada_en: Date | null;
}

export interface MensajesTable {
  id_mensaje: Generated<number>;
  id_cliente: number;
  id_campana: number | null;
  canal: Canal;
  motivo: string;
  clave: string;
  destino: string | null;
  asunto: string | null;
  cuerpo: string;
  estado: Generated<'pendiente' | 'enviado' | 'fallido' | 'retenido' | 'omitido' | 'respondido'>;
  error: string | null;
  intentos: Generated<number>;
  programado_para: Generated<Date>;
  enviado_en: Date | null;
  id_interaccion: number | null;
  creado_en: Generated<Date>;
  via: 'smtp' | 'bandeja' | 'enlace' | null;
  enlace: string | null;
  motivo_retencion: string | null;
}

export interface AlertasTable {
  id_alerta: Generated<number>;
  id_cliente: number;
  id_usuario: number | null;
  tipo: 'seguimiento' | 'mantencion' | 'inactividad' | 'fecha_especial' | 'detractor';
  clave: string;
  titulo: string;
  detalle: string | null;
  fecha: string;
  estado: Generated<'abierta' | 'atendida' | 'descartada' | 'pospuesta'>;
  motivo_cierre: string | null;
  pospuesta_hasta: string | null;
  creada_en: Generated<Date>;
}

export interface VistasGuardadasTable {
  id_vista: Generated<number>;
  id_usuario: number;
  nombre: string;
  filtros: JSONColumnType<Record<string, unknown>, string, string>;
}
