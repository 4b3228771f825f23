import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { FALTANTES, type Faltante } from '../../shared/completitud.ts';
import type { ORDENES_CLIENTES } from '../../shared/listas.ts';

export const POR_PAGINA = 25;

export type OrdenClientes = (typeof ORDENES_CLIENTES)[number];

// Repeated here because shared/listas.ts builds zod schemas on import, which the bundle can do without.
const ORDENES: readonly OrdenClientes[] = [
  'nombre',
  '-nombre',
  'rut',
  'comuna',
  'region',
  'fecha_registro',
  '-fecha_registro',
  'ultimo_contacto',
  '-ultimo_contacto',
  'relevancia',
];

/** The list's view, kept in the query string so it can be bookmarked and shared. */
export interface FiltrosLista {
  q: string;
  region: string | null;
  comuna: string | null;
  activo: 'true' | 'false' | null;
  etiqueta: string | null;
  tipo_equipo: string | null;
  marca_equipo: string | null;
  segmento: 'A' | 'B' | 'C' | null;
  potencial: 'alto' | 'bajo' | null;
  archivados: boolean;
  /** Only clientes missing this datum (from the "Calidad de datos" panel). */
  falta: Faltante | null;
  orden: OrdenClientes | null;
  pagina: number;
}

export type CambioFiltros = { [K in keyof FiltrosLista]?: FiltrosLista[K] | null };

function leer(p: URLSearchParams): FiltrosLista {
  const activo = p.get('activo');
  const orden = p.get('orden');
  const pagina = Number(p.get('pagina'));
  return {
    q: p.get('q') ?? '',
    region: p.get('region') || null,
    comuna: p.get('comuna') || null,
    activo: activo === 'true' || activo === 'false' ? activo : null,
    etiqueta: /^\d+$/.test(p.get('etiqueta') ?? '') ? p.get('etiqueta') : null,
    tipo_equipo: p.get('tipo_equipo') || null,
    marca_equipo: p.get('marca_equipo') || null,
    segmento: ['A', 'B', 'C'].includes(p.get('segmento') ?? '') ? (p.get('segmento') as 'A' | 'B' | 'C') : null,
    potencial:
      p.get('potencial') === 'alto' || p.get('potencial') === 'bajo' ? (p.get('potencial') as 'alto' | 'bajo') : null,
    archivados: p.get('archivados') === 'true',
    falta: (FALTANTES as readonly string[]).includes(p.get('falta') ?? '') ? (p.get('falta') as Faltante) : null,
    // A hand-edited or outdated link must not turn into a 400 from the API.
    orden: (ORDENES as readonly string[]).includes(orden ?? '') ? (orden as OrdenClientes) : null,
    pagina: Number.isInteger(pagina) && pagina > 1 ? pagina : 1,
  };
}

/** Filters in the URL, and a setter that resets to page 1 whenever anything but the page changes. */
export function useFiltrosLista() {
  const [parametros, setParametros] = useSearchParams();
  const filtros = leer(parametros);

  const cambiar = useCallback(
    (cambio: CambioFiltros, opciones: { reemplazar?: boolean } = {}) => {
      setParametros(
        (previos) => {
          const siguientes = new URLSearchParams(previos);
          for (const [clave, valor] of Object.entries(cambio)) {
            if (valor === null || valor === undefined || valor === '' || valor === false) siguientes.delete(clave);
            else siguientes.set(clave, String(valor));
          }
          if (!('pagina' in cambio) || siguientes.get('pagina') === '1') siguientes.delete('pagina');
          return siguientes;
        },
        { replace: opciones.reemplazar ?? false },
      );
    },
    [setParametros],
  );

  const limpiar = useCallback(() => setParametros(new URLSearchParams()), [setParametros]);

  const hayFiltros =
    filtros.q !== '' ||
    [
      filtros.region,
      filtros.comuna,
      filtros.activo,
      filtros.etiqueta,
      filtros.tipo_equipo,
      filtros.marca_equipo,
      filtros.segmento,
      filtros.potencial,
      filtros.falta,
    ].some((v) => v !== null) ||
    filtros.archivados;

  return { filtros, cambiar, limpiar, hayFiltros };
}

/** The API's query parameters for a view of the list. */
export function parametrosApi(f: FiltrosLista) {
  return {
    q: f.q.trim() || undefined,
    region: f.region ?? undefined,
    comuna: f.comuna ?? undefined,
    activo: f.activo ?? undefined,
    etiqueta: f.etiqueta ?? undefined,
    tipo_equipo: f.tipo_equipo ?? undefined,
    marca_equipo: f.marca_equipo ?? undefined,
    segmento: f.segmento ?? undefined,
    potencial: f.potencial ?? undefined,
    archivados: f.archivados ? 'true' : undefined,
    falta: f.falta ?? undefined,
    orden: f.orden ?? undefined,
    limit: POR_PAGINA,
    offset: (f.pagina - 1) * POR_PAGINA,
  };
}
