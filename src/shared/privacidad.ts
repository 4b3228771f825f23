/**
 * Ley 21.719 (protección de datos personales, vigente desde el 1 de diciembre de 2026): derechos del
 * titular, bloqueo, anonimización y auditoría. Esquemas compartidos por la API y los formularios.
 */
import { z } from 'zod';
import { sumarDias } from './kpis.ts';
import { paginacion } from './listas.ts';

const fecha = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use una fecha aaaa-mm-dd.');

/** Días corridos que la ley da para responder una solicitud del titular. */
export const PLAZO_DIAS_SOLICITUD = 30;

export const TIPOS_SOLICITUD = [
  'acceso',
  'portabilidad',
  'rectificacion',
  'supresion',
  'bloqueo',
  'oposicion',
] as const;
export type TipoSolicitud = (typeof TIPOS_SOLICITUD)[number];

export const NOMBRE_TIPO_SOLICITUD: Record<TipoSolicitud, string> = {
  acceso: 'Acceso',
  portabilidad: 'Portabilidad',
  rectificacion: 'Rectificación',
  supresion: 'Supresión (anonimizar)',
  bloqueo: 'Bloqueo',
  oposicion: 'Oposición',
};

export const ESTADOS_SOLICITUD = ['abierta', 'cumplida', 'rechazada'] as const;
export type EstadoSolicitud = (typeof ESTADOS_SOLICITUD)[number];

/** Días desde `desde` hasta `hasta` (negativo si `hasta` es anterior). */
export function diasEntre(desde: string, hasta: string): number {
  return Math.round((Date.parse(`${hasta}T00:00:00Z`) - Date.parse(`${desde}T00:00:00Z`)) / 86_400_000);
}

/** Plazo legal de una solicitud recibida en esa fecha. */
export const plazoSolicitud = (recibidaEn: string) => sumarDias(recibidaEn, PLAZO_DIAS_SOLICITUD);

export const solicitudEntrada = z.strictObject({
  id_cliente: z.number().int().positive(),
  tipo: z.enum(TIPOS_SOLICITUD),
  /** Fecha en que llegó la solicitud (por defecto, hoy): el plazo corre desde ella. */
  recibida_en: fecha.optional(),
  notas: z.string().trim().max(2000).optional(),
});
export type SolicitudEntrada = z.infer<typeof solicitudEntrada>;

export const cierreSolicitud = z.strictObject({
  estado: z.enum(['cumplida', 'rechazada']),
  respuesta: z.string().trim().max(2000).optional(),
});
export type CierreSolicitud = z.infer<typeof cierreSolicitud>;

export const filtrosSolicitudes = z.strictObject({
  estado: z.enum([...ESTADOS_SOLICITUD, 'todas']).default('abierta'),
  id_cliente: z.coerce.number().int().positive().optional(),
  ...paginacion,
});

export const bloqueoEntrada = z.strictObject({
  bloquear: z.boolean(),
  motivo: z.string().trim().max(500).optional(),
  /** La solicitud del titular que este bloqueo cumple (se cierra como cumplida). */
  id_solicitud: z.number().int().positive().optional(),
});
export type BloqueoEntrada = z.infer<typeof bloqueoEntrada>;

/** La palabra que el administrador escribe para confirmar (o el RUT del cliente). */
export const PALABRA_CONFIRMACION = 'ANONIMIZAR';

export const anonimizacionEntrada = z.strictObject({
  confirmacion: z.string().trim().min(1, 'Escriba ANONIMIZAR o el RUT del cliente para confirmar.').max(40),
  id_solicitud: z.number().int().positive().optional(),
});
export type AnonimizacionEntrada = z.infer<typeof anonimizacionEntrada>;

export const filtrosAuditoria = z.strictObject({
  id_usuario: z.coerce.number().int().positive().optional(),
  id_cliente: z.coerce.number().int().positive().optional(),
  accion: z.string().trim().max(40).optional(),
  entidad: z.string().trim().max(40).optional(),
  desde: fecha.optional(),
  hasta: fecha.optional(),
  ...paginacion,
});
export type FiltrosAuditoria = z.infer<typeof filtrosAuditoria>;
