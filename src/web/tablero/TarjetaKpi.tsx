import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconArrowDownRight, IconArrowUpRight, IconMinus, IconUsers } from '@tabler/icons-react';
import { KPIS, type FilaKpi } from './kpis.ts';
import { MiniGrafico } from './MiniGrafico.tsx';

/** ↑ green / ↓ red / = grey: every one of the five KPIs is better when it goes up. */
function Cambio({ fila }: { fila: FilaKpi }) {
  const info = KPIS[fila.kpi];
  if (fila.cambio == null) {
    return (
      <Text size="xs" c="dimmed">
        Sin comparación
      </Text>
    );
  }
  const sube = fila.cambio > 0;
  const baja = fila.cambio < 0;
  const Icono = sube ? IconArrowUpRight : baja ? IconArrowDownRight : IconMinus;
  const texto = `${sube ? '+' : baja ? '−' : ''}${info.cambio(Math.abs(fila.cambio))}`;
  return (
    <Badge
      variant="light"
      color={sube ? 'campo' : baja ? 'red' : 'gray'}
      leftSection={<Icono size={14} aria-hidden />}
      aria-label={`${sube ? 'Subió' : baja ? 'Bajó' : 'Sin cambio'} ${info.cambio(Math.abs(fila.cambio))} frente al período anterior`}
      data-cambio={sube ? 'sube' : baja ? 'baja' : 'igual'}
    >
      {texto}
    </Badge>
  );
}

/** One KPI: the number, the previous period's and the change, 24 months of trend, and who is behind it. */
export function TarjetaKpi({ fila, alVerClientes }: { fila: FilaKpi; alVerClientes: () => void }) {
  const info = KPIS[fila.kpi];
  const pendientes = fila.kpi === 'conversion' ? Number(fila.pendientes ?? 0) : null;
  return (
    <Paper withBorder p="md" component="article" aria-label={info.nombre} data-kpi={fila.kpi} h="100%">
      <Stack gap={6} h="100%" justify="space-between">
        <Stack gap={6}>
          <Text size="sm" fw={600} c="dimmed" lh={1.25} mih={36}>
            {info.nombre}
          </Text>
          <Group gap="xs" align="baseline" wrap="nowrap">
            <Text fz={28} fw={700} lh={1.1} data-valor>
              {fila.valor == null ? '—' : info.valor(fila.valor)}
            </Text>
            {fila.kpi === 'frecuencia' && fila.valor != null && (
              <Text size="xs" c="dimmed" lh={1.2}>
                por cliente activo
              </Text>
            )}
          </Group>
          <Group gap={6} wrap="wrap">
            <Cambio fila={fila} />
            {pendientes != null && pendientes > 0 && (
              <Badge variant="outline" color="orange">
                {pendientes} {pendientes === 1 ? 'pendiente' : 'pendientes'}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            Período anterior: {fila.anterior == null ? 'sin datos' : info.valor(fila.anterior)}
          </Text>
          <MiniGrafico serie={fila.tendencia} formato={info.valor} />
          <Text size="xs" c="dimmed">
            {info.detalle(fila)}
          </Text>
        </Stack>
        <Button
          variant="light"
          size="compact-sm"
          leftSection={<IconUsers size={14} aria-hidden />}
          onClick={alVerClientes}
          aria-label={`Ver los clientes detrás de: ${info.nombre}`}
        >
          Ver clientes
        </Button>
      </Stack>
    </Paper>
  );
}
