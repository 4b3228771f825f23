import { useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import type { Etiqueta, FichaCliente, UsuarioResumen } from './tipos.ts';

/** Query keys of the clientes module: invalidating ['clientes'] refreshes lists and fichas alike. */
export const claves = {
  todo: ['clientes'] as const,
  lista: (parametros: Record<string, unknown>) => ['clientes', 'lista', parametros] as const,
  ficha: (id: number) => ['clientes', 'ficha', id] as const,
  parecidos: (nombre: string, excluir?: number) => ['clientes', 'parecidos', nombre, excluir ?? null] as const,
};

export function useFicha(id: number) {
  return useQuery({
    queryKey: claves.ficha(id),
    queryFn: ({ signal }) => api<FichaCliente>(`/api/clientes/${id}/ficha`, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useEtiquetas() {
  return useQuery({
    queryKey: ['etiquetas'],
    queryFn: async () => (await api<{ items: Etiqueta[] }>('/api/etiquetas')).items,
    staleTime: 5 * 60_000,
  });
}

export function useUsuarios() {
  return useQuery({
    queryKey: ['usuarios'],
    queryFn: async () => (await api<{ items: UsuarioResumen[] }>('/api/usuarios')).items,
    staleTime: 5 * 60_000,
  });
}
