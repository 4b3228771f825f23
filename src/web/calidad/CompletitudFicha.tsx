import { Button, Group, List, Progress, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { DESCRIPCION_FALTANTE, type Faltante } from '../../shared/completitud.ts';
import { formatearFecha } from '../../shared/formato.ts';
import { Seccion } from '../components/Seccion.tsx';
import type { Cliente } from '../clientes/tipos.ts';
import { useConfirmarDatos } from './consultas.ts';

/** The ficha's completeness score (same rule as the panel, src/shared/completitud.ts) and "Confirmar datos". */
export function CompletitudFicha({
  cliente,
  calidad,
  escribe,
}: {
  cliente: Cliente;
  calidad: { puntaje: number; faltan: Faltante[] };
  escribe: boolean;
}) {
  const confirmar = useConfirmarDatos();
  const color = calidad.puntaje >= 85 ? 'campo' : calidad.puntaje >= 60 ? 'orange' : 'red';
  return (
    <Seccion
      titulo="Calidad de los datos"
      acciones={
        escribe &&
        !cliente.archivado && (
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconCircleCheck size={14} aria-hidden />}
            loading={confirmar.isPending}
            onClick={() => confirmar.mutate(cliente)}
          >
            Confirmar datos
          </Button>
        )
      }
    >
      <Stack gap={6}>
        <Group justify="space-between">
          <Text size="sm" fw={600} aria-label={`Completitud: ${calidad.puntaje} %`}>
            Completitud {calidad.puntaje} %
          </Text>
          <Text size="xs" c="dimmed">
            {cliente.datos_confirmados_en
              ? `Confirmados el ${formatearFecha(cliente.datos_confirmados_en)}`
              : 'Datos nunca confirmados'}
          </Text>
        </Group>
        <Progress value={calidad.puntaje} color={color} size="sm" aria-hidden />
        {calidad.faltan.length > 0 ? (
          <>
            <Text size="xs" c="dimmed">
              Falta:
            </Text>
            <List size="sm" spacing={2} aria-label="Datos que faltan">
              {calidad.faltan.map((f) => (
                <List.Item key={f}>{DESCRIPCION_FALTANTE[f]}</List.Item>
              ))}
            </List>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            No falta nada.
          </Text>
        )}
      </Stack>
    </Seccion>
  );
}
