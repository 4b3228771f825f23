import { ErrorApp } from '../http/errores.ts';
import type { Usuario } from './usuarios.ts';
import type { Rol } from './usuarios.table.ts';

export const TODOS: readonly Rol[] = ['admin', 'comercial', 'tecnico', 'lectura'];

/** Named authorisation check at the top of a use case: 401 without a user, 403 with the wrong role. */
export function exigirRol(usuario: Usuario | null | undefined, roles: readonly Rol[], accion: string): Usuario {
  if (!usuario) throw new ErrorApp('NO_AUTENTICADO', 'Debe iniciar sesión', 'Inicie sesión para continuar.');
  if (!roles.includes(usuario.rol)) {
    throw new ErrorApp(
      'PROHIBIDO',
      'No tiene permiso para esta acción',
      `Su rol (${usuario.rol}) no permite ${accion}.`,
    );
  }
  return usuario;
}
