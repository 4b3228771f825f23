import { Text } from '@mantine/core';
import { diasHasta } from '../components/fechas.ts';

/** "hoy", "hace 3 días" (in red: it is overdue), "en 5 días": how near a date is. */
export function Cercania({ fecha }: { fecha: string }) {
  const dias = diasHasta(fecha);
  const texto =
    dias === 0
      ? 'hoy'
      : dias < 0
        ? `hace ${-dias} ${dias === -1 ? 'día' : 'días'}`
        : `en ${dias} ${dias === 1 ? 'día' : 'días'}`;
  return (
    <Text size="xs" c={dias < 0 ? 'red.8' : 'dimmed'} fw={dias < 0 ? 600 : undefined}>
      {texto}
    </Text>
  );
}
