import { useId, type ReactNode } from 'react';
import { Group, Paper, Stack, Title } from '@mantine/core';

/** A bordered block with an h2 that names it for screen readers too; `acciones` sit beside the title. */
export function Seccion({ titulo, acciones, children }: { titulo: string; acciones?: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={2} size="h4" id={id}>
            {titulo}
          </Title>
          {acciones && (
            <Group gap={6} className="no-imprimir">
              {acciones}
            </Group>
          )}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
