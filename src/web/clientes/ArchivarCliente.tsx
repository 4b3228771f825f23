import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Group, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArchiveOff } from '@tabler/icons-react';
import { api, mensajeDeError } from '../api.ts';
import { claves } from './consultas.ts';
import type { Cliente, FichaCliente } from './tipos.ts';

/** "Archivar" / "Restaurar" with a confirmation; archiving hides the cliente, nothing is deleted (DOMAIN.md). */
export function ArchivarCliente({ cliente }: { cliente: Cliente }) {
  const [abierto, { open, close }] = useDisclosure(false);
  const queryClient = useQueryClient();
  // Fixed when the dialog opens: its text must not flip to the opposite action while it fades out.
  const [archivar, setArchivar] = useState(!cliente.archivado);

  const mutacion = useMutation({
    mutationFn: () =>
      api<Cliente>(`/api/clientes/${cliente.id_cliente}/${archivar ? 'archivar' : 'restaurar'}`, { metodo: 'POST' }),
    onSuccess: async (actualizado) => {
      queryClient.setQueryData<FichaCliente>(claves.ficha(cliente.id_cliente), (previa) =>
        previa ? { ...previa, cliente: actualizado } : previa,
      );
      close();
      notifications.show({
        color: 'campo',
        title: archivar ? 'Cliente archivado' : 'Cliente restaurado',
        message: archivar
          ? `${actualizado.nombre} ya no aparece en las listas.`
          : `${actualizado.nombre} vuelve a aparecer en las listas.`,
      });
      await queryClient.invalidateQueries({ queryKey: claves.todo, predicate: (q) => q.queryKey[1] !== 'ficha' });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'No se pudo completar', message: mensajeDeError(error) }),
  });

  const Icono = cliente.archivado ? IconArchiveOff : IconArchive;
  return (
    <>
      <Button
        variant="default"
        leftSection={<Icono size={16} aria-hidden />}
        onClick={() => {
          setArchivar(!cliente.archivado);
          open();
        }}
      >
        {cliente.archivado ? 'Restaurar' : 'Archivar'}
      </Button>
      <Modal
        opened={abierto}
        onClose={close}
        title={archivar ? '¿Archivar este cliente?' : '¿Restaurar este cliente?'}
        centered
      >
        <Text size="sm">
          {archivar
            ? `«${cliente.nombre}» dejará de aparecer en las listas y búsquedas. No se borra nada: puede restaurarlo cuando quiera desde «Ver archivados».`
            : `«${cliente.nombre}» volverá a aparecer en las listas y búsquedas.`}
        </Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={close}>
            Cancelar
          </Button>
          <Button color={archivar ? 'orange' : 'campo'} loading={mutacion.isPending} onClick={() => mutacion.mutate()}>
            Confirmar
          </Button>
        </Group>
      </Modal>
    </>
  );
}
