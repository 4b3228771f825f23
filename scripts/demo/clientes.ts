import { calcularDv } from '../../src/shared/rut.ts';
import { COMUNAS, type Comuna } from '../../src/shared/territorio.ts';
import { plegar } from '../../src/shared/texto.ts';
import type { Azar } from './azar.ts';
import type { Contexto } from './contexto.ts';
import { fecha, instante, horaDeOficina, anioDe } from './fechas.ts';
import {
  APELLIDOS,
  AREA_FIJA,
  CALLES,
  DOMINIOS_PERSONALES,
  LUGARES,
  NOMBRES_HOMBRE,
  NOMBRES_MUJER,
} from './nombres.ts';
import type { FilaCliente } from './tablas.ts';

/** Datos de identidad de un cliente: nombre, RUT, comuna, teléfono y correo creíbles. */

/** Peso de cada región: el taller atiende sobre todo la zona agrícola centro-sur. */
const PESO_REGION: readonly (readonly [string, number])[] = [
  ['06', 15],
  ['07', 17],
  ['16', 12],
  ['08', 12],
  ['09', 12],
  ['14', 7],
  ['10', 8],
  ['13', 7],
  ['05', 6],
  ['04', 2],
  ['03', 0.4],
  ['15', 0.4],
  ['02', 0.15],
  ['01', 0.15],
  ['11', 0.5],
  ['12', 0.3],
];

const COMUNAS_POR_REGION = new Map<string, Comuna[]>();
for (const c of COMUNAS)
  COMUNAS_POR_REGION.set(c.codigo_region, [...(COMUNAS_POR_REGION.get(c.codigo_region) ?? []), c]);

/** Cartera de cada comercial por zona (índice en la lista de comerciales). */
const ZONA_COMERCIAL: Readonly<Record<string, number>> = {
  '15': 0,
  '01': 0,
  '02': 0,
  '03': 0,
  '04': 0,
  '05': 0,
  '13': 0,
  '06': 1,
  '07': 1,
  '16': 2,
  '08': 2,
  '09': 3,
  '14': 3,
  '10': 3,
  '11': 3,
  '12': 3,
};

export interface Identidad {
  fila: FilaCliente;
  comuna: Comuna;
  /** Nombre de pila y apellidos, si es persona (para variantes y correos). */
  persona: { nombre: string; apellidos: [string, string] } | null;
  /** Etiqueta que sugiere el nombre ("Viña …" → Viñatero). */
  pista: string | null;
}

export function elegirComuna(azar: Azar): Comuna {
  return azar.elegir(COMUNAS_POR_REGION.get(azar.ponderado(PESO_REGION))!);
}

export function comercialDeZona(ctx: Contexto, comuna: Comuna): number {
  const { comerciales } = ctx.personal;
  return comerciales[(ZONA_COMERCIAL[comuna.codigo_region] ?? 0) % comerciales.length]!;
}

type Patron = (azar: Azar) => { nombre: string; pista?: string };
const L = (a: Azar) => a.elegir(LUGARES);
const A = (a: Azar) => a.elegir(APELLIDOS);

const PATRONES_EMPRESA: readonly (readonly [Patron, number])[] = [
  [(a) => ({ nombre: `Agrícola ${L(a)}` }), 18],
  [(a) => ({ nombre: `Agrícola ${L(a)} Ltda.` }), 10],
  [(a) => ({ nombre: `Sociedad Agrícola ${L(a)} Ltda.` }), 12],
  [(a) => ({ nombre: `Sociedad Agrícola ${A(a)} y ${A(a)} Ltda.` }), 5],
  [(a) => ({ nombre: `Agrícola ${A(a)} Hermanos Ltda.` }), 5],
  [(a) => ({ nombre: `Agroindustrial ${L(a)} SpA` }), 4],
  [(a) => ({ nombre: `${L(a)} SpA` }), 5],
  [(a) => ({ nombre: `Agrícola y Forestal ${L(a)} SpA` }), 3],
  [(a) => ({ nombre: `Fundo ${L(a)}` }), 8],
  [(a) => ({ nombre: `Viña ${L(a)}`, pista: 'Viñatero' }), 6],
  [(a) => ({ nombre: `Hacienda ${L(a)}` }), 4],
  [(a) => ({ nombre: `Comercial ${A(a)} y Cía. Ltda.` }), 5],
  [(a) => ({ nombre: `Lechería ${L(a)}`, pista: 'Lechero' }), 3],
  [(a) => ({ nombre: `Frutícola ${L(a)} S.A.`, pista: 'Frutícola' }), 4],
  [(a) => ({ nombre: `Servicios Agrícolas ${A(a)} E.I.R.L.`, pista: 'Contratista' }), 4],
  [(a) => ({ nombre: `Agropecuaria ${L(a)} Ltda.`, pista: 'Ganadero' }), 4],
];

