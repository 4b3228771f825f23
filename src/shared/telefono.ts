import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

export type ResultadoTelefono = { ok: true; e164: string } | { ok: false; mensaje: string };

/**
 * Normaliza un teléfono chileno o internacional a E.164 (DOMAIN.md "Teléfono"):
 * acepta `9 1234 5678`, `(2) 2345 6789`, `+56 9 1234 5678`, `56912345678`.
 */
export function normalizarTelefono(entrada: string): ResultadoTelefono {
  const texto = entrada.trim();
  if (!/^[+\d\s().-]*$/.test(texto)) {
    return { ok: false, mensaje: 'El teléfono solo puede tener dígitos, espacios, paréntesis, guiones y +.' };
  }
  const digitos = texto.replace(/\D/g, '');
  const conPais = !texto.startsWith('+') && digitos.startsWith('56') && digitos.length === 11 ? `+${digitos}` : texto;
  const numero = parsePhoneNumberFromString(conPais, 'CL');
  if (!numero || !numero.isValid()) {
    return { ok: false, mensaje: 'El teléfono no es válido. Ejemplos: 9 1234 5678 (móvil) o 2 2345 6789 (fijo).' };
  }
  return { ok: true, e164: numero.number };
}

/** `+56912345678` → `+56 9 1234 5678`, `+56223456789` → `+56 2 2345 6789`, `+56422431234` → `+56 42 243 1234`. */
export function formatearTelefono(e164: string): string {
  const cl = /^\+56(\d{9})$/.exec(e164);
  if (cl) {
    const n = cl[1]!;
    if (n.startsWith('9') || n.startsWith('2')) return `+56 ${n[0]} ${n.slice(1, 5)} ${n.slice(5)}`;
    return `+56 ${n.slice(0, 2)} ${n.slice(2, 5)} ${n.slice(5)}`;
  }
  const numero = parsePhoneNumberFromString(e164);
  return numero ? numero.formatInternational() : e164;
}

/** Dígitos para un enlace `https://wa.me/<dígitos>`. */
export function digitosWhatsapp(e164: string): string {
  return e164.replace(/\D/g, '');
}
