import { leerTexto, type Celda, type Lectura } from '../../shared/importacion.ts';
import { normalizarRut } from '../../shared/rut.ts';
import type { LectorFila } from './tipos.ts';

/** Lector de texto libre para `LectorFila.campo` (nunca falla; vacío es null). */
export const texto = (c: Celda): Lectura<string | null> => ({ ok: true, valor: leerTexto(c) });

/** Un RUT en cualquier formato (`12.345.678-k`, `12345678K`) a su forma canónica; obligatorio. */
export function leerRut(l: LectorFila, campo: string): string | null {
  const t = l.campo(campo, texto);
  if (t === null) return l.obligatorio(campo, null, 'Ingrese el RUT del cliente.');
  const r = normalizarRut(t);
  if (r.ok) return r.rut;
  l.error(campo, r.mensaje);
  return null;
}

/** Un número ya registrado (orden, pedido, cotización) lo identifica al reimportar; no puede faltar. */
export function leerNumeroExterno(l: LectorFila, nombre: string): string | null {
  const n = l.campo('numero', texto);
  return l.obligatorio(
    'numero',
    n,
    `${nombre}: es lo que identifica el registro al volver a importar; no puede quedar vacío.`,
  );
}