/** Nombre y apellidos de una persona ("Juan Carlos Muñoz Soto"). */
export function nombrePersona(azar: Azar): { nombre: string; apellidos: [string, string] } {
  const nombre = azar.si(0.5) ? azar.elegir(NOMBRES_HOMBRE) : azar.elegir(NOMBRES_MUJER);
  const primero = azar.elegir(APELLIDOS);
  let segundo = azar.elegir(APELLIDOS);
  if (segundo === primero) segundo = azar.elegir(APELLIDOS);
  return { nombre, apellidos: [primero, segundo] };
}

export function nombreCompleto(p: { nombre: string; apellidos: [string, string] }): string {
  return `${p.nombre} ${p.apellidos[0]} ${p.apellidos[1]}`;
}

/** Reserva un RUT nuevo con dígito verificador válido; las personas mayores tienen RUT más bajos. */
export function rutUnico(ctx: Contexto, azar: Azar, empresa: boolean, anioNacimiento: number): string {
  const [min, max] = empresa ? [76_000_000, 77_999_999] : [5_000_000, 25_000_000];
  let cuerpo = empresa
    ? azar.entero(min, max)
    : Math.min(max, Math.max(min, 5_000_000 + (anioNacimiento - 1945) * 290_000 + azar.entero(-600_000, 600_000)));
  while (ctx.ruts.has(cuerpo)) cuerpo = cuerpo >= max ? min : cuerpo + 1;
  return reservarRut(ctx, cuerpo);
}

export function reservarRut(ctx: Contexto, cuerpo: number): string {
  ctx.ruts.add(cuerpo);
  return `${cuerpo}-${calcularDv(String(cuerpo))}`;
}

export function celular(azar: Azar): string {
  return `+569${azar.entero(20_000_000, 99_999_999)}`;
}

function telefono(azar: Azar, empresa: boolean, comuna: Comuna): string | null {
  if (azar.si(0.04)) return null;
  if (!azar.si(empresa ? 0.35 : 0.08)) return celular(azar);
  const area = AREA_FIJA[comuna.codigo_region] ?? '2';
  return area === '2' ? `+562${azar.entero(22_000_000, 29_999_999)}` : `+56${area}${azar.entero(2_000_000, 2_999_999)}`;
}

/** Solo letras y dígitos, sin tildes: la parte usable de un nombre en un correo o dominio. */
export function limpio(texto: string): string {
  return plegar(texto).replace(/[^a-z0-9]/g, '');
}

function correoPersona(azar: Azar, p: { nombre: string; apellidos: [string, string] }): string {
  const nombre = limpio(p.nombre.split(' ')[0]!);
  const [a1, a2] = p.apellidos.map(limpio) as [string, string];
  const usuario = azar.ponderado<string>([
    [`${nombre}.${a1}`, 4],
    [`${nombre}.${a1}${azar.entero(1, 99)}`, 3],
    [`${nombre[0]}${a1}${a2[0]}`, 2],
    [`${nombre}${a1}${azar.entero(60, 99)}`, 1],
  ]);
  return `${usuario}@${azar.ponderado(DOMINIOS_PERSONALES)}`;
}

export function correoEmpresa(azar: Azar, razonSocial: string): string {
  const base = limpio(razonSocial.replace(/\b(Ltda\.|SpA|S\.A\.|E\.I\.R\.L\.|y Cía\.)/g, ''));
  if (azar.si(0.25)) return `${base}@gmail.com`;
  return `${azar.elegir(['contacto', 'administracion', 'oficina', 'ventas', 'gerencia'])}@${base}.cl`;
}

/** A homonym elsewhere has its own mailbox: the comuna (or a number) goes into the address. */
function correoLibre(ctx: Contexto, correo: string, comuna: string): string {
  let libre = correo;
  for (let n = 1; ctx.correos.has(libre); n++) {
    const [usuario, dominio] = correo.split('@') as [string, string];
    libre = n === 1 ? `${usuario}.${limpio(comuna)}@${dominio}` : `${usuario}${n}@${dominio}`;
  }
  ctx.correos.add(libre);
  return libre;
}

