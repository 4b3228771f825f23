/** Resta meses a una fecha `aaaa-mm-dd` (el 31 cae al último día del mes corto, como en PostgreSQL). */
export function restarMeses(fecha: string, meses: number): string {
  const [a, m, d] = fecha.split('-').map(Number) as [number, number, number];
  const total = a * 12 + (m - 1) - meses;
  const anio = Math.floor(total / 12);
  const mes = (total % 12) + 1;
  const ultimo = new Date(Date.UTC(anio, mes, 0)).getUTCDate();
  return `${anio}-${String(mes).padStart(2, '0')}-${String(Math.min(d, ultimo)).padStart(2, '0')}`;
}

/**
 * Activo: hubo actividad (interacción, orden, pedido, cotización o encuesta respondida) en los
 * últimos 12 meses contados desde hoy en Santiago (DOMAIN.md "activo").
 */
export function estaActivo(fechaUltimaActividad: string | null, hoy: string): boolean {
  return fechaUltimaActividad !== null && fechaUltimaActividad > restarMeses(hoy, 12);
}
