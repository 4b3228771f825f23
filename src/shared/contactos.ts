import { z } from 'zod';
import { EMAIL, type ErrorCampo } from './clientes.ts';
import { normalizarTelefono } from './telefono.ts';

/** Usual roles of a person at a farm company; any other can be typed. */
export const CARGOS_CONTACTO = [
  'Dueño',
  'Administrador',
  'Jefe de taller',
  'Encargado de compras',
  'Contador',
  'Operador',
] as const;

const texto = (max: number) => z.string().max(max, `Máximo ${max} caracteres.`);

/** A contact person of a cliente (the owner, the administrator…). */
export const contactoEntrada = z.strictObject({
  nombre: texto(200).min(1, 'Ingrese el nombre del contacto.'),
  cargo: texto(100).nullish(),
  telefono: texto(30).nullish(),
  email: texto(200).nullish(),
  notas: texto(1000).nullish(),
  principal: z.boolean().optional(),
});
export type ContactoEntrada = z.infer<typeof contactoEntrada>;

export const contactoEdicion = contactoEntrada.partial();
export type ContactoEdicion = z.infer<typeof contactoEdicion>;

export interface ContactoNormalizado {
  nombre?: string;
  cargo?: string | null;
  telefono?: string | null;
  email?: string | null;
  notas?: string | null;
  principal?: boolean;
}

const limpio = (v: string | null | undefined) => (v == null || v.trim() === '' ? null : v.replace(/\s+/g, ' ').trim());

/** Same rules as the cliente's own data: phone to E.164, email in lower case (DOMAIN.md). */
export function normalizarContacto(
  entrada: ContactoEdicion,
): { ok: true; valor: ContactoNormalizado } | { ok: false; errores: ErrorCampo[] } {
  const errores: ErrorCampo[] = [];
  const valor: ContactoNormalizado = {};
  if (entrada.nombre !== undefined) {
    const nombre = limpio(entrada.nombre);
    if (!nombre || nombre.length < 2)
      errores.push({ campo: 'nombre', mensaje: 'El nombre del contacto debe tener al menos 2 letras.' });
    else valor.nombre = nombre;
  }
  if (entrada.cargo !== undefined) valor.cargo = limpio(entrada.cargo);
  if (entrada.telefono !== undefined) {
    const t = limpio(entrada.telefono);
    if (t === null) valor.telefono = null;
    else {
      const r = normalizarTelefono(t);
      if (r.ok) valor.telefono = r.e164;
      else errores.push({ campo: 'telefono', mensaje: r.mensaje });
    }
  }
  if (entrada.email !== undefined) {
    const e = limpio(entrada.email)?.toLowerCase() ?? null;
    if (e !== null && !EMAIL.test(e))
      errores.push({ campo: 'email', mensaje: 'El correo no es válido (ejemplo: nombre@dominio.cl).' });
    else valor.email = e;
  }
  if (entrada.notas !== undefined) valor.notas = entrada.notas?.trim() || null;
  if (entrada.principal !== undefined) valor.principal = entrada.principal;
  return errores.length > 0 ? { ok: false, errores } : { ok: true, valor };
}
