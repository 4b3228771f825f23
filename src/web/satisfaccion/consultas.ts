import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, consulta } from '../api.ts';
import type { AnalisisSatisfaccion, FiltrosSatisfaccion, PaginaComentarios, PlantillaEncuesta } from './tipos.ts';

/** Query keys of the satisfaction screens: invalidating ['satisfaccion'] refreshes report and comments. */
export const claves = {
  todo: ['satisfaccion'] as const,
  analisis: (f: FiltrosSatisfaccion) => ['satisfaccion', 'analisis', f] as const,
  comentarios: (p: Record<string, unknown>) => ['satisfaccion', 'comentarios', p] as const,
  plantilla: ['satisfaccion', 'plantilla'] as const,
};

export function useAnalisis(f: FiltrosSatisfaccion) {
  return useQuery({
    queryKey: claves.analisis(f),
    queryFn: ({ signal }) => api<AnalisisSatisfaccion>(`/api/reportes/satisfaccion${consulta({ ...f })}`, { signal }),
    // A filter change keeps the old numbers on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}

export interface ParametrosComentarios extends FiltrosSatisfaccion {
  q?: string;
  nota_min?: number;
  nota_max?: number;
  limit: number;
  offset: number;
}

export function useComentarios(p: ParametrosComentarios) {
  return useQuery({
    queryKey: claves.comentarios({ ...p }),
    queryFn: ({ signal }) =>
      api<PaginaComentarios>(`/api/reportes/satisfaccion/comentarios${consulta({ ...p })}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function usePlantilla(habilitada = true) {
  return useQuery({
    queryKey: claves.plantilla,
    queryFn: ({ signal }) => api<PlantillaEncuesta>('/api/plantillas-encuesta', { signal }),
    enabled: habilitada,
  });
}
