/**
 * RUT chileno: cuerpo de 1–9 dígitos y dígito verificador módulo 11 (DOMAIN.md "Identity").
 * Forma canónica `12345678-5`; se muestra `12.345.678-5`.
 */

export type ResultadoRut = { ok: true; rut: string; cuerpo: string; dv: string } | { ok: false; mensaje: string };

/** Dígito verificador del cuerpo: pesos 2..7 repetidos desde la derecha; 11 → 0, 10 → K. */
export function calcularDv(cuerpo: string): string {
  let suma = 0;
  let peso = 2;
  for (let i = cuerpo.length - 1; i >= 0; i--) {
    suma += Number(cuerpo[i]) * peso;
    peso = peso === 7 ? 2 : peso + 1;
  }
  const resto = 11 - (suma % 11);
  if (resto === 11) return '0';
  if (resto === 10) return 'K';
  return String(resto);
}

/** Valida y normaliza un RUT escrito en cualquier formato habitual. */
export function normalizarRut(entrada: string): ResultadoRut {
  const limpio = entrada.trim().replace(/[.\s]/g, '').toUpperCase();
  if (limpio === '') return { ok: false, mensaje: 'Ingrese el RUT.' };
  const partes = /^(\d{1,9})-?([\dK])$/.exec(limpio);
  if (!partes) {
    return { ok: false, mensaje: 'El RUT no tiene un formato válido (ejemplo: 12.345.678-5).' };
  }
  const cuerpo = partes[1]!.replace(/^0+(?=\d)/, '');
  const dv = partes[2]!;
  const esperado = calcularDv(cuerpo);
  if (dv !== esperado) {
    return {
      ok: false,
      mensaje: `El dígito verificador del RUT no corresponde: para ${formatearCuerpo(cuerpo)} debe ser ${esperado}.`,
    };
  }
  return { ok: true, rut: `${cuerpo}-${dv}`, cuerpo, dv };
}

function formatearCuerpo(cuerpo: string): string {
  return cuerpo.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** `12345678-5` → `12.345.678-5`. Deja intacto lo que no reconoce. */
export function formatearRut(rut: string): string {
  const r = normalizarRut(rut);
  return r.ok ? `${formatearCuerpo(r.cuerpo)}-${r.dv}` : rut;
}

/**
 * Si el texto parece un RUT, completo o parcial, devuelve sus dígitos (y K) sin puntos ni guion,
 * para buscar por prefijo sobre la forma canónica sin guion; si no, null.
 */
export function rutBuscable(texto: string): string | null {
  const t = texto.trim();
  if (!/^[\d.\-\s]+[kK]?$/.test(t)) return null;
  const limpio = t.replace(/[.\-\s]/g, '').toUpperCase();
  return /\d{3,}/.test(limpio) ? limpio : null;
}
