import { z } from 'zod';
import { FALTANTES } from './completitud.ts';

/** `?limit=&offset=` of every list. */
export const paginacion = {
  limit: z.coerce.number().int().min(1).max(200).default(25),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
};

/** A query-string boolean: `true`/`false`/`1`/`0`/`si`/`no`. */
export const booleanoQuery = z
  .enum(['true', 'false', '1', '0', 'si', 'sí', 'no'])
  .transform((v) => ['true', '1', 'si', 'sí'].includes(v));

export const ORDENES_CLIENTES = [
  'nombre',
  '-nombre',
  'rut',
  'comuna',
  'region',
  'fecha_registro',
  '-fecha_registro',
  'ultimo_contacto',
  '-ultimo_contacto',
  'relevancia',
] as const;

export const filtrosClientes = z.strictObject({
  q: z.string().max(200).optional(),
  region: z.string().max(80).optional(),
  comuna: z.string().max(80).optional(),
  activo: booleanoQuery.optional(),
  etiqueta: z.coerce.number().int().positive().optional(),
  tipo_equipo: z.string().max(40).optional(),
  marca_equipo: z.string().max(60).optional(),
  id_responsable: z.coerce.number().int().positive().optional(),
  segmento: z.enum(['A', 'B', 'C']).optional(),
  potencial: z.enum(['alto', 'bajo']).optional(),
  archivados: booleanoQuery.optional(),
  /** Only the clientes missing that datum (the data-quality panel's click-through). */
  falta: z.enum(FALTANTES).optional(),
  orden: z.enum(ORDENES_CLIENTES).optional(),
  ...paginacion,
});
export type FiltrosClientes = z.infer<typeof filtrosClientes>;
