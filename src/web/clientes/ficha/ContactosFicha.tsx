import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { CARGOS_CONTACTO, type ContactoEntrada } from '../../../shared/contactos.ts';
import { formatearTelefono, normalizarTelefono } from '../../../shared/telefono.ts';
import { api, mensajeDeError } from '../../api.ts';
import { Cargando } from '../../components/Cargando.tsx';
import { ErrorCarga } from '../../components/ErrorCarga.tsx';
import { mostrarErrorDeGuardado } from '../../components/erroresFormulario.ts';
import { Seccion } from '../../components/Seccion.tsx';
import { Autocompletar } from '../../components/Seleccion.tsx';
import { EnlacesContacto } from '../../interacciones/EnlacesContacto.tsx';

export interface Contacto {
  id_contacto: number;
  nombre: string;
  cargo: string | null;
  telefono: string | null;
  email: string | null;
  notas: string | null;
  principal: boolean;
}

interface Valores {
  nombre: string;
  cargo: string;
  telefono: string;
  email: string;
  notas: string;
  principal: boolean;
}

const CAMPOS = ['nombre', 'cargo', 'telefono', 'email', 'notas', 'principal'] as const;
const clave = (id: number) => ['clientes', 'contactos', id] as const;

/**
 * The people to talk to at a company (the owner, the administrator…), with their phone links; admin
 * and comercial add, edit and remove them (audited on the server).
 */
