import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, consulta } from '../api.ts';
import { trasCambioDeContacto } from '../interacciones/consultas.ts';
import type {
  CanalCampana,
  Campana,
  Consentimientos,
  DestinatariosCampana,
  FechaEspecial,
  FiltrosCampana,
  PaginaAlertas,
  PaginaMensajes,
  ReporteInactivos,
  ResultadosCampana,
  TipoAlerta,
  VistaPrevia,
} from './tipos.ts';

/** Query keys: invalidating ['alertas'] refreshes the centre and the navbar badge alike. */
export const clavesComunicacion = {
  alertas: ['alertas'] as const,
  listaAlertas: (p: Record<string, unknown>) => ['alertas', 'lista', p] as const,
  fechas: (dias: number) => ['fechas-especiales', dias] as const,
  inactivos: (p: Record<string, unknown>) => ['inactivos', p] as const,
  campanas: ['campanas'] as const,
  campana: (id: number) => ['campanas', id] as const,
  destinatarios: (id: number) => ['campanas', id, 'destinatarios'] as const,
  vistaPrevia: (canal: string, filtros: FiltrosCampana) => ['campanas', 'vista-previa', canal, filtros] as const,
  mensajes: ['mensajes'] as const,
  consentimientos: (id: number) => ['consentimientos', id] as const,
};

export function useAlertas(p: { todos: boolean; tipo: TipoAlerta | null; offset: number }, activa = true) {
  const parametros = { todos: p.todos ? 'true' : undefined, tipo: p.tipo ?? undefined, limit: 200, offset: p.offset };
  return useQuery({
    queryKey: clavesComunicacion.listaAlertas(parametros),
    queryFn: ({ signal }) => api<PaginaAlertas>(`/api/alertas${consulta(parametros)}`, { signal }),
    placeholderData: keepPreviousData,
    enabled: activa,
  });
}

export function useFechasEspeciales(dias: number) {
  return useQuery({
    queryKey: clavesComunicacion.fechas(dias),
    queryFn: async ({ signal }) =>
      (await api<{ items: FechaEspecial[] }>(`/api/fechas-especiales${consulta({ dias })}`, { signal })).items,
  });
}

export type ParametrosInactivos = {
  meses: number;
  region: string | null;
  segmento: string | null;
};

export function useInactivos(p: ParametrosInactivos & { limit: number; offset: number }) {
  return useQuery({
    queryKey: clavesComunicacion.inactivos(p),
    queryFn: ({ signal }) => api<ReporteInactivos>(`/api/reportes/inactivos${consulta({ ...p })}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** At most this many inactive clientes go into one reactivation campaign (the highest value first). */
export const MAX_REACTIVACION = 1000;

/** Every inactive cliente of the report (up to MAX_REACTIVACION), page by page, for the wizard. */
export function useTodosInactivos(p: ParametrosInactivos) {
  return useQuery({
    queryKey: clavesComunicacion.inactivos({ ...p, todos: true }),
    queryFn: async ({ signal }) => {
      const primera = await api<ReporteInactivos>(
        `/api/reportes/inactivos${consulta({ ...p, limit: 200, offset: 0 })}`,
        { signal },
      );
      const items = [...primera.items];
      while (items.length < Math.min(primera.total, MAX_REACTIVACION)) {
        const pagina = await api<ReporteInactivos>(
          `/api/reportes/inactivos${consulta({ ...p, limit: 200, offset: items.length })}`,
          { signal },
        );
        if (pagina.items.length === 0) break;
        items.push(...pagina.items);
      }
      return { ...primera, items: items.slice(0, MAX_REACTIVACION) };
    },
    // The wizard's list must not change under the user's hands while they review it.
    staleTime: Infinity,
  });
}

/** Who a campaign would reach and who is left out and why; a read, although it is a POST. */
export function useVistaPrevia(canal: CanalCampana, filtros: FiltrosCampana, activa = true) {
  return useQuery({
    queryKey: clavesComunicacion.vistaPrevia(canal, filtros),
    queryFn: ({ signal }) =>
      api<VistaPrevia>('/api/campanas/vista-previa', { metodo: 'POST', cuerpo: { canal, filtros }, signal }),
    placeholderData: keepPreviousData,
    enabled: activa,
  });
}

export function useCampanas() {
  return useQuery({
    queryKey: clavesComunicacion.campanas,
    queryFn: async ({ signal }) => (await api<{ items: Campana[] }>('/api/campanas', { signal })).items,
  });
}

/** A campaign's results; while emails are queued it asks again every 2 s, so the progress bar moves. */
export function useCampana(id: number) {
  return useQuery({
    queryKey: clavesComunicacion.campana(id),
    queryFn: ({ signal }) => api<ResultadosCampana>(`/api/campanas/${id}`, { signal }),
    enabled: Number.isInteger(id) && id > 0,
    refetchInterval: (q) => {
      const d = q.state.data;
      return d && d.campana.canal === 'email' && d.resumen.pendientes > 0 ? 2_000 : false;
    },
  });
}

export function useDestinatariosCampana(id: number, activa: boolean) {
  return useQuery({
    queryKey: clavesComunicacion.destinatarios(id),
    queryFn: ({ signal }) => api<DestinatariosCampana>(`/api/campanas/${id}/destinatarios`, { signal }),
    enabled: activa,
  });
}

export function useMensajes(p: {
  estado: string | null;
  canal: string | null;
  id_cliente: number | null;
  offset: number;
}) {
  const parametros = { ...p, limit: 50 };
  return useQuery({
    queryKey: [...clavesComunicacion.mensajes, parametros],
    queryFn: ({ signal }) => api<PaginaMensajes>(`/api/mensajes${consulta(parametros)}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

/**
 * Whether the server sends email: there is no endpoint that says so, but the worker stamps every
 * email it could not hand to an SMTP server with via = 'bandeja', so the latest sent one tells.
 */
export function useSinServidorCorreo() {
  return useQuery({
    queryKey: [...clavesComunicacion.mensajes, 'ultimo-correo'],
    queryFn: async ({ signal }) => {
      const r = await api<PaginaMensajes>(`/api/mensajes${consulta({ canal: 'email', estado: 'enviado', limit: 1 })}`, {
        signal,
      });
      return r.items[0]?.via === 'bandeja';
    },
  });
}

export function useConsentimientos(idCliente: number) {
  return useQuery({
    queryKey: clavesComunicacion.consentimientos(idCliente),
    queryFn: ({ signal }) => api<Consentimientos>(`/api/clientes/${idCliente}/consentimientos`, { signal }),
  });
}

/** After a send or an answer: results, outbox and, since a sent message is an interacción, the contacts. */
export async function trasCambioDeMensajes(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: clavesComunicacion.campanas }),
    queryClient.invalidateQueries({ queryKey: clavesComunicacion.mensajes }),
    queryClient.invalidateQueries({ queryKey: ['inactivos'] }),
    trasCambioDeContacto(queryClient),
  ]);
}

export interface CampanaNueva {
  nombre: string;
  canal: CanalCampana;
  asunto: string | null;
  cuerpo: string;
  tipo: Campana['tipo'];
  dias_conversion: number;
  filtros: FiltrosCampana;
}

/** Creates the campaign (a draft on the server). */
export function crearCampana(c: CampanaNueva): Promise<Campana> {
  return api<Campana>('/api/campanas', { metodo: 'POST', cuerpo: c });
}

/** Queues one message per included recipient; a second call queues nothing new (server keys). */
export function enviarCampana(id: number): Promise<{ destinatarios: number; encolados: number }> {
  return api(`/api/campanas/${id}/enviar`, { metodo: 'POST' });
}
