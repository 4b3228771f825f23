import { Link } from 'react-router';
import { Card, Group, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { formatearFechaHora } from '../../shared/formato.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { contar, formatearNumero } from '../components/formato.ts';
import { usePanelCompletitud } from './consultas.ts';

const porcentaje = (p: number) => `${p.toLocaleString('es-CL', { maximumFractionDigits: 1 })} %`;

/**
 * Completeness panel: for each datum, how many clientes of the portfolio lack it. Each card opens
 * the customer list filtered to exactly those clientes (`/clientes?falta=…`), where they are fixed.
 */
export default function PanelCompletitud() {
  const panel = usePanelCompletitud();
  if (panel.isError) return <ErrorCarga error={panel.error} reintentar={() => void panel.refetch()} />;
  if (!panel.data) return <Cargando texto="Contando datos faltantes…" />;
  const { total, items, calculado_en } = panel.data;

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Sobre {contar(total, 'cliente vigente', 'clientes vigentes')} (sin archivados ni anonimizados) · calculado el{' '}
        {formatearFechaHora(calculado_en)}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} spacing="sm">
        {items.map((i) => (
          <Card
            key={i.falta}
            withBorder
            padding="md"
            component={Link}
            to={`/clientes?falta=${i.falta}`}
            aria-label={`${i.etiqueta}: ${contar(i.cantidad, 'cliente')} (${porcentaje(i.porcentaje)})`}
          >
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap">
                <Text fw={600} size="sm">
                  {i.etiqueta}
                </Text>
                <IconChevronRight size={16} aria-hidden color="var(--mantine-color-dimmed)" />
              </Group>
              <Group gap="xs" align="baseline">
                <Text fz={28} fw={700} lh={1} data-testid={`faltan-${i.falta}`}>
                  {formatearNumero(i.cantidad)}
                </Text>
                <Text size="sm" c="dimmed">
                  {porcentaje(i.porcentaje)}
                </Text>
              </Group>
              <Progress
                value={i.porcentaje}
                color={i.porcentaje > 30 ? 'red' : i.porcentaje > 10 ? 'orange' : 'campo'}
                size="sm"
                aria-hidden
              />
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
