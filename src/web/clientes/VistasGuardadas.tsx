import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ActionIcon, Anchor, Button, Group, Modal, Popover, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBookmark, IconBookmarks, IconTrash } from '@tabler/icons-react';
import { api, ApiError, mensajeDeError } from '../api.ts';

interface Vista {
  id_vista: number;
  nombre: string;
  filtros: Record<string, string | number | boolean> | string;
}

const CLAVE = ['vistas'] as const;

// The page number is where the user happened to be, not part of the view.
const NO_GUARDAR = new Set(['pagina']);

function filtrosDe(vista: Vista): Record<string, string> {
  const f = typeof vista.filtros === 'string' ? (JSON.parse(vista.filtros) as Record<string, unknown>) : vista.filtros;
  return Object.fromEntries(Object.entries(f).map(([k, v]) => [k, String(v)]));
}

/** "Guardar vista" (the list's current URL filters, under a name) and "Vistas" to reopen or delete them. */
export function VistasGuardadas() {
  const [parametros] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [nombrando, setNombrando] = useState(false);
  const [menu, setMenu] = useState(false);
  const [nombre, setNombre] = useState('');
  const [error, setError] = useState<string | null>(null);
  const vistas = useQuery({
    queryKey: CLAVE,
    queryFn: async ({ signal }) => (await api<{ items: Vista[] }>('/api/vistas', { signal })).items,
  });
  const filtros = Object.fromEntries([...parametros.entries()].filter(([k, v]) => v !== '' && !NO_GUARDAR.has(k)));

  const guardar = useMutation({
    mutationFn: () => api<Vista>('/api/vistas', { metodo: 'POST', cuerpo: { nombre: nombre.trim(), filtros } }),
    onSuccess: async (v) => {
      setNombrando(false);
      setNombre('');
      notifications.show({ color: 'campo', title: 'Vista guardada', message: v.nombre });
      await queryClient.invalidateQueries({ queryKey: CLAVE });
    },
    onError: (e) => setError(e instanceof ApiError ? (e.errores[0]?.mensaje ?? e.detalle) : mensajeDeError(e)),
  });
  const borrar = useMutation({
    mutationFn: (v: Vista) => api(`/api/vistas/${v.id_vista}`, { metodo: 'DELETE' }),
    onSuccess: async (_, v) => {
      notifications.show({ color: 'campo', title: 'Vista borrada', message: v.nombre });
      await queryClient.invalidateQueries({ queryKey: CLAVE });
    },
    onError: (e) => notifications.show({ color: 'red', title: 'No se pudo borrar', message: mensajeDeError(e) }),
  });

  return (
    <Group gap="xs">
      <Button
        variant="default"
        size="xs"
        leftSection={<IconBookmark size={14} aria-hidden />}
        onClick={() => {
          setError(null);
          setNombrando(true);
        }}
      >
        Guardar vista
      </Button>
      <Popover opened={menu} onChange={setMenu} position="bottom-end" width={300} shadow="md">
        <Popover.Target>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconBookmarks size={14} aria-hidden />}
            onClick={() => setMenu((m) => !m)}
            aria-expanded={menu}
          >
            Vistas{vistas.data?.length ? ` (${vistas.data.length})` : ''}
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          {!vistas.data?.length ? (
            <Text size="sm" c="dimmed">
              Aún no guarda vistas. Filtre la lista y use «Guardar vista».
            </Text>
          ) : (
            <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Vistas guardadas">
              {vistas.data.map((v) => (
                <Group key={v.id_vista} component="li" justify="space-between" wrap="nowrap" gap={4}>
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    onClick={() => {
                      setMenu(false);
                      navigate(`/clientes?${new URLSearchParams(filtrosDe(v)).toString()}`);
                    }}
                  >
                    {v.nombre}
                  </Anchor>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="sm"
                    aria-label={`Borrar la vista ${v.nombre}`}
                    onClick={() => borrar.mutate(v)}
                  >
                    <IconTrash size={14} aria-hidden />
                  </ActionIcon>
                </Group>
              ))}
            </Stack>
          )}
        </Popover.Dropdown>
      </Popover>
      <Modal opened={nombrando} onClose={() => setNombrando(false)} title="Guardar vista">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (nombre.trim()) guardar.mutate();
          }}
        >
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {Object.keys(filtros).length === 0
                ? 'La lista no tiene filtros: la vista mostrará todos los clientes.'
                : 'Se guardan la búsqueda, los filtros y el orden actuales.'}
            </Text>
            <TextInput
              label="Nombre de la vista"
              placeholder="Ej. Activos de Ñuble con tractor"
              value={nombre}
              onChange={(e) => setNombre(e.currentTarget.value)}
              maxLength={80}
              error={error}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setNombrando(false)}>
                Cancelar
              </Button>
              <Button type="submit" loading={guardar.isPending} disabled={!nombre.trim()}>
                Guardar
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Group>
  );
}
