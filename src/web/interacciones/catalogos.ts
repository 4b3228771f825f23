import { IconBrandWhatsapp, IconDots, IconMail, IconPhone, IconWalk, type Icon } from '@tabler/icons-react';
import type { TipoInteraccion } from './tipos.ts';

// Repeated from shared/interacciones.ts, which builds zod schemas on import (kept out of the bundle).
export const TIPOS_INTERACCION: readonly TipoInteraccion[] = ['llamada', 'email', 'visita', 'whatsapp', 'otro'];

export const NOMBRE_TIPO_INTERACCION: Record<TipoInteraccion, string> = {
  llamada: 'Llamada',
  email: 'Email',
  visita: 'Visita',
  whatsapp: 'WhatsApp',
  otro: 'Otro',
};

export const ICONO_TIPO_INTERACCION: Record<TipoInteraccion, Icon> = {
  llamada: IconPhone,
  email: IconMail,
  visita: IconWalk,
  whatsapp: IconBrandWhatsapp,
  otro: IconDots,
};

/** Mantine colour per tipo: the same in badges, the monthly chart and its legend. */
export const COLOR_TIPO_INTERACCION: Record<TipoInteraccion, string> = {
  llamada: 'blue',
  email: 'grape',
  visita: 'orange',
  whatsapp: 'green',
  otro: 'gray',
};

export function nombreTipoInteraccion(tipo: string): string {
  return NOMBRE_TIPO_INTERACCION[tipo as TipoInteraccion] ?? tipo;
}
