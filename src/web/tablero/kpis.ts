import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { restarMeses } from '../../shared/actividad.ts';
import { formatearMonto, hoyEnSantiago } from '../../shared/formato.ts';
import { api, consulta } from '../api.ts';
import { sumarDias } from '../components/fechas.ts';

export type Kpi = 'retencion' | 'valor_promedio' | 'nps' | 'frecuencia' | 'conversion';

/** One KPI as GET /api/kpis returns it; the details depend on the KPI. */
export interface FilaKpi {
  kpi: Kpi;
  valor: number | null;
  anterior: number | null;
  cambio: number | null;
  tendencia: { mes: string; valor: number | null }[];
  [detalle: string]: unknown;
}

export interface TableroKpis {
  periodo: { desde: string; hasta: string };
  periodo_anterior: { desde: string; hasta: string };
  kpis: FilaKpi[];
}

export interface ClienteKpi {
  id_cliente: number;
  nombre: string;
  rut: string;
  comuna: string | null;
  region: string | null;
  telefono: string | null;
  ultimo_contacto: string | null;
  activo: boolean;
}

const decimal = new Intl.NumberFormat('es-CL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const dosDecimales = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 2 });
const entero = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 0 });

export interface InfoKpi {
  nombre: string;
  /** The headline number. */
  valor: (n: number) => string;
  /** The change against the previous period, without its sign. */
  cambio: (n: number) => string;
  /** What the number counts, for the card's small print. */
  detalle: (k: FilaKpi) => string;
  /** The click-through's groups (GET /api/kpis/:kpi/clientes?grupo=…); the first is the default. */
  grupos: { valor: string | null; etiqueta: string }[];
  /** Who the click-through lists. */
  quienes: string;
}

const n = (k: FilaKpi, campo: string) => Number(k[campo] ?? 0);

/** The seed's five KPIs (DOMAIN.md "KPIs"); all of them are better when higher. */
export const KPIS: Record<Kpi, InfoKpi> = {
  retencion: {
    nombre: 'Tasa de retención',
    valor: (v) => `${decimal.format(v)} %`,
    cambio: (v) => `${decimal.format(v)} pts`,
    detalle: (k) => `${n(k, 'retenidos')} de ${n(k, 'activos_anterior')} clientes del período anterior siguen activos`,
    grupos: [
      { valor: 'retenidos', etiqueta: 'Retenidos' },
      { valor: 'perdidos', etiqueta: 'Perdidos' },
    ],
    quienes: 'Clientes activos en el período anterior',
  },
  valor_promedio: {
    nombre: 'Valor cliente promedio',
    valor: formatearMonto,
    cambio: formatearMonto,
    detalle: (k) => `${formatearMonto(n(k, 'valor_total'))} entre ${n(k, 'clientes')} clientes con compras`,
    grupos: [{ valor: null, etiqueta: 'Con compras en el período' }],
    quienes: 'Clientes con órdenes completadas o pedidos entregados en el período',
  },
  nps: {
    nombre: 'NPS global',
    valor: (v) => entero.format(v),
    cambio: (v) => entero.format(v),
    detalle: (k) =>
      `${n(k, 'respondidas')} encuestas: ${n(k, 'promotores')} promotores, ${n(k, 'detractores')} detractores`,
    grupos: [
      { valor: null, etiqueta: 'Todos' },
      { valor: 'promotores', etiqueta: 'Promotores' },
      { valor: 'pasivos', etiqueta: 'Pasivos' },
      { valor: 'detractores', etiqueta: 'Detractores' },
    ],
    quienes: 'Clientes que respondieron encuestas en el período',
  },
  frecuencia: {
    nombre: 'Frecuencia de interacción',
    valor: (v) => dosDecimales.format(v),
    cambio: (v) => dosDecimales.format(v),
    detalle: (k) => `${n(k, 'interacciones')} interacciones entre ${n(k, 'activos')} clientes activos`,
    grupos: [{ valor: null, etiqueta: 'Activos en el período' }],
    quienes: 'Clientes activos en el período',
  },
  conversion: {
    nombre: 'Tasa de conversión de cotizaciones',
    valor: (v) => `${decimal.format(v)} %`,
    cambio: (v) => `${decimal.format(v)} pts`,
    detalle: (k) => `${n(k, 'aceptadas')} aceptadas de ${n(k, 'resueltas')} resueltas`,
    grupos: [
      { valor: null, etiqueta: 'Resueltas' },
      { valor: 'aceptadas', etiqueta: 'Aceptadas' },
      { valor: 'pendientes', etiqueta: 'Pendientes' },
    ],
    quienes: 'Clientes con cotizaciones del período',
  },
};

