import { useState } from 'react';
import { Button, Group, type MantineSize } from '@mantine/core';
import { IconBellPlus, IconFileDollar } from '@tabler/icons-react';
import { puedeEditarVentas, puedeRegistrarInteracciones, useUsuario } from '../sesion/sesion.ts';
import { DialogoCotizacionOportunidad, DialogoSeguimientoOportunidad } from './DialogosOportunidad.tsx';
import type { Oportunidad } from './tipos.ts';

export interface PropsAccionesOportunidad {
  /** The opportunity, as GET /api/oportunidades or /api/clientes/:id/oportunidades return it. */
  oportunidad: Oportunidad;
  /** The cliente's name for the dialogs' titles (the workshop list has it as `oportunidad.cliente`). */
  nombreCliente?: string;
  /** Button size; 'xs' fits a table row. */
  tamano?: MantineSize;
  /** Called after a follow-up or quote was saved (lists are refreshed already). */
  alGuardar?: () => void;
}

/**
 * "Crear seguimiento" and "Crear cotización" for one opportunity, each with its dialog. Renders
 * only what the user's role may do (técnicos log follow-ups; quotes are for admin and comercial).
 * Embed it anywhere an opportunity is shown: `<AccionesOportunidad oportunidad={o} />`.
 */
export function AccionesOportunidad({
  oportunidad,
  nombreCliente,
  tamano = 'xs',
  alGuardar,
}: PropsAccionesOportunidad) {
  const usuario = useUsuario();
  const [dialogo, setDialogo] = useState<'seguimiento' | 'cotizacion' | null>(null);
  const nombre = nombreCliente ?? oportunidad.cliente;
  const cerrar = () => setDialogo(null);
  // A quote about to expire already is a quote: what it needs is a call, not a second quote.
  const cotizable = puedeEditarVentas(usuario.rol) && oportunidad.tipo !== 'cotizacion_por_vencer';

  if (!puedeRegistrarInteracciones(usuario.rol)) return null;
  return (
    <>
      <Group gap={6} wrap="nowrap" justify="flex-end">
        <Button
          size={tamano}
          variant="light"
          leftSection={<IconBellPlus size={14} aria-hidden />}
          onClick={() => setDialogo('seguimiento')}
          aria-label={`Crear seguimiento: ${oportunidad.motivo}`}
        >
          Crear seguimiento
        </Button>
        {cotizable && (
          <Button
            size={tamano}
            variant="default"
            leftSection={<IconFileDollar size={14} aria-hidden />}
            onClick={() => setDialogo('cotizacion')}
            aria-label={`Crear cotización: ${oportunidad.motivo}`}
          >
            Crear cotización
          </Button>
        )}
      </Group>
      <DialogoSeguimientoOportunidad
        oportunidad={oportunidad}
        nombreCliente={nombre}
        abierto={dialogo === 'seguimiento'}
        alCerrar={cerrar}
        alGuardar={alGuardar}
      />
      {cotizable && (
        <DialogoCotizacionOportunidad
          oportunidad={oportunidad}
          nombreCliente={nombre}
          abierto={dialogo === 'cotizacion'}
          alCerrar={cerrar}
          alGuardar={alGuardar}
        />
      )}
    </>
  );
}
