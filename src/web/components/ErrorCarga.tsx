import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { mensajeDeError } from '../api.ts';

/** A failed load, said in Spanish, with a way to try again. */
export function ErrorCarga({
  error,
  reintentar,
  titulo = 'No se pudo cargar',
}: {
  error: unknown;
  reintentar?: () => void;
  titulo?: string;
}) {
  return (
    <Alert color="red" title={titulo} icon={<IconAlertTriangle />} role="alert">
      <Group justify="space-between" align="center">
        <Text size="sm">{mensajeDeError(error)}</Text>
        {reintentar && (
          <Button size="xs" variant="white" color="red" onClick={reintentar}>
            Reintentar
          </Button>
        )}
      </Group>
    </Alert>
  );
}
