import { Alert, Stack } from '@mantine/core';
import {
  IconAlertTriangle,
  IconBellRinging,
  IconFileDollar,
  IconMoodSad,
  IconTool,
  type Icon,
} from '@tabler/icons-react';
import { formatearFecha } from '../../../shared/formato.ts';
import type { AlertaFicha } from '../tipos.ts';

const ASPECTO: Record<string, { color: string; icono: Icon }> = {
  seguimiento: { color: 'orange', icono: IconBellRinging },
  mantencion: { color: 'yellow', icono: IconTool },
  cotizacion: { color: 'blue', icono: IconFileDollar },
  inactividad: { color: 'orange', icono: IconAlertTriangle },
  detractor: { color: 'red', icono: IconMoodSad },
};

/** What needs attention now, computed by the server (overdue follow-ups, services due, quotes expiring…). */
export function AlertasFicha({ alertas }: { alertas: AlertaFicha[] }) {
  if (alertas.length === 0) return null;
  return (
    <Stack gap={6} component="section" aria-label="Alertas">
      {alertas.map((a, i) => {
        const { color, icono: Icono } = ASPECTO[a.tipo] ?? { color: 'gray', icono: IconAlertTriangle };
        return (
          <Alert key={`${a.tipo}-${i}`} color={color} variant="light" py={8} icon={<Icono size={18} aria-hidden />}>
            {a.mensaje}
            {a.fecha ? ` · ${formatearFecha(a.fecha)}` : ''}
          </Alert>
        );
      })}
    </Stack>
  );
}
