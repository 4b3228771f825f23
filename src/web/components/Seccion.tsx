import { useId, type ReactNode } from 'react';
import { Paper, Stack, Title } from '@mantine/core';

/** A bordered block with an h2 that names it for screen readers too. */
export function Seccion({ titulo, children }: { titulo: string; children: ReactNode }) {
  const id = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={id}>
          {titulo}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}
