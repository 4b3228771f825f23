import { useSearchParams } from 'react-router';
import { restarMeses } from '../../shared/actividad.ts';
import { hoyEnSantiago } from '../../shared/formato.ts';
import type { FiltrosSatisfaccion, Segmento, TipoOrden } from './tipos.ts';

/** Quick periods of the selector, in months back from today. */
export const PERIODOS_RAPIDOS = [3, 6, 12, 24] as const;
/** DOMAIN.md "KPIs": the default period is the last 12 months. */
const MESES_POR_DEFECTO = 12;

const FECHA = /^\d{4}-\d{2}-\d{2}$/;
const TIPOS: readonly string[] = ['preventiva', 'correctiva', 'garantia'];
const SEGMENTOS: readonly string[] = ['A', 'B', 'C'];

/** What the URL holds: either a quick period (`meses`) or an explicit range (`desde`/`hasta`). */
export interface EstadoFiltros {
  meses: number | null;
  desde: string;
  hasta: string;
  id_tecnico: number | null;
  tipo_orden: TipoOrden | null;
  segmento: Segmento | null;
}

export function leerFiltros(p: URLSearchParams, hoy: string = hoyEnSantiago()): EstadoFiltros {
  const desde = p.get('desde') ?? '';
  const hasta = p.get('hasta') ?? '';
  const personalizado = FECHA.test(desde) && FECHA.test(hasta) && desde <= hasta;
  const mesesUrl = Number(p.get('meses'));
  const meses = personalizado
    ? null
    : (PERIODOS_RAPIDOS as readonly number[]).includes(mesesUrl)
      ? mesesUrl
      : MESES_POR_DEFECTO;
  const tecnico = Number(p.get('tecnico'));
  const tipo = p.get('tipo') ?? '';
  const segmento = p.get('segmento') ?? '';
  return {
    meses,
    desde: personalizado ? desde : restarMeses(hoy, meses!),
    hasta: personalizado ? hasta : hoy,
    id_tecnico: Number.isInteger(tecnico) && tecnico > 0 ? tecnico : null,
    tipo_orden: TIPOS.includes(tipo) ? (tipo as TipoOrden) : null,
    segmento: SEGMENTOS.includes(segmento) ? (segmento as Segmento) : null,
  };
}

/** The API's query parameters for a filter state. */
export function parametrosApi(f: EstadoFiltros): FiltrosSatisfaccion {
  return {
    desde: f.desde,
    hasta: f.hasta,
    id_tecnico: f.id_tecnico ?? undefined,
    tipo_orden: f.tipo_orden ?? undefined,
    segmento: f.segmento ?? undefined,
  };
}

type Cambio = Partial<{
  meses: number;
  desde: string;
  hasta: string;
  tecnico: number | null;
  tipo: string | null;
  segmento: string | null;
}>;

/** Filters of /satisfaccion kept in the URL, so a view can be bookmarked or sent to a colleague. */
export function useFiltrosSatisfaccion() {
  const [params, setParams] = useSearchParams();
  const filtros = leerFiltros(params);
  function cambiar(c: Cambio) {
    setParams(
      (previos) => {
        const p = new URLSearchParams(previos);
        if (c.meses !== undefined) {
          p.delete('desde');
          p.delete('hasta');
          if (c.meses === MESES_POR_DEFECTO) p.delete('meses');
          else p.set('meses', String(c.meses));
        }
        if (c.desde !== undefined && c.hasta !== undefined) {
          p.delete('meses');
          p.set('desde', c.desde);
          p.set('hasta', c.hasta);
        }
        for (const clave of ['tecnico', 'tipo', 'segmento'] as const) {
          if (!(clave in c)) continue;
          const v = c[clave];
          if (v === null || v === undefined || v === '') p.delete(clave);
          else p.set(clave, String(v));
        }
        return p;
      },
      { replace: true },
    );
  }
  return { filtros, cambiar };
}
