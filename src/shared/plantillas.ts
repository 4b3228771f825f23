/** Variables a mensaje template may use, with what each one means (shown in the editor). */
export const VARIABLES_PLANTILLA = {
  nombre: 'Nombre del cliente (o su primer nombre si es persona)',
  equipo: 'Su equipo principal (tipo, marca y modelo)',
  equipos: 'Todos sus equipos activos',
  ultima_mantencion: 'Fecha de la última mantención hecha en el taller',
  comuna: 'Comuna del cliente',
  taller: 'Nombre del taller',
} as const;

export type Variables = Partial<Record<keyof typeof VARIABLES_PLANTILLA, string | null>>;

/** Fills `{variable}` in a template; unknown or empty variables become an empty string. */
export function completarPlantilla(plantilla: string, v: Variables): string {
  return plantilla
    .replace(/\{(\w+)\}/g, (_, k: string) => (k in VARIABLES_PLANTILLA ? (v[k as keyof Variables] ?? '') : `{${k}}`))
    .replace(/[ \t]{2,}/g, ' ');
}

/** Variables the template uses that the system does not know (to warn before sending). */
export function variablesDesconocidas(plantilla: string): string[] {
  return [...plantilla.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((k) => !(k in VARIABLES_PLANTILLA));
}
