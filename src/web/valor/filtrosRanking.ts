import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { restarMeses } from '../../shared/actividad.ts';
import { hoyEnSantiago } from '../../shared/formato.ts';
import { SEGMENTOS } from './catalogos.ts';
import type { Segmento } from './tipos.ts';

export const POR_PAGINA_RANKING = 20;

export const PERIODOS = ['12m', '6m', '3m', 'anio', 'anio_anterior', 'personalizado'] as const;
export type Periodo = (typeof PERIODOS)[number];

export const NOMBRE_PERIODO: Record<Periodo, string> = {
  '12m': 'Últimos 12 meses',
  '6m': 'Últimos 6 meses',
  '3m': 'Últimos 3 meses',
  anio: 'Año en curso',
  anio_anterior: 'Año anterior',
  personalizado: 'Personalizado',
};

/** The ranking's view, kept in the query string so a report can be bookmarked and shared. */
export interface FiltrosRanking {
  periodo: Periodo;
  /** Only for 'personalizado'; presets compute their own dates. */
  desde: string | null;
  hasta: string | null;
  /** CUT code of the region, as the customer list uses it. */
  region: string | null;
  segmento: Segmento | null;
  pagina: number;
}

export type CambioRanking = { [K in keyof FiltrosRanking]?: FiltrosRanking[K] | null };

const FECHA = /^\d{4}-\d{2}-\d{2}$/;

function leer(p: URLSearchParams): FiltrosRanking {
  const periodo = p.get('periodo') ?? '';
  const segmento = p.get('segmento') ?? '';
  const pagina = Number(p.get('pagina'));
  const fecha = (clave: string) => (FECHA.test(p.get(clave) ?? '') ? p.get(clave) : null);
  return {
    // A hand-edited link falls back to the default rather than sending the API something it refuses.
    periodo: (PERIODOS as readonly string[]).includes(periodo) ? (periodo as Periodo) : '12m',
    desde: fecha('desde'),
    hasta: fecha('hasta'),
    region: p.get('region') || null,
    segmento: (SEGMENTOS as readonly string[]).includes(segmento) ? (segmento as Segmento) : null,
    pagina: Number.isInteger(pagina) && pagina > 1 ? pagina : 1,
  };
}

/** [desde, hasta] of a preset, as calendar dates in Santiago (DOMAIN.md: default the last 12 months). */
export function rangoDePeriodo(f: Pick<FiltrosRanking, 'periodo' | 'desde' | 'hasta'>, hoy = hoyEnSantiago()) {
  const anio = Number(hoy.slice(0, 4));
  switch (f.periodo) {
    case '6m':
      return { desde: restarMeses(hoy, 6), hasta: hoy };
    case '3m':
      return { desde: restarMeses(hoy, 3), hasta: hoy };
    case 'anio':
      return { desde: `${anio}-01-01`, hasta: hoy };
    case 'anio_anterior':
      return { desde: `${anio - 1}-01-01`, hasta: `${anio - 1}-12-31` };
    case 'personalizado': {
      const hasta = f.hasta ?? hoy;
      return { desde: f.desde ?? restarMeses(hasta, 12), hasta };
    }
    default:
      return { desde: restarMeses(hoy, 12), hasta: hoy };
  }
}

export function useFiltrosRanking() {
  const [parametros, setParametros] = useSearchParams();
  const filtros = leer(parametros);
  const cambiar = useCallback(
    (cambio: CambioRanking) => {
      setParametros(
        (previos) => {
          const siguientes = new URLSearchParams(previos);
          for (const [clave, valor] of Object.entries(cambio)) {
            if (valor === null || valor === undefined || valor === '') siguientes.delete(clave);
            else siguientes.set(clave, String(valor));
          }
          // Any other change starts again from page 1; the default period stays out of the URL.
          if (!('pagina' in cambio) || siguientes.get('pagina') === '1') siguientes.delete('pagina');
          if (siguientes.get('periodo') === '12m') siguientes.delete('periodo');
          if (siguientes.get('periodo') !== 'personalizado') {
            siguientes.delete('desde');
            siguientes.delete('hasta');
          }
          return siguientes;
        },
        { replace: true },
      );
    },
    [setParametros],
  );
  return { filtros, cambiar };
}

/** The API's query parameters for a view of the ranking. */
export function parametrosRanking(f: FiltrosRanking) {
  const { desde, hasta } = rangoDePeriodo(f);
  return {
    desde,
    hasta,
    region: f.region ?? undefined,
    segmento: f.segmento ?? undefined,
    limit: POR_PAGINA_RANKING,
    offset: (f.pagina - 1) * POR_PAGINA_RANKING,
  };
}
