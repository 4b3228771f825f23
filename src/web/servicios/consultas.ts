import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, consulta } from '../api.ts';
import { claves as clavesClientes } from '../clientes/consultas.ts';
import type { Cotizacion, EquipoDetalle, EquipoResumen, Orden, Pagina, Pedido } from './tipos.ts';

export type Recurso = 'equipos' | 'ordenes' | 'pedidos' | 'cotizaciones';

/** Query keys: ['ordenes', …] holds every list and record of órdenes, and so on. */
export const clavesServicios = {
  lista: (recurso: Recurso, p: Record<string, unknown>) => [recurso, 'lista', p] as const,
  uno: (recurso: Recurso, id: number) => [recurso, 'uno', id] as const,
};

export function useLista<T>(recurso: Recurso, parametros: Record<string, string | number | undefined>, activa = true) {
  return useQuery({
    queryKey: clavesServicios.lista(recurso, parametros),
    queryFn: ({ signal }) => api<Pagina<T>>(`/api/${recurso}${consulta(parametros)}`, { signal }),
    enabled: activa,
  });
}

/** The órdenes of one cliente, to link an interacción or a cotización to one of them. */
export const useOrdenesDeCliente = (id: number, activa = true) =>
  useLista<Orden>('ordenes', { id_cliente: id, limit: 50 }, activa);
export const useEquiposDeCliente = (id: number, activa = true) =>
  useLista<EquipoResumen>('equipos', { id_cliente: id, limit: 100 }, activa);
export const usePedidosDeCliente = (id: number, activa = true) =>
  useLista<Pedido>('pedidos', { id_cliente: id, limit: 50 }, activa);

export function useUno<T extends Orden | Pedido | Cotizacion | EquipoDetalle>(recurso: Recurso, id: number | null) {
  return useQuery({
    queryKey: clavesServicios.uno(recurso, id ?? 0),
    queryFn: ({ signal }) => api<T>(`/api/${recurso}/${id}`, { signal }),
    enabled: id !== null && id > 0,
    // An edit must start from the current version, never a cached one.
    staleTime: 0,
  });
}

/** After saving a service document: its lists, its record, the ficha (value, alerts) and the history are stale. */
export async function trasCambioDeServicio(queryClient: QueryClient, recurso: Recurso, idCliente: number) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: [recurso] }),
    queryClient.invalidateQueries({ queryKey: clavesClientes.ficha(idCliente) }),
    queryClient.invalidateQueries({ queryKey: ['historia', idCliente] }),
  ]);
}
