// Contacto relevante (issue 9): how many proactive messages a customer may get in 30 days and the
// quiet hours. Pure rules over instants; the outbox applies them when it queues or releases.
import { TZDate } from '@date-fns/tz';

export const ZONA = 'America/Santiago';
export const VENTANA_DIAS = 30;
const DIA_MS = 86_400_000;

export interface ReglasContacto {
  /** Most proactive contacts in any 30 days (staff's personal contacts count, never blocked). */
  tope: number;
  /** Quiet hours, local time of Santiago, "HH:MM"; `desde` may be later than `hasta` (overnight). */
  silencio: { desde: string; hasta: string } | null;
}

export const REGLAS_POR_DEFECTO: ReglasContacto = { tope: 4, silencio: { desde: '20:00', hasta: '08:00' } };

const minutos = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether an instant falls in the quiet hours, read on Santiago's clock (DST included). */
export function enSilencio(instante: Date, silencio: ReglasContacto['silencio']): boolean {
  if (!silencio || silencio.desde === silencio.hasta) return false;
  const local = new TZDate(instante.getTime(), ZONA);
  const ahora = local.getHours() * 60 + local.getMinutes();
  const desde = minutos(silencio.desde);
  const hasta = minutos(silencio.hasta);
  return desde > hasta ? ahora >= desde || ahora < hasta : ahora >= desde && ahora < hasta;
}

/**
 * The first instant at or after `instante` outside the quiet hours: the quiet period's end on
 * Santiago's wall clock, so across a DST change it is still 08:00 there, not a fixed 12 h later.
 */
export function finDelSilencio(instante: Date, silencio: ReglasContacto['silencio']): Date {
  if (!silencio || !enSilencio(instante, silencio)) return instante;
  const local = new TZDate(instante.getTime(), ZONA);
  const hasta = minutos(silencio.hasta);
  const pasadaMedianoche = local.getHours() * 60 + local.getMinutes() < hasta;
  const fin = new TZDate(
    local.getFullYear(),
    local.getMonth(),
    local.getDate() + (pasadaMedianoche ? 0 : 1),
    Math.floor(hasta / 60),
    hasta % 60,
    ZONA,
  );
  return new Date(fin.getTime());
}

export interface Decision {
  estado: 'pendiente' | 'retenido';
  /** When it goes out (pendiente) or when it is looked at again (retenido). */
  programado_para: Date;
  motivo_retencion: string | null;
}

/**
 * Decides one proactive message for a customer whose contacts (proactive messages going out or
 * gone, staff's personal contacts) happened or are planned at `contactos`. Within the cap and
 * outside the quiet hours it goes now; over the cap it waits until enough contacts leave the
 * 30-day window; in the quiet hours it waits for their end.
 */
export function decidirEnvio(contactos: readonly Date[], ahora: Date, reglas: ReglasContacto): Decision {
  const desde = ahora.getTime() - VENTANA_DIAS * DIA_MS;
  const enVentana = contactos
    .map((c) => c.getTime())
    .filter((t) => t > desde)
    .sort((a, b) => a - b);
  if (enVentana.length >= reglas.tope) {
    // The window drops below the cap once the (n − tope + 1)-th oldest contact is 30 days old.
    const libre = new Date(enVentana[enVentana.length - reglas.tope]! + VENTANA_DIAS * DIA_MS + 60_000);
    return {
      estado: 'retenido',
      programado_para: finDelSilencio(libre, reglas.silencio),
      motivo_retencion: `Tope de contacto: ya recibió ${enVentana.length} contacto${enVentana.length === 1 ? '' : 's'} en 30 días (máximo ${reglas.tope}).`,
    };
  }
  if (enSilencio(ahora, reglas.silencio)) {
    return {
      estado: 'retenido',
      programado_para: finDelSilencio(ahora, reglas.silencio),
      motivo_retencion: `Horario de silencio (${reglas.silencio!.desde} a ${reglas.silencio!.hasta}): sale al terminar.`,
    };
  }
  return { estado: 'pendiente', programado_para: ahora, motivo_retencion: null };
}
