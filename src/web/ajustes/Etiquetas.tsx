import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  CheckIcon,
  ColorSwatch,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconPencil, IconPlus, IconTrash, IconX } from '@tabler/icons-react';
import { api, ApiError, mensajeDeError } from '../api.ts';
import { useEtiquetas } from '../clientes/consultas.ts';
import type { Etiqueta } from '../clientes/tipos.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { useUsuario } from '../sesion/sesion.ts';

// The colours the server accepts (etiquetas.rutas.ts), with Spanish names for the swatches.
const COLORES: { valor: string; nombre: string }[] = [
  { valor: 'gray', nombre: 'Gris' },
  { valor: 'red', nombre: 'Rojo' },
  { valor: 'pink', nombre: 'Rosado' },
  { valor: 'grape', nombre: 'Uva' },
  { valor: 'violet', nombre: 'Violeta' },
  { valor: 'indigo', nombre: 'Índigo' },
  { valor: 'blue', nombre: 'Azul' },
  { valor: 'cyan', nombre: 'Cian' },
  { valor: 'teal', nombre: 'Verde azulado' },
  { valor: 'green', nombre: 'Verde' },
  { valor: 'lime', nombre: 'Lima' },
  { valor: 'yellow', nombre: 'Amarillo' },
  { valor: 'orange', nombre: 'Naranjo' },
];

/** A row of colour swatches working as a radio group. */
function SelectorColor({
  valor,
  alCambiar,
  etiqueta,
}: {
  valor: string;
  alCambiar: (c: string) => void;
  etiqueta: string;
}) {
  return (
    <Group gap={4} role="radiogroup" aria-label={etiqueta}>
      {COLORES.map((c) => (
        <ColorSwatch
          key={c.valor}
          component="button"
          type="button"
          role="radio"
          aria-checked={valor === c.valor}
          aria-label={c.nombre}
          title={c.nombre}
          color={`var(--mantine-color-${c.valor}-6)`}
          size={22}
          onClick={() => alCambiar(c.valor)}
          style={{ color: '#fff', cursor: 'pointer' }}
        >
          {valor === c.valor && <CheckIcon size={10} />}
        </ColorSwatch>
      ))}
    </Group>
  );
}

