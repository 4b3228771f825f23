import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Container, Stack, Text, Title } from '@mantine/core';

interface Estado {
  error: Error | null;
}

/**
 * Last resort when a page fails to render or its code cannot be downloaded (typically right after
 * an update replaced the files): say so in Spanish and offer to reload, instead of a blank page.
 */
export class LimiteError extends Component<{ children: ReactNode }, Estado> {
  state: Estado = { error: null };

  static getDerivedStateFromError(error: Error): Estado {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <Container size="sm" py="xl">
        <Stack>
          <Title order={1}>Algo salió mal</Title>
          <Text>
            La página no se pudo mostrar. Recargar suele resolverlo; si vuelve a pasar, avise al administrador.
          </Text>
          <Text size="sm" c="dimmed">
            Detalle: {this.state.error.message}
          </Text>
          <Button w="fit-content" onClick={() => window.location.reload()}>
            Recargar la página
          </Button>
        </Stack>
      </Container>
    );
  }
}
