import { useQuery } from '@tanstack/react-query';
import type { Comuna, Region } from '../../shared/territorio.ts';
import { api } from '../api.ts';

export interface Territorio {
  regiones: Region[];
  comunas: Comuna[];
}

// Fetched from the API instead of importing shared/territorio.ts, which bundles 346 comunas.
export function useTerritorio() {
  return useQuery({
    queryKey: ['territorio'],
    queryFn: async () => {
      const t = await api<Territorio>('/api/territorio');
      return { ...t, regiones: [...t.regiones].sort((a, b) => a.orden_norte_sur - b.orden_norte_sur) };
    },
    staleTime: Infinity,
  });
}

/** Regions north → south, as select options keyed by CUT code. */
export function opcionesRegiones(t: Territorio | undefined) {
  return (t?.regiones ?? []).map((r) => ({ value: r.codigo_region, label: `${r.region} (${r.numero_romano})` }));
}

/** Comunas of one region (or all), alphabetically, as select options keyed by CUT code; names are unique in Chile. */
export function opcionesComunas(t: Territorio | undefined, codigoRegion: string | null) {
  return (t?.comunas ?? [])
    .filter((c) => !codigoRegion || c.codigo_region === codigoRegion)
    .map((c) => ({ value: c.codigo_comuna, label: c.comuna }))
    .sort((a, b) => a.label.localeCompare(b.label, 'es'));
}

export function comunaPorCodigo(t: Territorio | undefined, codigo: string | null | undefined) {
  return codigo ? t?.comunas.find((c) => c.codigo_comuna === codigo) : undefined;
}

export function regionPorNombre(t: Territorio | undefined, nombre: string | null | undefined) {
  return nombre ? t?.regiones.find((r) => r.region === nombre) : undefined;
}
