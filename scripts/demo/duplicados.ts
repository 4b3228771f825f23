import { plegar } from '../../src/shared/texto.ts';
import type { Azar } from './azar.ts';
import type { Contexto } from './contexto.ts';
import {
  celular,
  comercialDeZona,
  correoEmpresa,
  nombreCompleto,
  nombrePersona,
  reservarRut,
  rutUnico,
  type Identidad,
} from './clientes.ts';
import { horaDeOficina, instante } from './fechas.ts';
import type { ClaseDuplicado } from './plan.ts';

/**
 * Casi duplicados: el mismo cliente registrado dos veces por descuido, escrito distinto y con otro
 * RUT (o un RUT con dígitos traspuestos), o dos fichas que comparten teléfono. Son los casos que
 * el buscador de duplicados debe proponer y que una persona decide fusionar o no.
 */

const ABREVIATURAS: readonly (readonly [RegExp, string])[] = [
  [/\bSociedad\b/, 'Soc.'],
  [/\bLtda\.$/, 'Limitada'],
  [/\bAgrícola\b/, 'Agr.'],
  [/\bFundo\b/, 'Fdo.'],
  [/\bComercial\b/, 'Com.'],
  [/\bHacienda\b/, 'Hda.'],
  [/\bHermanos\b/, 'Hnos.'],
  [/\bServicios\b/, 'Serv.'],
  [/\bSpA$/, 'S.p.A.'],
];

/** "Agrícola Los Robles Ltda." → "Agricola Los Robles": sin tildes ni sufijo societario. */
function sinTildesNiSufijo(nombre: string): string {
  const variante = nombre
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+(Ltda\.|SpA|S\.A\.|E\.I\.R\.L\.)$/, '');
  return variante === nombre ? `${nombre} Ltda.` : variante;
}

function abreviado(nombre: string): string {
  let variante = nombre;
  for (const [patron, reemplazo] of ABREVIATURAS) variante = variante.replace(patron, reemplazo);
  return variante === nombre ? `${nombre} S.A.` : variante;
}

/** "Juan Carlos Muñoz Soto" → "Juan C. Muñoz Soto"; "Pedro Soto Riquelme" → "Pedro Soto". */
function personaAbreviada(persona: NonNullable<Identidad['persona']>): string {
  const partes = persona.nombre.split(' ');
  if (partes.length > 1) return `${partes[0]} ${partes[1]![0]}. ${persona.apellidos.join(' ')}`;
  return `${persona.nombre} ${persona.apellidos[0]}`;
}

/** Un RUT con dos dígitos vecinos traspuestos (el error típico al tipear), recalculando el verificador. */
function rutTraspuesto(ctx: Contexto, azar: Azar, rut: string): string | null {
  const cuerpo = rut.split('-')[0]!;
  for (let intento = 0; intento < 5; intento++) {
    const i = azar.entero(1, cuerpo.length - 2);
    const digitos = [...cuerpo];
    [digitos[i], digitos[i + 1]] = [digitos[i + 1]!, digitos[i]!];
    const nuevo = Number(digitos.join(''));
    if (String(nuevo) !== cuerpo && !ctx.ruts.has(nuevo)) return reservarRut(ctx, nuevo);
  }
  return null;
}

/** La identidad del duplicado de `original`, registrado el día `registro`. */
export function duplicar(
  azar: Azar,
  ctx: Contexto,
  original: Identidad,
  clase: ClaseDuplicado,
  datos: { id: number; registro: number },
): Identidad {
  const o = original.fila;
  const empresa = o.tipo_persona === 'empresa';
  const registrado = instante(datos.registro, horaDeOficina(azar.real()));
  const base = {
    ...o,
    id_cliente: datos.id,
    fecha_registro: registrado,
    actualizado_en: registrado,
    datos_confirmados_en: null,
    notas: null,
    fecha_nacimiento: null,
    fecha_aniversario: null,
    // Lo registró otra persona: por eso no vio que ya existía.
    id_responsable: azar.elegir(ctx.personal.comerciales),
  };
  const rutNuevo = (esEmpresa: boolean) => rutUnico(ctx, azar, esEmpresa, azar.entero(1950, 1990));
  switch (clase) {
    case 'razon_social':
      return {
        ...original,
        pista: null,
        fila: {
          ...base,
          nombre: sinTildesNiSufijo(o.nombre),
          rut: rutNuevo(true),
          telefono: celular(azar),
          email: null,
        },
      };
    case 'abreviatura':
      return {
        ...original,
        pista: null,
        fila: { ...base, nombre: abreviado(o.nombre), rut: rutNuevo(true), telefono: null },
      };
    case 'mayusculas':
      return {
        ...original,
        pista: null,
        fila: { ...base, nombre: plegar(o.nombre).toUpperCase(), rut: rutNuevo(empresa), email: null },
      };
    case 'persona': {
      const persona = original.persona ?? nombrePersona(azar);
      const nombre = original.persona ? personaAbreviada(persona) : nombreCompleto(persona);
      const rut = rutTraspuesto(ctx, azar, o.rut) ?? rutNuevo(false);
      return { ...original, pista: null, fila: { ...base, nombre, rut, telefono: celular(azar) } };
    }
    case 'mismo_telefono': {
      // El dueño y su sociedad: otra ficha legítima que comparte el teléfono.
      const persona = original.persona ?? nombrePersona(azar);
      const nombre = empresa ? nombreCompleto(persona) : `Sociedad Agrícola ${persona.apellidos.join(' ')} Ltda.`;
      return {
        comuna: original.comuna,
        persona: empresa ? persona : null,
        pista: null,
        fila: {
          ...base,
          nombre,
          rut: rutNuevo(!empresa),
          tipo_persona: empresa ? 'natural' : 'empresa',
          email: empresa ? null : correoEmpresa(azar, nombre),
          id_responsable: comercialDeZona(ctx, original.comuna),
        },
      };
    }
  }
}
