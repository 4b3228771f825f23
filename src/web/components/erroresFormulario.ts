import { notifications } from '@mantine/notifications';
import { ApiError, mensajeDeError } from '../api.ts';

interface FormularioConErrores {
  setErrors: (errores: Record<string, string>) => void;
}

/**
 * Shows a refused save where the user can act on it: each `{campo, mensaje}` of a 422/409 lands
 * on the form field of the same name (forms here name their fields as the API does); the rest,
 * and anything else, goes to a notification in Spanish.
 */
export function mostrarErrorDeGuardado(form: FormularioConErrores, error: unknown, campos: readonly string[]): void {
  if (!(error instanceof ApiError)) {
    notifications.show({ color: 'red', title: 'No se pudo guardar', message: mensajeDeError(error) });
    return;
  }
  const porCampo: Record<string, string> = {};
  const sueltos: string[] = [];
  for (const e of error.errores) {
    const campo = e.campo.split('.')[0] ?? '';
    if (campos.includes(campo)) porCampo[campo] ??= e.mensaje;
    else sueltos.push(e.mensaje);
  }
  form.setErrors(porCampo);
  if (Object.keys(porCampo).length === 0 || sueltos.length > 0) {
    notifications.show({
      color: 'red',
      title: error.titulo,
      message: sueltos.length ? sueltos.join(' ') : error.detalle,
    });
  }
}
