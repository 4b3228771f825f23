import { TZDate } from '@date-fns/tz';
import { hoyEnSantiago, ZONA } from '../../shared/formato.ts';

const dos = (n: number) => String(n).padStart(2, '0');

/** Now in Santiago as `aaaa-mm-dd hh:mm:00`, the value of Mantine's DateTimePicker. */
export function ahoraEnSantiagoLocal(ahora: Date = new Date()): string {
  const d = new TZDate(ahora.getTime(), ZONA);
  return `${d.getFullYear()}-${dos(d.getMonth() + 1)}-${dos(d.getDate())} ${dos(d.getHours())}:${dos(d.getMinutes())}:00`;
}

/**
 * `aaaa-mm-dd hh:mm` (or with a T) read as Santiago wall-clock time → ISO 8601 with its offset
 * (what the API takes), whatever the zone of the browser; null when the text is not such a value.
 */
export function instanteDesdeLocal(local: string | null | undefined): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(local ?? '');
  if (!m) return null;
  const [, a, mes, d, h, min] = m.map(Number) as number[];
  const fecha = new TZDate(a!, mes! - 1, d!, h!, min!, ZONA);
  return Number.isNaN(fecha.getTime()) ? null : fecha.toISOString();
}

/** `aaaa-mm-dd` plus n calendar days. */
export function sumarDias(fecha: string, dias: number): string {
  return new Date(Date.parse(`${fecha}T00:00:00Z`) + dias * 86_400_000).toISOString().slice(0, 10);
}

/** Days from today (Santiago) to a calendar date; negative when it already passed. */
export function diasHasta(fecha: string, hoy: string = hoyEnSantiago()): number {
  return Math.round((Date.parse(`${fecha}T00:00:00Z`) - Date.parse(`${hoy}T00:00:00Z`)) / 86_400_000);
}
