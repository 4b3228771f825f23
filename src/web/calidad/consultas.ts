import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import type { Faltante } from '../../shared/completitud.ts';
import { api, mensajeDeError } from '../api.ts';
import type { Cliente } from '../clientes/tipos.ts';

export interface PanelCompletitud {
  total: number;
  meses_confirmacion: number;
  calculado_en: string;
  items: { falta: Faltante; etiqueta: string; cantidad: number; porcentaje: number }[];
}

export const clavesCalidad = {
  todo: ['calidad'] as const,
  completitud: ['calidad', 'completitud'] as const,
};

export function usePanelCompletitud() {
  return useQuery({
    queryKey: clavesCalidad.completitud,
    queryFn: ({ signal }) => api<PanelCompletitud>('/api/calidad/completitud', { signal }),
  });
}

/** After any change to a cliente's data: lists, fichas and the panel's numbers are stale. */
export function useRefrescarCalidad() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['clientes'] }),
      queryClient.invalidateQueries({ queryKey: clavesCalidad.todo }),
    ]);
}

/** "Confirmar datos": the data were checked with the cliente today (POST with the version read). */
export function useConfirmarDatos() {
  const refrescar = useRefrescarCalidad();
  return useMutation({
    mutationFn: (c: { id_cliente: number; version: number }) =>
      api<Cliente>(`/api/clientes/${c.id_cliente}/confirmar-datos`, {
        metodo: 'POST',
        cuerpo: { version: c.version },
      }),
    onSuccess: async (c) => {
      await refrescar();
      notifications.show({ color: 'campo', message: `Datos de «${c.nombre}» confirmados hoy.` });
    },
    onError: (e) => notifications.show({ color: 'red', title: 'No se pudo confirmar', message: mensajeDeError(e) }),
  });
}
