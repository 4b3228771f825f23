import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, consulta } from '../api.ts';

import type { CampoFusion, ParDuplicado } from '../../shared/fusion.ts';

export type { ClientePar, ParDuplicado, CampoFusion } from '../../shared/fusion.ts';
export { CAMPOS_FUSION } from '../../shared/fusion.ts';

/** Shapes of /api/duplicados and /api/fusiones (server: src/server/calidad/). */
export interface PaginaDuplicados {
  total: number;
  calculado_en: string;
  items: ParDuplicado[];
}

export type ClienteFusion = Record<CampoFusion, string | number | null> & {
  id_cliente: number;
  rut_formateado: string;
  region: string | null;
  version: number;
  historia: Record<string, number>;
};

export interface VistaPreviaFusion {
  clientes: [ClienteFusion, ClienteFusion];
  diferencias: CampoFusion[];
}

export interface Fusion {
  id_fusion: number;
  id_superviviente: number;
  id_fusionado: number;
  nombre_superviviente: string;
  nombre_fusionado: string;
  fecha: string;
  deshecha_en: string | null;
  usuario: string | null;
}

export const clavesDuplicados = {
  lista: (p: object) => ['duplicados', p] as const,
  previa: (a: number, b: number) => ['fusiones', 'previa', a, b] as const,
  deCliente: (id: number) => ['fusiones', 'cliente', id] as const,
};

export function useDuplicados(p: { limit: number; offset: number }) {
  return useQuery({
    queryKey: clavesDuplicados.lista(p),
    queryFn: ({ signal }) => api<PaginaDuplicados>(`/api/duplicados${consulta(p)}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useVistaPreviaFusion(a: number, b: number) {
  return useQuery({
    queryKey: clavesDuplicados.previa(a, b),
    queryFn: ({ signal }) =>
      api<VistaPreviaFusion>(`/api/fusiones/vista-previa${consulta({ id_a: a, id_b: b })}`, { signal }),
    enabled: a > 0 && b > 0 && a !== b,
  });
}

export function useFusionesDeCliente(id: number) {
  return useQuery({
    queryKey: clavesDuplicados.deCliente(id),
    queryFn: async ({ signal }) => (await api<{ items: Fusion[] }>(`/api/clientes/${id}/fusiones`, { signal })).items,
  });
}
