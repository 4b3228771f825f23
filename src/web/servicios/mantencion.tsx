import { Badge, Group, Stack, Text } from '@mantine/core';
import { formatearFecha } from '../../shared/formato.ts';
import { diasHasta } from '../components/fechas.ts';
import type { ProximaMantencion } from './tipos.ts';

// DOMAIN.md "Mantención próxima": due within the next 30 days.
const DIAS_AVISO = 30;

/** Next service: its date, whether hours or calendar decide it, orange when near and red when overdue. */
export function ProximaMantencionTexto({ proxima }: { proxima: ProximaMantencion | null | undefined }) {
  if (!proxima?.fecha)
    return (
      <Text size="sm" c="dimmed">
        Sin pauta
      </Text>
    );
  const dias = diasHasta(proxima.fecha);
  const color = dias < 0 ? 'red' : dias <= DIAS_AVISO ? 'orange' : undefined;
  const cuando =
    dias < 0
      ? `atrasada ${-dias} ${-dias === 1 ? 'día' : 'días'}`
      : dias === 0
        ? 'hoy'
        : `en ${dias} ${dias === 1 ? 'día' : 'días'}`;
  return (
    <Stack gap={0}>
      <Group gap={6} wrap="nowrap">
        <Text size="sm" fw={color ? 700 : 400} c={color}>
          {formatearFecha(proxima.fecha)}
        </Text>
        <Badge size="xs" variant="light" color={proxima.motivo === 'horas' ? 'indigo' : 'gray'}>
          {proxima.motivo === 'horas' ? 'por horas' : 'por fecha'}
        </Badge>
      </Group>
      <Text size="xs" c={color ?? 'dimmed'}>
        {cuando}
      </Text>
    </Stack>
  );
}

export function nombreEquipo(
  e: { tipo: string; marca: string | null; modelo: string | null },
  nombres: Record<string, string>,
): string {
  return [nombres[e.tipo] ?? e.tipo, e.marca, e.modelo].filter(Boolean).join(' ');
}