export const ORDEN_KPIS: Kpi[] = ['retencion', 'valor_promedio', 'nps', 'frecuencia', 'conversion'];
export const PERIODOS = [3, 6, 12, 24] as const;

export interface FiltrosTablero {
  /** Months up to today, or null for the explicit range desde–hasta. */
  meses: number | null;
  desde: string;
  hasta: string;
  region: string | null;
  segmento: string | null;
}

const FECHA = /^\d{4}-\d{2}-\d{2}$/;

/** Period and filters from the address (default: the last 12 months, as the server's). */
export function useFiltrosTablero() {
  const [p, setP] = useSearchParams();
  const hoy = hoyEnSantiago();
  const desdeUrl = p.get('desde');
  const hastaUrl = p.get('hasta');
  const explicito = desdeUrl && hastaUrl && FECHA.test(desdeUrl) && FECHA.test(hastaUrl) && desdeUrl <= hastaUrl;
  const mesesUrl = Number(p.get('meses'));
  const meses = explicito ? null : (PERIODOS as readonly number[]).includes(mesesUrl) ? mesesUrl : 12;
  const filtros: FiltrosTablero = {
    meses,
    // Same rule as the server's default period: the day after "today minus N months", up to today.
    desde: explicito ? desdeUrl : sumarDias(restarMeses(hoy, meses!), 1),
    hasta: explicito ? hastaUrl : hoy,
    region: p.get('region'),
    segmento: p.get('segmento'),
  };
  /** Changes filters; `null` removes one. The open drawer (kpi, grupo) is kept unless told. */
  function cambiar(
    cambios: Partial<
      Record<'meses' | 'desde' | 'hasta' | 'region' | 'segmento' | 'kpi' | 'grupo' | 'pagina', string | null>
    >,
  ) {
    const nuevo = new URLSearchParams(p);
    if ('meses' in cambios) {
      nuevo.delete('desde');
      nuevo.delete('hasta');
    }
    if ('desde' in cambios || 'hasta' in cambios) nuevo.delete('meses');
    for (const [clave, valor] of Object.entries(cambios)) {
      if (valor == null || valor === '') nuevo.delete(clave);
      else nuevo.set(clave, valor);
    }
    setP(nuevo, { replace: true });
  }
  return {
    filtros,
    cambiar,
    kpi: p.get('kpi') as Kpi | null,
    grupo: p.get('grupo'),
    pagina: Math.max(1, Number(p.get('pagina')) || 1),
  };
}

/** The query string the API takes for these filters. */
export function parametrosApi(f: FiltrosTablero) {
  return { desde: f.desde, hasta: f.hasta, region: f.region, segmento: f.segmento };
}

export function useTablero(f: FiltrosTablero) {
  const parametros = parametrosApi(f);
  return useQuery({
    queryKey: ['kpis', parametros],
    queryFn: ({ signal }) => api<TableroKpis>(`/api/kpis${consulta(parametros)}`, { signal }),
    // Changing a filter keeps the cards on screen until the new numbers arrive.
    placeholderData: keepPreviousData,
  });
}

export const POR_PAGINA = 25;

export function useClientesKpi(kpi: Kpi | null, grupo: string | null, f: FiltrosTablero, pagina: number) {
  const parametros = { ...parametrosApi(f), grupo, limit: POR_PAGINA, offset: (pagina - 1) * POR_PAGINA };
  return useQuery({
    queryKey: ['kpis', 'clientes', kpi, parametros],
    queryFn: ({ signal }) =>
      api<{ total: number; items: ClienteKpi[] }>(`/api/kpis/${kpi}/clientes${consulta(parametros)}`, { signal }),
    enabled: kpi != null,
    placeholderData: keepPreviousData,
  });
}
