import { createContext, use } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../api.ts';

export type Rol = 'admin' | 'comercial' | 'tecnico' | 'lectura';

/** The signed-in staff member, as GET /api/auth/me returns it. */
export interface Usuario {
  id_usuario: number;
  email: string;
  nombre: string;
  rol: Rol;
}

export const NOMBRE_ROL: Record<Rol, string> = {
  admin: 'Administrador',
  comercial: 'Comercial',
  tecnico: 'Técnico',
  lectura: 'Solo lectura',
};

export const CLAVE_SESION = ['sesion'] as const;

/** Session user, or null when there is none (the server answers 401). */
async function obtenerSesion(): Promise<Usuario | null> {
  try {
    return (await api<{ usuario: Usuario }>('/api/auth/me')).usuario;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useSesion() {
  return useQuery({ queryKey: CLAVE_SESION, queryFn: obtenerSesion, staleTime: Infinity, retry: false });
}

export const ContextoUsuario = createContext<Usuario | null>(null);

/** The user inside the signed-in part of the app (RequiereSesion provides it). */
export function useUsuario(): Usuario {
  const usuario = use(ContextoUsuario);
  if (!usuario) throw new Error('useUsuario fuera de RequiereSesion');
  return usuario;
}

/** Admin and comercial write clientes; tecnico and lectura only read them (server: clientes.ts). */
export function puedeEditarClientes(rol: Rol): boolean {
  return rol === 'admin' || rol === 'comercial';
}

/** Técnicos also log contacts and manage their own follow-ups (server: interacciones.ts). */
export function puedeRegistrarInteracciones(rol: Rol): boolean {
  return rol !== 'lectura';
}

/** Equipos, lecturas and órdenes: admin, comercial and tecnico (server: equipos.ts, ordenes.ts). */
export function puedeEditarTaller(rol: Rol): boolean {
  return rol !== 'lectura';
}

/** Pedidos and cotizaciones are commercial documents: admin and comercial (server: pedidos.ts, cotizaciones.ts). */
export function puedeEditarVentas(rol: Rol): boolean {
  return rol === 'admin' || rol === 'comercial';
}

/** Only same-app paths are followed after signing in, never another site. */
export function destinoSeguro(volver: string | null): string {
  return volver && volver.startsWith('/') && !volver.startsWith('//') && !volver.startsWith('/ingresar')
    ? volver
    : '/clientes';
}