/** /ajustes/etiquetas: the admin creates, renames, recolours and deletes the tags used to classify clientes. */
export default function Etiquetas() {
  const usuario = useUsuario();
  const etiquetas = useEtiquetas();
  const queryClient = useQueryClient();
  const [nombre, setNombre] = useState('');
  const [color, setColor] = useState('blue');
  const [error, setError] = useState<string | null>(null);
  const [aBorrar, setABorrar] = useState<Etiqueta | null>(null);

  // Tags show in the list, the ficha and the filters: refresh all of them.
  const refrescar = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['etiquetas'] }),
      queryClient.invalidateQueries({ queryKey: ['clientes'] }),
    ]);

  const crear = useMutation({
    mutationFn: () => api<Etiqueta>('/api/etiquetas', { metodo: 'POST', cuerpo: { nombre: nombre.trim(), color } }),
    onSuccess: async (e) => {
      setNombre('');
      setError(null);
      notifications.show({ color: 'campo', title: 'Etiqueta creada', message: e.nombre });
      await refrescar();
    },
    onError: (e) => setError(e instanceof ApiError ? (e.errores[0]?.mensaje ?? e.detalle) : mensajeDeError(e)),
  });
  const borrar = useMutation({
    mutationFn: (e: Etiqueta) => api(`/api/etiquetas/${e.id_etiqueta}`, { metodo: 'DELETE' }),
    onSuccess: async (_, e) => {
      setABorrar(null);
      notifications.show({ color: 'campo', title: 'Etiqueta borrada', message: e.nombre });
      await refrescar();
    },
    onError: (e) => notifications.show({ color: 'red', title: 'No se pudo borrar', message: mensajeDeError(e) }),
  });

  if (usuario.rol !== 'admin') {
    return (
      <Alert color="yellow" title="Sin permiso">
        Solo un administrador puede administrar las etiquetas.
      </Alert>
    );
  }

  return (
    <Stack gap="md" maw={860}>
      <Title order={1}>Etiquetas</Title>
      <Paper
        withBorder
        p="md"
        component="form"
        aria-label="Nueva etiqueta"
        onSubmit={(e) => {
          e.preventDefault();
          if (nombre.trim()) crear.mutate();
        }}
      >
        <Stack gap="sm">
          <Group align="flex-end" gap="sm">
            <TextInput
              label="Nombre de la etiqueta"
              value={nombre}
              onChange={(e) => setNombre(e.currentTarget.value)}
              maxLength={60}
              error={error}
              style={{ flex: 1 }}
            />
            <Button
              type="submit"
              leftSection={<IconPlus size={16} aria-hidden />}
              loading={crear.isPending}
              disabled={!nombre.trim()}
            >
              Crear etiqueta
            </Button>
          </Group>
          <SelectorColor valor={color} alCambiar={setColor} etiqueta="Color de la nueva etiqueta" />
        </Stack>
      </Paper>

      {etiquetas.isError && <ErrorCarga error={etiquetas.error} reintentar={() => void etiquetas.refetch()} />}
      {!etiquetas.data && !etiquetas.isError && <Cargando />}
      {etiquetas.data && (
        <Paper withBorder>
          {etiquetas.data.length === 0 ? (
            <Text p="md" c="dimmed" size="sm">
              Aún no hay etiquetas.
            </Text>
          ) : (
            <Table verticalSpacing="sm">
              <Table.Tbody>
                {etiquetas.data.map((e) => (
                  <FilaEtiqueta key={e.id_etiqueta} etiqueta={e} alCambiar={refrescar} alBorrar={() => setABorrar(e)} />
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      )}

      <Modal opened={aBorrar !== null} onClose={() => setABorrar(null)} title="¿Borrar esta etiqueta?">
        <Text size="sm">
          «{aBorrar?.nombre}» se quitará de todos los clientes que la tienen. Los clientes no se modifican de otra
          forma.
        </Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setABorrar(null)}>
            Cancelar
          </Button>
          <Button color="red" loading={borrar.isPending} onClick={() => aBorrar && borrar.mutate(aBorrar)}>
            Borrar
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}

function FilaEtiqueta({
  etiqueta,
  alCambiar,
  alBorrar,
}: {
  etiqueta: Etiqueta;
  alCambiar: () => Promise<unknown>;
  alBorrar: () => void;
}) {
  const [editando, setEditando] = useState(false);
  const [nombre, setNombre] = useState(etiqueta.nombre);
  const [error, setError] = useState<string | null>(null);
  const guardar = useMutation({
    mutationFn: (cambio: { nombre?: string; color?: string }) =>
      api<Etiqueta>(`/api/etiquetas/${etiqueta.id_etiqueta}`, { metodo: 'PATCH', cuerpo: cambio }),
    onSuccess: async () => {
      setEditando(false);
      setError(null);
      await alCambiar();
    },
    onError: (e) => setError(e instanceof ApiError ? (e.errores[0]?.mensaje ?? e.detalle) : mensajeDeError(e)),
  });

  return (
    <Table.Tr>
      <Table.Td>
        {editando ? (
          <form
            onSubmit={(ev) => {
              ev.preventDefault();
              if (nombre.trim()) guardar.mutate({ nombre: nombre.trim() });
            }}
          >
            <Group gap={4} wrap="nowrap">
              <TextInput
                aria-label={`Nuevo nombre de ${etiqueta.nombre}`}
                value={nombre}
                onChange={(ev) => setNombre(ev.currentTarget.value)}
                maxLength={60}
                error={error}
                size="xs"
                data-autofocus
                autoFocus
              />
              <ActionIcon type="submit" variant="light" aria-label="Guardar nombre" loading={guardar.isPending}>
                <IconCheck size={16} aria-hidden />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label="Cancelar"
                onClick={() => {
                  setEditando(false);
                  setNombre(etiqueta.nombre);
                  setError(null);
                }}
              >
                <IconX size={16} aria-hidden />
              </ActionIcon>
            </Group>
          </form>
        ) : (
          <Badge color={etiqueta.color} variant="light" size="lg">
            {etiqueta.nombre}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <SelectorColor
          valor={etiqueta.color}
          alCambiar={(color) => guardar.mutate({ color })}
          etiqueta={`Color de ${etiqueta.nombre}`}
        />
      </Table.Td>
      <Table.Td w={90}>
        <Group gap={4} wrap="nowrap" justify="flex-end">
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={`Renombrar ${etiqueta.nombre}`}
            onClick={() => setEditando(true)}
          >
            <IconPencil size={16} aria-hidden />
          </ActionIcon>
          <ActionIcon variant="subtle" color="red" aria-label={`Borrar ${etiqueta.nombre}`} onClick={alBorrar}>
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
