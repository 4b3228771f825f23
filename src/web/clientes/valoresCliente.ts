import type { CanalPreferido, ClienteEntrada } from '../../shared/clientes.ts';
import { interpretarHorario } from '../../shared/horario.ts';
import { formatearRut, normalizarRut } from '../../shared/rut.ts';
import { formatearTelefono } from '../../shared/telefono.ts';
import { comunaPorCodigo, regionPorNombre, type Territorio } from '../territorio/territorio.ts';
import type { Cliente, TipoPersona } from './tipos.ts';

/** What the form edits: strings as typed, selects as CUT codes / ids (Mantine selects work on strings). */
export interface ValoresCliente {
  nombre: string;
  rut: string;
  tipo_persona: TipoPersona | '';
  direccion: string;
  region: string | null;
  comuna: string | null;
  telefono: string;
  email: string;
  fecha_nacimiento: string | null;
  fecha_aniversario: string | null;
  id_responsable: string | null;
  etiquetas: string[];
  notas: string;
  canal_preferido: CanalPreferido | null;
  horario_contacto: string;
  notas_idioma: string;
}

/** Form fields, in screen order: a server error on `campo` lands on the field of the same name. */
export const CAMPOS_FORMULARIO: readonly (keyof ValoresCliente)[] = [
  'nombre',
  'rut',
  'tipo_persona',
  'telefono',
  'email',
  'direccion',
  'region',
  'comuna',
  'fecha_nacimiento',
  'fecha_aniversario',
  'id_responsable',
  'etiquetas',
  'notas',
  'canal_preferido',
  'horario_contacto',
  'notas_idioma',
];

export function valoresVacios(idResponsable: number | null): ValoresCliente {
  return {
    nombre: '',
    rut: '',
    tipo_persona: '',
    direccion: '',
    region: null,
    comuna: null,
    telefono: '',
    email: '',
    fecha_nacimiento: null,
    fecha_aniversario: null,
    id_responsable: idResponsable === null ? null : String(idResponsable),
    etiquetas: [],
    notas: '',
    canal_preferido: null,
    horario_contacto: '',
    notas_idioma: '',
  };
}

/** The form prefilled with a cliente as the ficha returned it. */
export function valoresDeCliente(c: Cliente, territorio: Territorio | undefined): ValoresCliente {
  const comuna = comunaPorCodigo(territorio, c.codigo_comuna);
  return {
    nombre: c.nombre,
    rut: c.rut_formateado,
    tipo_persona: c.tipo_persona ?? '',
    direccion: c.direccion ?? '',
    region: comuna?.codigo_region ?? regionPorNombre(territorio, c.region)?.codigo_region ?? null,
    comuna: comuna?.codigo_comuna ?? null,
    telefono: c.telefono ? formatearTelefono(c.telefono) : '',
    email: c.email ?? '',
    fecha_nacimiento: c.fecha_nacimiento,
    fecha_aniversario: c.fecha_aniversario,
    id_responsable: c.id_responsable === null ? null : String(c.id_responsable),
    etiquetas: c.etiquetas.map((e) => String(e.id_etiqueta)),
    notas: c.notas ?? '',
    canal_preferido: c.canal_preferido,
    horario_contacto: c.horario_contacto ?? '',
    notas_idioma: c.notas_idioma ?? '',
  };
}

const vacioANulo = (texto: string) => (texto.trim() === '' ? null : texto.trim());

/**
 * Every writable field in the API's form (POST/PATCH /api/clientes), empty ones as null.
 * Comuna and región go by name: the server resolves them and checks that they agree.
 */
function cuerpoCompleto(v: ValoresCliente, territorio: Territorio | undefined): Required<ClienteEntrada> {
  const comuna = comunaPorCodigo(territorio, v.comuna);
  const region = territorio?.regiones.find((r) => r.codigo_region === v.region);
  return {
    nombre: v.nombre.trim(),
    rut: v.rut.trim(),
    tipo_persona: v.tipo_persona === '' ? null : v.tipo_persona,
    direccion: vacioANulo(v.direccion),
    comuna: comuna?.comuna ?? null,
    region: comuna?.region ?? region?.region ?? null,
    telefono: vacioANulo(v.telefono),
    email: vacioANulo(v.email),
    fecha_nacimiento: v.fecha_nacimiento || null,
    fecha_aniversario: v.fecha_aniversario || null,
    id_responsable: v.id_responsable ? Number(v.id_responsable) : null,
    notas: vacioANulo(v.notas),
    canal_preferido: v.canal_preferido,
    horario_contacto: vacioANulo(v.horario_contacto),
    notas_idioma: vacioANulo(v.notas_idioma),
    etiquetas: v.etiquetas.map(Number).sort((a, b) => a - b),
  };
}

/** POST body: only the keys that have a value (the API rejects unknown keys, and empty ones say nothing). */
export function cuerpoCreacion(v: ValoresCliente, territorio: Territorio | undefined): ClienteEntrada {
  const completo = cuerpoCompleto(v, territorio);
  const cuerpo: Record<string, unknown> = {};
  for (const [clave, valor] of Object.entries(completo)) {
    if (valor === null || (Array.isArray(valor) && valor.length === 0)) continue;
    cuerpo[clave] = valor;
  }
  return cuerpo as ClienteEntrada;
}

/** PATCH body: the fields that differ from what was loaded; comuna and región travel together. */
export function cambiosEdicion(
  inicial: ValoresCliente,
  actual: ValoresCliente,
  territorio: Territorio | undefined,
): Partial<ClienteEntrada> {
  const antes = cuerpoCompleto(inicial, territorio);
  const despues = cuerpoCompleto(actual, territorio);
  const cambios: Record<string, unknown> = {};
  for (const clave of Object.keys(despues) as (keyof ClienteEntrada)[]) {
    if (JSON.stringify(antes[clave]) !== JSON.stringify(despues[clave])) cambios[clave] = despues[clave];
  }
  if ('comuna' in cambios || 'region' in cambios) {
    cambios.comuna = despues.comuna;
    cambios.region = despues.region;
  }
  // The RUT only counts as changed if it is another RUT, not the same one written differently.
  if ('rut' in cambios) {
    const a = normalizarRut(antes.rut);
    const b = normalizarRut(despues.rut);
    if (a.ok && b.ok && a.rut === b.rut) delete cambios.rut;
  }
  return cambios as Partial<ClienteEntrada>;
}

/** On leaving the RUT field: show it as `12.345.678-5`, or say why it is wrong. */
export function revisarRut(texto: string): { valor: string; error: string | null } {
  if (texto.trim() === '') return { valor: texto, error: null };
  const r = normalizarRut(texto);
  return r.ok ? { valor: formatearRut(r.rut), error: null } : { valor: texto, error: r.mensaje };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** Checks worth doing before the round trip; the server applies the full rules (DOMAIN.md) again. */
export function validarValores(v: ValoresCliente): Partial<Record<keyof ValoresCliente, string>> {
  const errores: Partial<Record<keyof ValoresCliente, string>> = {};
  if (v.nombre.trim().length < 2) errores.nombre = 'Ingrese el nombre o la razón social.';
  const rut = normalizarRut(v.rut);
  if (!rut.ok) errores.rut = rut.mensaje;
  if (v.email.trim() !== '' && !EMAIL.test(v.email.trim()))
    errores.email = 'El correo no es válido (ejemplo: nombre@dominio.cl).';
  const horario = interpretarHorario(v.horario_contacto);
  if (!horario.ok) errores.horario_contacto = horario.mensaje;
  return errores;
}
