import type { ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Group, Modal } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { api } from '../api.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { trasCambioDeServicio, useUno } from './consultas.ts';
import type { Cotizacion, EquipoDetalle, Orden, Pedido } from './tipos.ts';

type Recurso = 'equipos' | 'ordenes' | 'pedidos' | 'cotizaciones';
type Registro = EquipoDetalle | Orden | Pedido | Cotizacion;

/**
 * The dialog around a create / edit form of a service document. Editing loads the record first,
 * so the form starts from current values and sends the version it read (a 409 if someone else
 * saved in between).
 */
export function ModalServicio<T extends Registro>({
  abierto,
  alCerrar,
  titulo,
  recurso,
  id,
  children,
}: {
  abierto: boolean;
  alCerrar: () => void;
  titulo: string;
  recurso: Recurso;
  id: number | null;
  children: (actual: T | null) => ReactNode;
}) {
  const registro = useUno<T>(recurso, abierto ? id : null);
  let contenido: ReactNode;
  if (id === null) contenido = children(null);
  else if (registro.isError)
    contenido = <ErrorCarga error={registro.error} reintentar={() => void registro.refetch()} />;
  else if (!registro.data) contenido = <Cargando />;
  else contenido = children(registro.data);
  return (
    <Modal opened={abierto} onClose={alCerrar} title={titulo} size="lg">
      {abierto && contenido}
    </Modal>
  );
}

/** POST a new document for the cliente, or PATCH an existing one with its version; then refresh what shows it. */
export function useGuardarServicio<T>(recurso: Recurso, idCliente: number) {
  const queryClient = useQueryClient();
  return async (
    actual: { version: number } | null,
    id: number | null,
    cuerpo: Record<string, unknown>,
    aviso: string,
  ) => {
    const guardado =
      actual && id
        ? await api<T>(`/api/${recurso}/${id}`, { metodo: 'PATCH', cuerpo: { ...cuerpo, version: actual.version } })
        : await api<T>(`/api/${recurso}`, { metodo: 'POST', cuerpo: { ...cuerpo, id_cliente: idCliente } });
    notifications.show({ color: 'campo', title: actual ? 'Cambios guardados' : 'Registro creado', message: aviso });
    await trasCambioDeServicio(queryClient, recurso, idCliente);
    return guardado;
  };
}

/** Cancelar / Guardar at the foot of every dialog. */
export function BotonesDialogo({ enviando, alCancelar }: { enviando: boolean; alCancelar: () => void }) {
  return (
    <Group justify="flex-end" mt="xs">
      <Button variant="default" onClick={alCancelar} disabled={enviando}>
        Cancelar
      </Button>
      <Button type="submit" loading={enviando}>
        Guardar
      </Button>
    </Group>
  );
}
