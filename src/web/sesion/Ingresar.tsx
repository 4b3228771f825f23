import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle, IconPlant2 } from '@tabler/icons-react';
import { api, mensajeDeError } from '../api.ts';
import { CLAVE_SESION, destinoSeguro, useSesion, type Usuario } from './sesion.ts';

/** Sign-in page (/ingresar): labels Correo and Contraseña as DESIGN.md "API" requires. */
export default function Ingresar() {
  const sesion = useSesion();
  const navigate = useNavigate();
  const [parametros] = useSearchParams();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [enviando, setEnviando] = useState(false);
  const destino = destinoSeguro(parametros.get('volver'));

  if (sesion.data) return <Navigate to={destino} replace />;

  async function ingresar(evento: FormEvent<HTMLFormElement>) {
    evento.preventDefault();
    if (email.trim() === '' || password === '') {
      setError('Ingrese su correo y su contraseña.');
      return;
    }
    setError(null);
    setEnviando(true);
    try {
      const { usuario } = await api<{ usuario: Usuario }>('/api/auth/login', {
        metodo: 'POST',
        cuerpo: { email, password },
      });
      // Whatever was cached belonged to the previous session (maybe another user).
      queryClient.clear();
      queryClient.setQueryData(CLAVE_SESION, usuario);
      navigate(destino, { replace: true });
    } catch (e) {
      setError(mensajeDeError(e));
      setEnviando(false);
    }
  }

  return (
    <Center mih="100vh" bg="campo.0" p="md">
      <Paper component="main" withBorder shadow="sm" radius="md" p="xl" w="100%" maw={400}>
        <form onSubmit={ingresar} noValidate>
          <Stack>
            <Stack gap={4} align="center">
              <IconPlant2 size={40} color="var(--mantine-color-campo-7)" aria-hidden />
              <Title order={1} size="h2">
                Rancho Clientes
              </Title>
              <Text c="dimmed" size="sm">
                Ingrese con su cuenta del taller
              </Text>
            </Stack>
            {error && (
              <Alert color="red" icon={<IconAlertCircle />} role="alert">
                {error}
              </Alert>
            )}
            <TextInput
              label="Correo"
              type="email"
              autoComplete="username"
              required
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label="Contraseña"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              visibilityToggleButtonProps={{ 'aria-label': 'Mostrar u ocultar lo escrito' }}
            />
            <Button type="submit" loading={enviando} fullWidth mt="xs">
              Ingresar
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
