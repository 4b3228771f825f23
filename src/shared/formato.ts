import { TZDate } from '@date-fns/tz';

/** Zona horaria de todas las fechas del dominio (DOMAIN.md). */
export const ZONA = 'America/Santiago';

const monto = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 0 });

/** 1234567 → `$1.234.567` (CLP, sin decimales). */
export function formatearMonto(valor: number): string {
  const texto = monto.format(Math.round(Math.abs(valor)));
  return `${valor < 0 ? '-' : ''}$${texto}`;
}

/** Fecha calendario `aaaa-mm-dd` de un instante en Santiago. */
export function fechaEnSantiago(instante: Date | string | number): string {
  const d = new TZDate(new Date(instante).getTime(), ZONA);
  return `${d.getFullYear()}-${dos(d.getMonth() + 1)}-${dos(d.getDate())}`;
}

/** "Hoy" es la fecha en Santiago, nunca la fecha UTC del servidor. */
export function hoyEnSantiago(ahora: Date = new Date()): string {
  return fechaEnSantiago(ahora);
}

/** `aaaa-mm-dd` o un instante → `dd-mm-aaaa` (fecha en Santiago). */
export function formatearFecha(valor: Date | string | null | undefined): string {
  if (valor == null || valor === '') return '';
  const iso = typeof valor === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(valor) ? valor : fechaEnSantiago(valor);
  const [a, m, d] = iso.split('-');
  return `${d}-${m}-${a}`;
}

/** Instante → `dd-mm-aaaa hh:mm` en Santiago. */
export function formatearFechaHora(valor: Date | string): string {
  const d = new TZDate(new Date(valor).getTime(), ZONA);
  return `${formatearFecha(valor)} ${dos(d.getHours())}:${dos(d.getMinutes())}`;
}

function dos(n: number): string {
  return String(n).padStart(2, '0');
}
