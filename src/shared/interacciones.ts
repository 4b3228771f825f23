import { z } from 'zod';
import { paginacion } from './listas.ts';

export const TIPOS_INTERACCION = ['llamada', 'email', 'visita', 'whatsapp', 'otro'] as const;

const fechaCalendario = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use una fecha aaaa-mm-dd.');

/** Una interacción nueva (DOMAIN.md "Interactions and follow-ups"). */
export const interaccionEntrada = z.strictObject({
  tipo: z.enum(TIPOS_INTERACCION),
  fecha: z.iso
    .datetime({ offset: true, message: 'Use fecha y hora ISO 8601 (ej. 2026-11-24T10:30:00-03:00).' })
    .optional(),
  motivo: z.string().trim().min(1, 'Indique el motivo.').max(200),
  descripcion: z.string().max(5000).nullish(),
  resultado: z.string().max(2000).nullish(),
  seguimiento_requerido: z.boolean().default(false),
  fecha_seguimiento: fechaCalendario.nullish(),
  id_responsable_seguimiento: z.number().int().positive().nullish(),
  id_orden: z.number().int().positive().nullish(),
  id_pedido: z.number().int().positive().nullish(),
});
export type InteraccionEntrada = z.infer<typeof interaccionEntrada>;

export const filtrosInteracciones = z.strictObject({
  tipo: z.enum(TIPOS_INTERACCION).optional(),
  ...paginacion,
});

export const TIPOS_TIMELINE = ['interaccion', 'orden', 'pedido', 'cotizacion', 'encuesta'] as const;
export type TipoTimeline = (typeof TIPOS_TIMELINE)[number];

export const filtrosTimeline = z.strictObject({
  tipo: z
    .string()
    .max(100)
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(z.enum(TIPOS_TIMELINE)))
    .optional(),
  ...paginacion,
});

export const filtrosSeguimientos = z.strictObject({
  id_usuario: z.coerce.number().int().positive().optional(),
  todos: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  dias: z.coerce.number().int().min(1).max(365).default(14),
});

export const reprogramarSeguimiento = z.strictObject({ fecha_seguimiento: fechaCalendario });
export const reasignarSeguimiento = z.strictObject({ id_usuario: z.number().int().positive() });
export const completarSeguimiento = z.strictObject({ resultado: z.string().max(2000).optional() });
