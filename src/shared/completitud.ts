/**
 * What a complete cliente record has (issue 9, "calidad de datos"). One list shared by the panel,
 * the list filter `falta=` and the ficha's score, so the three always agree.
 */
export const FALTANTES = [
  'telefono',
  'email',
  'comuna',
  'responsable',
  'equipos',
  'consentimiento',
  'confirmacion',
] as const;
export type Faltante = (typeof FALTANTES)[number];

/** Data older than this many months counts as not confirmed. */
export const MESES_CONFIRMACION = 12;

export const NOMBRE_FALTANTE: Record<Faltante, string> = {
  telefono: 'Sin teléfono',
  email: 'Sin email',
  comuna: 'Sin comuna',
  responsable: 'Sin responsable',
  equipos: 'Sin equipos',
  consentimiento: 'Sin consentimiento',
  confirmacion: `Datos sin confirmar en ${MESES_CONFIRMACION} meses`,
};

/** How each gap reads in the ficha's "what is missing" list. */
export const DESCRIPCION_FALTANTE: Record<Faltante, string> = {
  telefono: 'Teléfono',
  email: 'Email',
  comuna: 'Comuna',
  responsable: 'Responsable',
  equipos: 'Equipos registrados',
  consentimiento: 'Consentimiento de comunicación',
  confirmacion: 'Datos confirmados en el último año',
};

export interface DatosCompletitud {
  telefono: string | null;
  email: string | null;
  comuna: string | null;
  id_responsable: number | null;
  /** Machines in use (equipos.activo). */
  equipos_activos: number;
  /** Some channel whose latest consent decision is a grant. */
  consentimiento: boolean;
  datos_confirmados_en: string | Date | null;
}

/** The instant before which a confirmation is too old: `MESES_CONFIRMACION` calendar months ago. */
export function limiteConfirmacion(ahora: Date = new Date()): Date {
  const d = new Date(ahora);
  d.setUTCMonth(d.getUTCMonth() - MESES_CONFIRMACION);
  return d;
}

/** Each criterion counts the same: the score is the share met, 0–100, with the list of gaps in order. */
export function completitud(d: DatosCompletitud, ahora: Date = new Date()): { puntaje: number; faltan: Faltante[] } {
  const confirmado = d.datos_confirmados_en != null && new Date(d.datos_confirmados_en) >= limiteConfirmacion(ahora);
  const cumple: Record<Faltante, boolean> = {
    telefono: Boolean(d.telefono),
    email: Boolean(d.email),
    comuna: Boolean(d.comuna),
    responsable: d.id_responsable != null,
    equipos: d.equipos_activos > 0,
    consentimiento: d.consentimiento,
    confirmacion: confirmado,
  };
  const faltan = FALTANTES.filter((f) => !cumple[f]);
  return { puntaje: Math.round(((FALTANTES.length - faltan.length) / FALTANTES.length) * 100), faltan };
}
