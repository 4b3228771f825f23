// Fusión de clientes duplicados: the fields a user chooses one by one, and the finder's pair shape,
// shared by the server (src/server/calidad) and the web pages.

/**
 * The fields chosen field by field in a merge. The RUT is not among them: it identifies the
 * record that survives (and stays unique), so choosing the survivor chooses the RUT. The comuna
 * carries its code and region with it.
 */
export const CAMPOS_FUSION = [
  'nombre',
  'tipo_persona',
  'direccion',
  'comuna',
  'telefono',
  'email',
  'fecha_nacimiento',
  'fecha_aniversario',
  'id_responsable',
  'notas',
  'canal_preferido',
  'horario_contacto',
  'notas_idioma',
] as const;
export type CampoFusion = (typeof CAMPOS_FUSION)[number];

/** One side of a likely duplicate pair, as the finder lists it. */
export interface ClientePar {
  id_cliente: number;
  nombre: string;
  rut_formateado: string;
  comuna: string | null;
  telefono: string | null;
  email: string | null;
}

export interface ParDuplicado {
  a: ClientePar;
  b: ClientePar;
  /** 0–100: how sure the signs together are that both records are one customer. */
  puntaje: number;
  razones: string[];
}
