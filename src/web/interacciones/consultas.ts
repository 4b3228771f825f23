import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, consulta } from '../api.ts';
import { claves as clavesClientes } from '../clientes/consultas.ts';
import type { BandejaSeguimientos, Frecuencia, ResumenSeguimientos } from './tipos.ts';

/** Query keys: invalidating ['seguimientos'] refreshes the page and the navbar badge alike. */
export const clavesInteracciones = {
  seguimientos: ['seguimientos'] as const,
  bandeja: (p: Record<string, unknown>) => ['seguimientos', 'bandeja', p] as const,
  resumen: ['seguimientos', 'resumen'] as const,
  historia: (id: number, tipos: string[]) => ['historia', id, tipos] as const,
  frecuencia: (id: number) => ['frecuencia', id] as const,
};

/** Badge of the navbar: the user's overdue and today's follow-ups, refreshed every minute. */
export function useResumenSeguimientos() {
  return useQuery({
    queryKey: clavesInteracciones.resumen,
    queryFn: ({ signal }) => api<ResumenSeguimientos>('/api/seguimientos/resumen', { signal }),
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}

export function useBandejaSeguimientos(p: { todos?: boolean; id_usuario?: number | null }) {
  const parametros = { todos: p.todos ? 'true' : undefined, id_usuario: p.id_usuario ?? undefined, dias: 14 };
  return useQuery({
    queryKey: clavesInteracciones.bandeja(parametros),
    queryFn: ({ signal }) => api<BandejaSeguimientos>(`/api/seguimientos${consulta(parametros)}`, { signal }),
  });
}

export function useFrecuencia(id: number) {
  return useQuery({
    queryKey: clavesInteracciones.frecuencia(id),
    queryFn: ({ signal }) => api<Frecuencia>(`/api/clientes/${id}/frecuencia`, { signal }),
  });
}

/**
 * After a contact is logged or a follow-up changes, everything that shows it is stale: the ficha
 * (last interactions, alerts), lists (último contacto), the history, the chart and the badge.
 */
export async function trasCambioDeContacto(queryClient: QueryClient, idCliente?: number) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: clavesInteracciones.seguimientos }),
    queryClient.invalidateQueries({ queryKey: idCliente ? clavesClientes.ficha(idCliente) : clavesClientes.todo }),
    queryClient.invalidateQueries({ queryKey: clavesClientes.todo, predicate: (q) => q.queryKey[1] === 'lista' }),
    queryClient.invalidateQueries({ queryKey: idCliente ? ['historia', idCliente] : ['historia'] }),
    queryClient.invalidateQueries({ queryKey: idCliente ? ['frecuencia', idCliente] : ['frecuencia'] }),
  ]);
}
