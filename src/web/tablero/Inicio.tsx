import { lazy } from 'react';
import { Navigate } from 'react-router';
import { useUsuario, type Rol } from '../sesion/sesion.ts';

const PaginaTablero = lazy(() => import('./PaginaTablero.tsx'));

/** Who sees the KPI dashboard at "/": the roles that manage the customer portfolio. */
export const ROLES_TABLERO: readonly Rol[] = ['admin', 'comercial'];

/**
 * "/": the dashboard for admin and comercial; técnicos and lectura go on to /clientes as before.
 * Kept out of the lazy chunk on purpose: the role check is a few bytes, and a técnico then never
 * downloads the dashboard only to be sent elsewhere.
 */
export function Inicio() {
  const usuario = useUsuario();
  if (!ROLES_TABLERO.includes(usuario.rol)) return <Navigate to="/clientes" replace />;
  return <PaginaTablero />;
}
