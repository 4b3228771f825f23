import { Anchor, Group } from '@mantine/core';
import { IconBrandWhatsapp, IconPhone } from '@tabler/icons-react';
import { digitosWhatsapp, formatearTelefono } from '../../shared/telefono.ts';
import type { TipoInteraccion } from './tipos.ts';

/** wa.me link with a greeting already written, addressed to the cliente by name. */
export function enlaceWhatsapp(telefono: string, nombre: string): string {
  const saludo = `Hola ${nombre}, le saludamos del taller. `;
  return `https://wa.me/${digitosWhatsapp(telefono)}?text=${encodeURIComponent(saludo)}`;
}

/**
 * Phone and WhatsApp links. A click does what the link says (dial, open WhatsApp in a new tab)
 * and also calls `alContactar`, which opens a prefilled "Registrar interacción" so the contact
 * gets logged instead of forgotten.
 */
export function EnlacesContacto({
  telefono,
  nombre,
  alContactar,
  compacto = false,
}: {
  telefono: string | null;
  nombre: string;
  alContactar?: (tipo: TipoInteraccion) => void;
  compacto?: boolean;
}) {
  if (!telefono) return null;
  return (
    <Group gap="sm" wrap="nowrap">
      <Anchor
        href={`tel:${telefono}`}
        inherit
        onClick={() => alContactar?.('llamada')}
        aria-label={compacto ? `Llamar a ${nombre}` : undefined}
      >
        <Group gap={4} wrap="nowrap" component="span">
          <IconPhone size={14} aria-hidden />
          {compacto ? null : formatearTelefono(telefono)}
        </Group>
      </Anchor>
      <Anchor
        href={enlaceWhatsapp(telefono, nombre)}
        target="_blank"
        rel="noopener noreferrer"
        c="green.8"
        inherit
        onClick={() => alContactar?.('whatsapp')}
        aria-label={compacto ? `WhatsApp a ${nombre}` : undefined}
      >
        <Group gap={4} wrap="nowrap" component="span">
          <IconBrandWhatsapp size={14} aria-hidden />
          {compacto ? null : 'WhatsApp'}
        </Group>
      </Anchor>
    </Group>
  );
}

/** The motivo a contact link prefills, editable in the dialog. */
export const MOTIVO_POR_ENLACE: Partial<Record<TipoInteraccion, string>> = {
  llamada: 'Llamada al cliente',
  whatsapp: 'Mensaje por WhatsApp',
};
