import { z } from 'zod';

const NOMBRES_NOTA = {
  puntuacion_general: 'la experiencia general',
  puntuacion_tiempo: 'tiempo de respuesta',
  puntuacion_calidad: 'calidad del servicio',
  puntuacion_precio: 'precio',
  puntuacion_atencion: 'atención',
} as const;

// The shape only asks for numbers (a string is a 400); the 1–10 integer rule is a domain rule
// checked by validarNotas (a 422, DOMAIN.md "Satisfaction").
const nota = z.number({ message: 'Debe ser un número de 1 a 10.' });

/** Errores de notas fuera de 1–10 o con decimales, por campo. */
export function validarNotas(
  r: Partial<Record<keyof typeof NOMBRES_NOTA, number>>,
): { campo: string; mensaje: string }[] {
  const errores = [];
  for (const [campo, que] of Object.entries(NOMBRES_NOTA)) {
    const v = r[campo as keyof typeof NOMBRES_NOTA];
    if (v === undefined) continue;
    if (!Number.isInteger(v) || v < 1 || v > 10)
      errores.push({ campo, mensaje: `La nota de ${que} debe ser un número entero de 1 a 10.` });
  }
  return errores;
}

/** La respuesta de una encuesta: cinco notas enteras 1–10, recomendaría sí/no y comentarios. */
export const respuestaEncuesta = z.strictObject({
  puntuacion_general: nota,
  puntuacion_tiempo: nota,
  puntuacion_calidad: nota,
  puntuacion_precio: nota,
  puntuacion_atencion: nota,
  recomendaria: z.boolean({ message: 'Indique si nos recomendaría (sí o no).' }),
  comentarios: z.string().max(4000).nullish(),
  respuesta_extra: z.string().max(2000).nullish(),
});
export type RespuestaEncuesta = z.infer<typeof respuestaEncuesta>;

export const nuevaEncuesta = z.strictObject({
  id_cliente: z.number().int().positive().optional(),
  id_orden: z.number().int().positive().optional(),
  id_pedido: z.number().int().positive().optional(),
  canal: z.enum(['email', 'whatsapp']).default('whatsapp'),
});

/** Una encuesta contestada por teléfono o en persona, digitada por el personal. */
export const encuestaDigitada = z.strictObject({
  id_cliente: z.number().int().positive(),
  id_orden: z.number().int().positive().optional(),
  id_pedido: z.number().int().positive().optional(),
  canal: z.enum(['telefono', 'presencial']).default('telefono'),
  fecha: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  ...respuestaEncuesta.shape,
});

export const filtrosAnalisis = z.strictObject({
  desde: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  hasta: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  id_tecnico: z.coerce.number().int().positive().optional(),
  tipo_orden: z.enum(['preventiva', 'correctiva', 'garantia']).optional(),
  segmento: z.enum(['A', 'B', 'C']).optional(),
});

export const filtrosComentarios = z.strictObject({
  ...filtrosAnalisis.shape,
  q: z.string().max(200).optional(),
  nota_min: z.coerce.number().int().min(1).max(10).optional(),
  nota_max: z.coerce.number().int().min(1).max(10).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(25),
  offset: z.coerce.number().int().min(0).default(0),
});

export const plantillaEncuesta = z.strictObject({
  introduccion: z.string().min(10).max(1000).optional(),
  pregunta_extra: z.string().max(300).nullish(),
});
