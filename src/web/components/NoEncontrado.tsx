import { Link } from 'react-router';
import { Anchor, Stack, Text, Title } from '@mantine/core';

export default function NoEncontrado() {
  return (
    <Stack>
      <Title order={1}>Página no encontrada</Title>
      <Text>La dirección no corresponde a ninguna página de Rancho Clientes.</Text>
      <Anchor component={Link} to="/clientes">
        Ir a la lista de clientes
      </Anchor>
    </Stack>
  );
}
