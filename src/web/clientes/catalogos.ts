import type { TipoEquipo } from '../../shared/clientes.ts';

// Labels live here rather than importing TIPOS_EQUIPO from shared/clientes.ts, which would pull zod
// and the comunas table into the bundle; `satisfies` keeps both lists in step.
export const NOMBRE_TIPO_EQUIPO = {
  tractor: 'Tractor',
  cosechadora: 'Cosechadora',
  sembradora: 'Sembradora',
  pulverizador: 'Pulverizador',
  enfardadora: 'Enfardadora',
  otro: 'Otro',
} as const satisfies Record<TipoEquipo, string>;

export const OPCIONES_TIPO_EQUIPO = Object.entries(NOMBRE_TIPO_EQUIPO).map(([value, label]) => ({ value, label }));

/** Brands most seen in Chilean workshops; the filter also accepts any other written by hand. */
export const MARCAS_EQUIPO = [
  'John Deere',
  'New Holland',
  'Massey Ferguson',
  'Case IH',
  'Kubota',
  'Claas',
  'Valtra',
  'Landini',
];

export const NOMBRE_TIPO_PERSONA = { natural: 'Persona natural', empresa: 'Empresa' } as const;

/** How the cliente prefers to be contacted (clientes.canal_preferido). */
export const NOMBRE_CANAL_PREFERIDO = {
  llamada: 'Llamada',
  whatsapp: 'WhatsApp',
  email: 'Email',
  visita: 'Visita',
} as const;
export const OPCIONES_CANAL_PREFERIDO = Object.entries(NOMBRE_CANAL_PREFERIDO).map(([value, label]) => ({
  value,
  label,
}));
