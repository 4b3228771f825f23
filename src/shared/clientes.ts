import { z } from 'zod';
import { interpretarHorario } from './horario.ts';
import { normalizarRut } from './rut.ts';
import { normalizarTelefono } from './telefono.ts';
import { resolverUbicacion } from './territorio.ts';
import { plegar } from './texto.ts';

const texto = (max: number) => z.string().max(max, `Máximo ${max} caracteres.`);
const opcional = (max: number) => texto(max).nullish();
const fecha = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use una fecha aaaa-mm-dd.')
  .nullish();

/** Cómo prefiere el cliente que lo contacten (campañas y recordatorios lo usan por omisión). */
export const CANALES_PREFERIDOS = ['llamada', 'whatsapp', 'email', 'visita'] as const;
export type CanalPreferido = (typeof CANALES_PREFERIDOS)[number];

/** Lo que se puede escribir de un cliente. La forma (tipos, largos, campos desconocidos) es un 400. */
export const clienteEntrada = z.strictObject({
  nombre: texto(200).min(1, 'Ingrese el nombre o la razón social.'),
  rut: texto(20).min(1, 'Ingrese el RUT.'),
  tipo_persona: z.enum(['natural', 'empresa']).nullish(),
  direccion: opcional(300),
  comuna: opcional(80),
  region: opcional(80),
  telefono: opcional(30),
  email: opcional(200),
  fecha_nacimiento: fecha,
  fecha_aniversario: fecha,
  id_responsable: z.number().int().positive().nullish(),
  notas: opcional(4000),
  canal_preferido: z.enum(CANALES_PREFERIDOS).nullish(),
  horario_contacto: opcional(200),
  notas_idioma: opcional(500),
  etiquetas: z.array(z.number().int().positive()).max(50).optional(),
});
export type ClienteEntrada = z.infer<typeof clienteEntrada>;

/** Una edición trae la versión sobre la que se hizo (409 si otro la cambió antes). */
export const clienteEdicion = clienteEntrada.partial().extend({ version: z.number().int().min(1) });
export type ClienteEdicion = z.infer<typeof clienteEdicion>;

export interface ErrorCampo {
  campo: string;
  mensaje: string;
}

/** Datos de contacto ya normalizados a su forma canónica. */
export interface ClienteNormalizado {
  nombre?: string;
  rut?: string;
  tipo_persona?: 'natural' | 'empresa' | null;
  direccion?: string | null;
  comuna?: string | null;
  region?: string | null;
  codigo_comuna?: string | null;
  telefono?: string | null;
  email?: string | null;
  fecha_nacimiento?: string | null;
  fecha_aniversario?: string | null;
  id_responsable?: number | null;
  notas?: string | null;
  canal_preferido?: CanalPreferido | null;
  horario_contacto?: string | null;
  notas_idioma?: string | null;
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

function vacio(v: string | null | undefined): boolean {
  return v == null || v.trim() === '';
}

/**
 * Reglas de "Identity and master data" (DOMAIN.md): RUT módulo 11, comuna ↔ región, teléfono E.164,
 * email en minúsculas. Devuelve la forma canónica o la lista de errores por campo (un 422).
 */
export function normalizarCliente(
  entrada: Partial<ClienteEntrada>,
): { ok: true; valor: ClienteNormalizado } | { ok: false; errores: ErrorCampo[] } {
  const errores: ErrorCampo[] = [];
  const valor: ClienteNormalizado = {};
  if (entrada.nombre !== undefined) {
    const nombre = entrada.nombre.replace(/\s+/g, ' ').trim();
    if (nombre.length < 2) errores.push({ campo: 'nombre', mensaje: 'El nombre debe tener al menos 2 letras.' });
    valor.nombre = nombre;
  }
  if (entrada.rut !== undefined) {
    const r = normalizarRut(entrada.rut);
    if (r.ok) valor.rut = r.rut;
    else errores.push({ campo: 'rut', mensaje: r.mensaje });
  }
  if (entrada.tipo_persona !== undefined) valor.tipo_persona = entrada.tipo_persona;
  if (entrada.direccion !== undefined) valor.direccion = vacio(entrada.direccion) ? null : entrada.direccion!.trim();
  if (entrada.comuna !== undefined || entrada.region !== undefined) {
    const u = resolverUbicacion(entrada.comuna, entrada.region);
    if (!u.ok) errores.push({ campo: u.campo, mensaje: u.mensaje });
    else {
      valor.comuna = u.comuna?.comuna ?? null;
      valor.region = u.comuna?.region ?? null;
      valor.codigo_comuna = u.comuna?.codigo_comuna ?? null;
    }
  }
  if (entrada.telefono !== undefined) {
    if (vacio(entrada.telefono)) valor.telefono = null;
    else {
      const t = normalizarTelefono(entrada.telefono!);
      if (t.ok) valor.telefono = t.e164;
      else errores.push({ campo: 'telefono', mensaje: t.mensaje });
    }
  }
  if (entrada.email !== undefined) {
    if (vacio(entrada.email)) valor.email = null;
    else {
      const email = entrada.email!.trim().toLowerCase();
      if (EMAIL.test(email)) valor.email = email;
      else errores.push({ campo: 'email', mensaje: 'El correo no es válido (ejemplo: nombre@dominio.cl).' });
    }
  }
  for (const campo of ['fecha_nacimiento', 'fecha_aniversario'] as const) {
    const f = entrada[campo];
    if (f === undefined) continue;
    if (f === null || f === '') valor[campo] = null;
    else if (Number.isNaN(Date.parse(`${f}T00:00:00Z`)) || f < '1900-01-01') {
      errores.push({ campo, mensaje: 'La fecha no existe.' });
    } else valor[campo] = f;
  }
  if (entrada.id_responsable !== undefined) valor.id_responsable = entrada.id_responsable;
  if (entrada.notas !== undefined) valor.notas = vacio(entrada.notas) ? null : entrada.notas!.trim();
  if (entrada.canal_preferido !== undefined) valor.canal_preferido = entrada.canal_preferido;
  if (entrada.horario_contacto !== undefined) {
    const h = interpretarHorario(entrada.horario_contacto ?? '');
    if (h.ok) valor.horario_contacto = h.texto;
    else errores.push({ campo: 'horario_contacto', mensaje: h.mensaje });
  }
  if (entrada.notas_idioma !== undefined)
    valor.notas_idioma = vacio(entrada.notas_idioma) ? null : entrada.notas_idioma!.trim();
  return errores.length > 0 ? { ok: false, errores } : { ok: true, valor };
}

/** Nombre sin tildes ni formas societarias (Ltda., SpA, S.A., EIRL), para detectar parecidos. */
export function nombreComparable(nombre: string): string {
  return plegar(nombre)
    .replace(/[.,]/g, ' ')
    .replace(/\b(ltda|limitada|spa|s a|sa|eirl|e i r l|y cia|cia|soc|sociedad)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export const TIPOS_EQUIPO = ['tractor', 'cosechadora', 'sembradora', 'pulverizador', 'enfardadora', 'otro'] as const;
export type TipoEquipo = (typeof TIPOS_EQUIPO)[number];
