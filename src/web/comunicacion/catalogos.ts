import { IconAlertTriangle, IconBellRinging, IconCake, IconMoodSad, IconTool, type Icon } from '@tabler/icons-react';
import type { Rol } from '../sesion/sesion.ts';
import type { Canal, Campana, EstadoMensaje, FechaEspecial, TipoAlerta, Via } from './tipos.ts';

/** Alert kinds in the order the centre shows them: what is overdue with a person first. */
export const TIPOS_ALERTA: readonly { tipo: TipoAlerta; nombre: string; color: string; icono: Icon }[] = [
  { tipo: 'seguimiento', nombre: 'Seguimientos', color: 'orange', icono: IconBellRinging },
  { tipo: 'detractor', nombre: 'Clientes insatisfechos', color: 'red', icono: IconMoodSad },
  { tipo: 'mantencion', nombre: 'Mantenciones', color: 'yellow', icono: IconTool },
  { tipo: 'inactividad', nombre: 'Clientes inactivos', color: 'grape', icono: IconAlertTriangle },
  { tipo: 'fecha_especial', nombre: 'Fechas especiales', color: 'pink', icono: IconCake },
];

export const NOMBRE_CANAL: Record<Canal | 'preferido', string> = {
  email: 'Email',
  whatsapp: 'WhatsApp',
  sms: 'SMS',
  preferido: 'el canal preferido de cada cliente',
};

export const ESTADO_MENSAJE: Record<EstadoMensaje, { nombre: string; color: string }> = {
  pendiente: { nombre: 'Pendiente', color: 'yellow' },
  enviado: { nombre: 'Enviado', color: 'campo' },
  fallido: { nombre: 'Fallido', color: 'red' },
  retenido: { nombre: 'Retenido', color: 'orange' },
  omitido: { nombre: 'Omitido', color: 'gray' },
  respondido: { nombre: 'Respondido', color: 'blue' },
};

export const NOMBRE_VIA: Record<Via, string> = {
  smtp: 'Servidor de correo',
  bandeja: 'Bandeja (sin envío)',
  enlace: 'Enlace de WhatsApp',
};

export const NOMBRE_MOTIVO: Record<string, string> = {
  campana: 'Campaña',
  mantencion: 'Recordatorio de mantención',
  saludo: 'Saludo',
  encuesta: 'Encuesta',
  inactividad: 'Inactividad',
};

export const ESTADO_CAMPANA: Record<Campana['estado'], { nombre: string; color: string }> = {
  borrador: { nombre: 'Borrador', color: 'gray' },
  enviando: { nombre: 'Enviando', color: 'yellow' },
  terminada: { nombre: 'Terminada', color: 'campo' },
  cancelada: { nombre: 'Cancelada', color: 'red' },
};

export const NOMBRE_TIPO_CAMPANA: Record<Campana['tipo'], string> = {
  general: 'General',
  reactivacion: 'Reactivación',
};

export function nombreOcasion(f: Pick<FechaEspecial, 'tipo' | 'anios'>): string {
  if (f.tipo === 'cumpleanos') return 'Cumpleaños';
  if (f.tipo === 'aniversario') return `Aniversario de la empresa (${f.anios} años)`;
  return `${f.anios} ${f.anios === 1 ? 'año' : 'años'} como cliente`;
}

/** ABC segments by historical value (DOMAIN.md "Segmentation"). */
export const OPCIONES_SEGMENTO = [
  { value: 'A', label: 'A · el 80 % del valor' },
  { value: 'B', label: 'B · el 15 % siguiente' },
  { value: 'C', label: 'C · el resto' },
];

/** Variables offered in the editor: the ones the server fills for every recipient (shared/plantillas.ts). */
export const VARIABLES_EDITOR = ['nombre', 'equipo', 'equipos', 'ultima_mantencion', 'comuna'] as const;

/** Seed example 2: a preventive-maintenance proposal offering a free diagnosis. */
export const PLANTILLA_REACTIVACION = {
  asunto: 'Diagnóstico gratuito para su {equipo}',
  cuerpo:
    'Hola {nombre}, hace tiempo que no vemos su {equipo}. Le ofrecemos un diagnóstico gratuito en el taller ' +
    'para dejarlo listo antes de la temporada: revisamos niveles, filtros, frenos e hidráulica y le entregamos ' +
    'una pauta de mantención preventiva para sus equipos ({equipos}).\n\n' +
    'Su última mantención con nosotros fue el {ultima_mantencion}. ¿Le acomoda que lo llamemos para agendar?',
};

/** Creating and sending campaigns is for admin and comercial (server: campanas.ts ESCRIBIR). */
export function puedeEnviarCampanas(rol: Rol): boolean {
  return rol === 'admin' || rol === 'comercial';
}

/** The outbox shows message bodies and addresses: admin and comercial only (server: GET /api/mensajes). */
export function puedeVerBandeja(rol: Rol): boolean {
  return rol === 'admin' || rol === 'comercial';
}

/** Alerts, WhatsApp sends, answers and consent: everyone but read-only users. */
export function puedeGestionarContacto(rol: Rol): boolean {
  return rol !== 'lectura';
}
