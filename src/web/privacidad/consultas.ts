import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import type { CierreSolicitud, SolicitudEntrada } from '../../shared/privacidad.ts';
import { api, consulta, mensajeDeError } from '../api.ts';
import { claves as clavesClientes } from '../clientes/consultas.ts';
import type { Cliente } from '../clientes/tipos.ts';
import type { PaginaAuditoria, PaginaSolicitudes, Solicitud } from './tipos.ts';

export const POR_PAGINA = 50;

const claves = {
  todo: ['privacidad'] as const,
  solicitudes: (p: Record<string, unknown>) => ['privacidad', 'solicitudes', p] as const,
  auditoria: (p: Record<string, unknown>) => ['privacidad', 'auditoria', p] as const,
};

/** `/api/clientes/:id/datos-personales?formato=…`: a download the server audits. */
export const enlaceDatosPersonales = (idCliente: number, formato: 'json' | 'pdf') =>
  `/api/clientes/${idCliente}/datos-personales?formato=${formato}`;

export function useSolicitudes(p: { estado: string; pagina: number }) {
  const parametros = { estado: p.estado, limit: POR_PAGINA, offset: (p.pagina - 1) * POR_PAGINA };
  return useQuery({
    queryKey: claves.solicitudes(parametros),
    queryFn: ({ signal }) => api<PaginaSolicitudes>(`/api/solicitudes-titular${consulta(parametros)}`, { signal }),
  });
}

export interface FiltrosAuditoriaWeb {
  id_usuario: number | null;
  id_cliente: number | null;
  desde: string | null;
  hasta: string | null;
  pagina: number;
}

export function useAuditoria(f: FiltrosAuditoriaWeb) {
  const parametros = {
    id_usuario: f.id_usuario,
    id_cliente: f.id_cliente,
    desde: f.desde,
    hasta: f.hasta,
    limit: POR_PAGINA,
    offset: (f.pagina - 1) * POR_PAGINA,
  };
  return useQuery({
    queryKey: claves.auditoria(parametros),
    queryFn: ({ signal }) => api<PaginaAuditoria>(`/api/auditoria${consulta(parametros)}`, { signal }),
  });
}

/** After any privacy action: fichas, lists, requests and the audit page show the new state. */
function useRefrescar() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: clavesClientes.todo }),
      queryClient.invalidateQueries({ queryKey: claves.todo }),
    ]);
  };
}

const avisarError = (error: unknown) =>
  notifications.show({ color: 'red', title: 'No se pudo completar', message: mensajeDeError(error) });

export function useBloqueo(alTerminar?: () => void) {
  const refrescar = useRefrescar();
  return useMutation({
    mutationFn: (p: { id_cliente: number; bloquear: boolean; motivo?: string; id_solicitud?: number }) =>
      api<Cliente>(`/api/clientes/${p.id_cliente}/bloqueo`, {
        metodo: 'POST',
        cuerpo: { bloquear: p.bloquear, motivo: p.motivo || undefined, id_solicitud: p.id_solicitud },
      }),
    onSuccess: async (c) => {
      notifications.show({
        color: 'campo',
        title: c.bloqueado ? 'Cliente bloqueado' : 'Cliente desbloqueado',
        message: c.bloqueado
          ? `No se registrarán cambios ni contactos con ${c.nombre} hasta desbloquearlo.`
          : `${c.nombre} vuelve a poder editarse y contactarse.`,
      });
      alTerminar?.();
      await refrescar();
    },
    onError: avisarError,
  });
}

export function useAnonimizar(alTerminar?: () => void) {
  const refrescar = useRefrescar();
  return useMutation({
    mutationFn: (p: { id_cliente: number; confirmacion: string; id_solicitud?: number }) =>
      api<Cliente>(`/api/clientes/${p.id_cliente}/anonimizar`, {
        metodo: 'POST',
        cuerpo: { confirmacion: p.confirmacion, id_solicitud: p.id_solicitud },
      }),
    onSuccess: async () => {
      notifications.show({
        color: 'campo',
        title: 'Cliente anonimizado',
        message: 'Sus datos personales fueron suprimidos; la historia anónima se conserva para las estadísticas.',
      });
      alTerminar?.();
      await refrescar();
    },
  });
}

export function useRegistrarSolicitud(alTerminar?: () => void) {
  const refrescar = useRefrescar();
  return useMutation({
    mutationFn: (entrada: SolicitudEntrada) =>
      api<Solicitud>('/api/solicitudes-titular', { metodo: 'POST', cuerpo: entrada }),
    onSuccess: async (s) => {
      notifications.show({
        color: 'campo',
        title: 'Solicitud registrada',
        message: `Plazo para responder: ${s.dias_restantes} días.`,
      });
      alTerminar?.();
      await refrescar();
    },
    onError: avisarError,
  });
}

export function useCerrarSolicitud() {
  const refrescar = useRefrescar();
  return useMutation({
    mutationFn: (p: { id_solicitud: number } & CierreSolicitud) =>
      api<Solicitud>(`/api/solicitudes-titular/${p.id_solicitud}/cerrar`, {
        metodo: 'POST',
        cuerpo: { estado: p.estado, respuesta: p.respuesta || undefined },
      }),
    onSuccess: async (s) => {
      notifications.show({
        color: 'campo',
        title: s.estado === 'cumplida' ? 'Solicitud cumplida' : 'Solicitud rechazada',
        message: `La solicitud de ${s.cliente} salió de la lista de abiertas.`,
      });
      await refrescar();
    },
    onError: avisarError,
  });
}