/** Dirección rural o de pueblo; si el nombre ya dice de qué fundo es, casi siempre es ésa. */
function direccion(azar: Azar, comuna: Comuna, lugar: string | null): string | null {
  if (azar.si(0.05)) return null;
  const vecina = azar.elegir(COMUNAS_POR_REGION.get(comuna.codigo_region)!).comuna;
  const camino = `camino a ${vecina === comuna.comuna ? L(azar) : vecina} km ${azar.entero(2, 35)}`;
  if (lugar && azar.si(0.7)) return azar.si(0.5) ? `Fundo ${lugar} s/n` : `Fundo ${lugar}, ${camino}`;
  return azar.ponderado<() => string>([
    [() => `Fundo ${L(azar)} s/n`, 5],
    [() => `Parcela ${azar.entero(1, 60)}, sector ${L(azar)}`, 4],
    [() => `C${camino.slice(1)}`, 4],
    [() => `Lote ${azar.entero(1, 30)}, Hijuela ${L(azar)}`, 2],
    [() => `${azar.elegir(CALLES)} ${azar.entero(10, 2400)}`, 3],
    [() => `Av. ${azar.elegir(CALLES)} ${azar.entero(100, 3900)}`, 2],
  ])();
}

/** Un nombre que aún no existe (con pocos intentos; en la escala grande alguno puede repetirse, como en la vida real). */
function nombreNuevo<T extends { nombre: string }>(ctx: Contexto, generar: () => T): T {
  let r = generar();
  for (let intento = 0; intento < 6 && ctx.nombres.has(plegar(r.nombre)); intento++) r = generar();
  ctx.nombres.add(plegar(r.nombre));
  return r;
}

/** La identidad de un cliente nuevo registrado el día `registro`. */
export function generarIdentidad(
  azar: Azar,
  ctx: Contexto,
  datos: { id: number; empresa: boolean; registro: number; limite: number },
): Identidad {
  const comuna = elegirComuna(azar);
  const anioRegistro = anioDe(datos.registro);
  const { nombre, persona, pista } = datos.empresa
    ? nombreNuevo(ctx, () => {
        const r = azar.ponderado(PATRONES_EMPRESA)(azar);
        return { nombre: r.nombre, persona: null, pista: r.pista ?? null };
      })
    : nombreNuevo(ctx, () => {
        const p = nombrePersona(azar);
        return { nombre: nombreCompleto(p), persona: p, pista: null };
      });
  const edad = azar.entero(28, 80);
  const anioNacimiento = anioDe(ctx.hoy) - edad;
  const confirmado = azar.si(0.3) ? azar.entero(datos.registro, datos.limite) : null;
  const registrado = instante(datos.registro, horaDeOficina(azar.real()));
  // Confirmar datos el mismo día del registro sería después del registro: se confirma a última hora.
  const confirmadoEn =
    confirmado === null
      ? null
      : instante(confirmado, confirmado === datos.registro ? 1190 : horaDeOficina(azar.real()));
  const fila: FilaCliente = {
    id_cliente: datos.id,
    nombre,
    rut: rutUnico(ctx, azar, datos.empresa, anioNacimiento),
    direccion: direccion(azar, comuna, LUGARES.find((l) => nombre.includes(l)) ?? null),
    comuna: comuna.comuna,
    region: comuna.region,
    codigo_comuna: comuna.codigo_comuna,
    telefono: telefono(azar, datos.empresa, comuna),
    email: azar.si(datos.empresa ? 0.88 : 0.7)
      ? correoLibre(ctx, persona ? correoPersona(azar, persona) : correoEmpresa(azar, nombre), comuna.comuna)
      : null,
    fecha_registro: registrado,
    tipo_persona: datos.empresa ? 'empresa' : 'natural',
    fecha_nacimiento:
      !datos.empresa && azar.si(0.45) ? `${anioNacimiento}-${fecha(azar.entero(0, 364)).slice(5)}` : null,
    fecha_aniversario:
      datos.empresa && azar.si(0.35)
        ? `${azar.entero(1975, anioRegistro)}-${fecha(azar.entero(0, 364)).slice(5)}`
        : null,
    id_responsable: azar.si(0.03)
      ? null
      : azar.si(0.92)
        ? comercialDeZona(ctx, comuna)
        : azar.elegir(ctx.personal.comerciales),
    notas: azar.si(0.1)
      ? azar.elegir([
          'Paga siempre al contado.',
          'Prefiere que lo atienda el mismo técnico.',
          'Tiene crédito a 30 días.',
          'Cliente desde los tiempos del taller antiguo.',
          'Pedir orden de compra antes de facturar.',
          'Llamar antes de ir al fundo: el portón está con candado.',
        ])
      : null,
    canal_preferido: azar.si(0.6)
      ? azar.ponderado<string>([
          ['whatsapp', 40],
          ['llamada', 35],
          ['email', 20],
          ['visita', 5],
        ])
      : null,
    horario_contacto: azar.si(0.2)
      ? azar.elegir(['Mañanas', 'Después de las 18:00', 'Solo días hábiles', 'Lunes a viernes, de 9 a 13 h'])
      : null,
    datos_confirmados_en: confirmadoEn,
    actualizado_en: confirmadoEn ?? registrado,
  };
  return { fila, comuna, persona, pista };
}
