import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Group, NumberInput, Paper, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { api, ApiError, mensajeDeError } from '../api.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { useUsuario } from '../sesion/sesion.ts';

interface Reglas {
  tope: number;
  silencio: { desde: string; hasta: string } | null;
}

const CLAVE = ['ajustes', 'contacto'] as const;

/** /ajustes/contacto: how many proactive messages a customer may get in 30 days, and the quiet hours. */
export default function AjustesContacto() {
  const usuario = useUsuario();
  const reglas = useQuery({
    queryKey: CLAVE,
    queryFn: ({ signal }) => api<Reglas>('/api/ajustes/contacto', { signal }),
  });
  if (usuario.rol !== 'admin') return <Alert color="orange">Las reglas de contacto las define un administrador.</Alert>;
  if (reglas.isError) return <ErrorCarga error={reglas.error} reintentar={() => void reglas.refetch()} />;
  if (!reglas.data) return <Cargando />;
  return <Formulario inicial={reglas.data} />;
}

function Formulario({ inicial }: { inicial: Reglas }) {
  const cliente = useQueryClient();
  const [tope, setTope] = useState<number | string>(inicial.tope);
  const [conSilencio, setConSilencio] = useState(inicial.silencio !== null);
  const [desde, setDesde] = useState(inicial.silencio?.desde ?? '20:00');
  const [hasta, setHasta] = useState(inicial.silencio?.hasta ?? '08:00');
  const [errores, setErrores] = useState<Record<string, string>>({});
  const guardar = useMutation({
    mutationFn: () =>
      api<Reglas>('/api/ajustes/contacto', {
        metodo: 'PUT',
        cuerpo: { tope: Number(tope), silencio: conSilencio ? { desde, hasta } : null },
      }),
    onSuccess: (r) => {
      setErrores({});
      cliente.setQueryData(CLAVE, r);
      notifications.show({ color: 'campo', message: 'Reglas de contacto guardadas.' });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.errores.length) {
        setErrores(Object.fromEntries(e.errores.map((x) => [x.campo.replace('silencio.', ''), x.mensaje])));
      } else notifications.show({ color: 'red', title: 'No se pudo guardar', message: mensajeDeError(e) });
    },
  });
  return (
    <Stack gap="md" maw={560}>
      <div>
        <Title order={1}>Reglas de contacto</Title>
        <Text c="dimmed" size="sm">
          Para no cansar a los clientes: las campañas, los recordatorios de mantención y los saludos respetan estas
          reglas; lo que no puede salir queda retenido en la bandeja con su motivo y sale solo cuando se permite. Los
          contactos personales del equipo (llamadas, visitas) nunca se bloquean, pero cuentan.
        </Text>
      </div>
      <Paper withBorder p="md">
        <Stack>
          <NumberInput
            label="Máximo de contactos por cliente en 30 días"
            description="Mensajes automáticos más contactos personales registrados."
            min={1}
            max={60}
            value={tope}
            onChange={setTope}
            error={errores.tope}
          />
          <Switch
            label="Horario de silencio (hora de Santiago)"
            checked={conSilencio}
            onChange={(e) => setConSilencio(e.currentTarget.checked)}
          />
          {conSilencio && (
            <Group grow>
              <TextInput
                label="Desde"
                placeholder="20:00"
                value={desde}
                onChange={(e) => setDesde(e.currentTarget.value)}
                error={errores.desde}
              />
              <TextInput
                label="Hasta"
                placeholder="08:00"
                value={hasta}
                onChange={(e) => setHasta(e.currentTarget.value)}
                error={errores.hasta}
              />
            </Group>
          )}
          <Group>
            <Button loading={guardar.isPending} onClick={() => guardar.mutate()}>
              Guardar
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
