import { Navigate, useLocation } from 'react-router';
import { Container } from '@mantine/core';
import { consulta } from '../api.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { Marco } from '../components/Marco.tsx';
import { ContextoUsuario, useSesion } from './sesion.ts';

/** Everything but the sign-in page: without a session, go sign in and come back here afterwards. */
export function RequiereSesion() {
  const sesion = useSesion();
  const { pathname, search } = useLocation();

  if (sesion.isPending) return <Cargando texto="Verificando la sesión…" />;
  if (sesion.isError) {
    return (
      <Container size="sm" py="xl">
        <ErrorCarga error={sesion.error} reintentar={() => void sesion.refetch()} />
      </Container>
    );
  }
  if (!sesion.data) return <Navigate to={`/ingresar${consulta({ volver: pathname + search })}`} replace />;
  return (
    <ContextoUsuario value={sesion.data}>
      <Marco />
    </ContextoUsuario>
  );
}
