import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, consulta } from '../api.ts';
import type {
  GastoEsperado,
  OportunidadesCliente,
  OportunidadesTaller,
  RankingValor,
  ReporteSegmentos,
  ResultadoRecalculo,
  ResultadoVerificacion,
  ValorCliente,
} from './tipos.ts';

type Parametros = Record<string, string | number | undefined>;

/** Query keys: everything here starts with 'valor', so a recompute refreshes it all at once. */
export const clavesValor = {
  todo: ['valor'] as const,
  segmentos: ['valor', 'segmentos'] as const,
  ranking: (p: Parametros) => ['valor', 'ranking', p] as const,
  oportunidades: (p: Parametros) => ['valor', 'oportunidades', p] as const,
  oportunidadesCliente: (id: number) => ['valor', 'oportunidades-cliente', id] as const,
  cliente: (id: number) => ['valor', 'cliente', id] as const,
  gastoEsperado: ['valor', 'gasto-esperado'] as const,
};

const esId = (id: number) => Number.isInteger(id) && id > 0;

export function useSegmentos() {
  return useQuery({
    queryKey: clavesValor.segmentos,
    queryFn: ({ signal }) => api<ReporteSegmentos>('/api/reportes/segmentos', { signal }),
  });
}

export function useRanking(parametros: Parametros) {
  return useQuery({
    queryKey: clavesValor.ranking(parametros),
    queryFn: ({ signal }) => api<RankingValor>(`/api/reportes/ranking-valor${consulta(parametros)}`, { signal }),
    // The previous page stays on screen while the next one or a new period arrives.
    placeholderData: keepPreviousData,
  });
}

export function useOportunidades(parametros: Parametros) {
  return useQuery({
    queryKey: clavesValor.oportunidades(parametros),
    queryFn: ({ signal }) => api<OportunidadesTaller>(`/api/oportunidades${consulta(parametros)}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useOportunidadesCliente(id: number) {
  return useQuery({
    queryKey: clavesValor.oportunidadesCliente(id),
    queryFn: ({ signal }) => api<OportunidadesCliente>(`/api/clientes/${id}/oportunidades`, { signal }),
    enabled: esId(id),
  });
}

export function useValorCliente(id: number) {
  return useQuery({
    queryKey: clavesValor.cliente(id),
    queryFn: ({ signal }) => api<ValorCliente>(`/api/clientes/${id}/valor`, { signal }),
    enabled: esId(id),
  });
}

export function useGastoEsperado() {
  return useQuery({
    queryKey: clavesValor.gastoEsperado,
    queryFn: async ({ signal }) => (await api<{ items: GastoEsperado[] }>('/api/gasto-esperado', { signal })).items,
  });
}

/** Metrics and segments changed on the server: every value screen is stale. */
export function trasCambioDeValor(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ queryKey: clavesValor.todo });
}

/** POST /api/valor/recalcular (admin); refreshes every value screen when done. */
export function useRecalcular() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<ResultadoRecalculo>('/api/valor/recalcular', { metodo: 'POST' }),
    onSuccess: () => trasCambioDeValor(queryClient),
  });
}

/** GET /api/valor/verificar (admin): a read, but run on demand, so a mutation holds its result. */
export function useVerificar() {
  return useMutation({ mutationFn: () => api<ResultadoVerificacion>('/api/valor/verificar') });
}
