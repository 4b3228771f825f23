import { Link } from 'react-router';
import { Anchor, Stack, Text, Title } from '@mantine/core';
import { ApiError } from '../api.ts';

/** A malformed id in the address or a 404 from the API: both mean there is no such cliente. */
export function esClienteInexistente(id: number, error: unknown): boolean {
  return !Number.isInteger(id) || id <= 0 || (error instanceof ApiError && error.status === 404);
}

export function ClienteNoEncontrado() {
  return (
    <Stack>
      <Title order={1}>Cliente no encontrado</Title>
      <Text>No existe un cliente con ese número. Puede que la dirección esté incompleta.</Text>
      <Anchor component={Link} to="/clientes">
        Ir a la lista de clientes
      </Anchor>
    </Stack>
  );
}