export function ContactosFicha({ idCliente, escribe }: { idCliente: number; escribe: boolean }) {
  const contactos = useQuery({
    queryKey: clave(idCliente),
    queryFn: async ({ signal }) =>
      (await api<{ items: Contacto[] }>(`/api/clientes/${idCliente}/contactos`, { signal })).items,
  });
  const [editando, setEditando] = useState<Contacto | 'nuevo' | null>(null);

  return (
    <Seccion
      titulo="Personas de contacto"
      acciones={
        escribe && (
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setEditando('nuevo')}
          >
            Agregar contacto
          </Button>
        )
      }
    >
      {contactos.isError && <ErrorCarga error={contactos.error} reintentar={() => void contactos.refetch()} />}
      {contactos.isPending && <Cargando />}
      {contactos.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          Sin personas de contacto registradas.
        </Text>
      )}
      {contactos.data && contactos.data.length > 0 && (
        <Table verticalSpacing={6} aria-label="Personas de contacto">
          <Table.Tbody>
            {contactos.data.map((c) => (
              <Table.Tr key={c.id_contacto}>
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm" fw={500}>
                      {c.nombre}
                    </Text>
                    {c.principal && (
                      <Badge size="xs" variant="light">
                        Principal
                      </Badge>
                    )}
                  </Group>
                  {c.cargo && (
                    <Text size="xs" c="dimmed">
                      {c.cargo}
                    </Text>
                  )}
                  {c.notas && (
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                      {c.notas}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Stack gap={2}>
                    <EnlacesContacto telefono={c.telefono} nombre={c.nombre} />
                    {c.email && (
                      <Anchor href={`mailto:${c.email}`} size="sm">
                        {c.email}
                      </Anchor>
                    )}
                  </Stack>
                </Table.Td>
                {escribe && (
                  <Table.Td ta="right" w={90}>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <ActionIcon variant="subtle" aria-label={`Editar a ${c.nombre}`} onClick={() => setEditando(c)}>
                        <IconPencil size={16} aria-hidden />
                      </ActionIcon>
                      <EliminarContacto idCliente={idCliente} contacto={c} />
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        opened={editando !== null}
        onClose={() => setEditando(null)}
        title={editando === 'nuevo' ? 'Nueva persona de contacto' : 'Editar persona de contacto'}
      >
        {editando !== null && (
          <FormularioContacto
            idCliente={idCliente}
            contacto={editando === 'nuevo' ? null : editando}
            alCerrar={() => setEditando(null)}
          />
        )}
      </Modal>
    </Seccion>
  );
}

function FormularioContacto({
  idCliente,
  contacto,
  alCerrar,
}: {
  idCliente: number;
  contacto: Contacto | null;
  alCerrar: () => void;
}) {
  const queryClient = useQueryClient();
  const form = useForm<Valores>({
    initialValues: {
      nombre: contacto?.nombre ?? '',
      cargo: contacto?.cargo ?? '',
      telefono: contacto?.telefono ? formatearTelefono(contacto.telefono) : '',
      email: contacto?.email ?? '',
      notas: contacto?.notas ?? '',
      principal: contacto?.principal ?? false,
    },
    validate: {
      nombre: (v) => (v.trim().length < 2 ? 'El nombre del contacto debe tener al menos 2 letras.' : null),
      telefono: (v) => {
        if (v.trim() === '') return null;
        const t = normalizarTelefono(v);
        return t.ok ? null : t.mensaje;
      },
    },
  });
  const guardar = useMutation({
    mutationFn: (v: Valores) => {
      const cuerpo: ContactoEntrada = {
        nombre: v.nombre.trim(),
        cargo: v.cargo.trim() || null,
        telefono: v.telefono.trim() || null,
        email: v.email.trim() || null,
        notas: v.notas.trim() || null,
        principal: v.principal,
      };
      return contacto
        ? api<Contacto>(`/api/clientes/${idCliente}/contactos/${contacto.id_contacto}`, { metodo: 'PATCH', cuerpo })
        : api<Contacto>(`/api/clientes/${idCliente}/contactos`, { metodo: 'POST', cuerpo });
    },
    onSuccess: async (guardado) => {
      await queryClient.invalidateQueries({ queryKey: clave(idCliente) });
      notifications.show({ color: 'campo', message: `Contacto «${guardado.nombre}» guardado.` });
      alCerrar();
    },
    onError: (e) => mostrarErrorDeGuardado(form, e, CAMPOS),
  });
  const telefono = form.getInputProps('telefono');

  return (
    <form noValidate onSubmit={form.onSubmit((v) => guardar.mutate(v))}>
      <Stack gap="sm">
        <TextInput label="Nombre" required maxLength={200} data-autofocus {...form.getInputProps('nombre')} />
        <Autocompletar
          label="Cargo"
          placeholder="Dueño, administrador…"
          data={[...CARGOS_CONTACTO]}
          maxLength={100}
          {...form.getInputProps('cargo')}
        />
        <TextInput
          label="Teléfono"
          type="tel"
          placeholder="9 1234 5678"
          maxLength={30}
          {...telefono}
          onBlur={(e) => {
            telefono.onBlur?.(e);
            const t = normalizarTelefono(form.values.telefono);
            if (form.values.telefono.trim() && t.ok) form.setFieldValue('telefono', formatearTelefono(t.e164));
          }}
        />
        <TextInput label="Email" type="email" maxLength={200} {...form.getInputProps('email')} />
        <Textarea label="Notas" autosize minRows={2} maxRows={5} maxLength={1000} {...form.getInputProps('notas')} />
        <Checkbox
          label="Contacto principal (a quien se llama primero)"
          {...form.getInputProps('principal', { type: 'checkbox' })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={alCerrar}>
            Cancelar
          </Button>
          <Button type="submit" loading={guardar.isPending}>
            Guardar contacto
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EliminarContacto({ idCliente, contacto }: { idCliente: number; contacto: Contacto }) {
  const queryClient = useQueryClient();
  const [confirmando, setConfirmando] = useState(false);
  const eliminar = useMutation({
    mutationFn: () => api<void>(`/api/clientes/${idCliente}/contactos/${contacto.id_contacto}`, { metodo: 'DELETE' }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: clave(idCliente) });
      notifications.show({ color: 'campo', message: `Contacto «${contacto.nombre}» eliminado.` });
      setConfirmando(false);
    },
    onError: (e) => notifications.show({ color: 'red', title: 'No se pudo eliminar', message: mensajeDeError(e) }),
  });
  return (
    <>
      <ActionIcon
        variant="subtle"
        color="red"
        aria-label={`Eliminar a ${contacto.nombre}`}
        onClick={() => setConfirmando(true)}
      >
        <IconTrash size={16} aria-hidden />
      </ActionIcon>
      <Modal opened={confirmando} onClose={() => setConfirmando(false)} title="Eliminar persona de contacto">
        <Stack gap="sm">
          <Text size="sm">
            ¿Eliminar a «{contacto.nombre}» de los contactos de este cliente? Queda registrado en la auditoría.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmando(false)}>
              Cancelar
            </Button>
            <Button color="red" loading={eliminar.isPending} onClick={() => eliminar.mutate()}>
              Eliminar
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
