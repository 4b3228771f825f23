import type { Azar } from './azar.ts';
import { siguienteId, type Contexto, type Historia } from './contexto.ts';
import { anioDe, DIAS_ANIO, fecha, horaDeOficina, instante } from './fechas.ts';
import { CATALOGO, PESOS_TIPO, PREFIJO_SERIE, usoAnual, type Modelo, type TipoEquipo } from './maquinaria.ts';

/**
 * Equipos con un horómetro coherente: cada máquina suma horas a su propio ritmo (150–900 al año)
 * desde el día en que el taller la registró, así que toda lectura y toda orden ve un valor creciente.
 */

export interface EquipoGenerado {
  id: number;
  tipo: TipoEquipo;
  marca: string;
  modelo: string;
  anio: number;
  /** Día en que se registró en el taller y, si se vendió, último día en que fue del cliente. */
  alta: number;
  baja: number | null;
  /** Horas al registrarlo y horas por día de uso; null si no tiene horómetro. */
  horasAlta: number | null;
  horasPorDia: number;
  /** Días con lectura de horómetro (se completa al generar órdenes). */
  lecturas: Map<number, string>;
}

const ARTICULO: Record<TipoEquipo, string> = {
  tractor: 'el tractor',
  cosechadora: 'la cosechadora',
  sembradora: 'la sembradora',
  pulverizador: 'el pulverizador',
  enfardadora: 'la enfardadora',
  otro: 'el equipo',
};

/** "el tractor John Deere 6130J", para escribirlo dentro de una frase. */
export function etiquetaEquipo(e: EquipoGenerado): string {
  return `${ARTICULO[e.tipo]} ${e.marca} ${e.modelo}`;
}

/** Reemplaza `{equipo}` en una frase, contrayendo "de el" y "a el" como se escribe en español. */
export function conEquipo(frase: string, e: EquipoGenerado | null): string {
  return frase
    .replace('{equipo}', e ? etiquetaEquipo(e) : 'el equipo')
    .replace(/\bde el\b/g, 'del')
    .replace(/\ba el\b/g, 'al');
}

/** Horas del horómetro ese día, con un decimal, o null si el equipo no tiene. */
export function horasEn(e: EquipoGenerado, dia: number): number | null {
  if (e.horasAlta === null) return null;
  return Math.round((e.horasAlta + e.horasPorDia * Math.max(0, dia - e.alta)) * 10) / 10;
}

/** Un modelo de la marca que se vendía ese año (o el más cercano). */
function modeloDelAnio(azar: Azar, modelos: Modelo[], anio: number): Modelo {
  const vigentes = modelos.filter((m) => m.desde <= anio && anio <= m.hasta);
  if (vigentes.length > 0) return azar.elegir(vigentes);
  return modelos.reduce((a, b) => (Math.abs(b.desde - anio) < Math.abs(a.desde - anio) ? b : a));
}

/** Número de serie único: prefijo de la marca, año y un correlativo derivado del id (biyectivo, nunca choca). */
function numeroSerie(e: { id: number; marca: string; anio: number }): string {
  const correlativo = String((e.id * 7919) % 10_000_000).padStart(7, '0');
  return `${PREFIJO_SERIE[e.marca] ?? 'EQ'}${String(e.anio % 100).padStart(2, '0')}${correlativo}`;
}

/** Crea un equipo del cliente; `alta` es el día en que se registró en el taller. */
export function crearEquipo(
  azar: Azar,
  ctx: Contexto,
  datos: {
    alta: number;
    baja: number | null;
    tipo?: TipoEquipo;
    marca?: string;
    modelo?: string;
    anio?: number;
    horasPorAnio?: number;
  },
): EquipoGenerado {
  const tipo = datos.tipo ?? azar.ponderado(PESOS_TIPO);
  const catalogo = CATALOGO[tipo];
  const marca = datos.marca ?? azar.ponderado(catalogo.marcas);
  const anioAlta = anioDe(datos.alta);
  // Máquinas nuevas y usadas: la antigüedad al registrarla tiene cola larga hasta 1995.
  const anio = datos.anio ?? Math.max(1995, anioAlta - Math.floor(-Math.log(1 - azar.real()) * 6));
  const modelo = datos.modelo ?? modeloDelAnio(azar, catalogo.modelos.get(marca)!, anio).modelo;
  const uso = usoAnual(tipo, modelo);
  const horasPorAnio = datos.horasPorAnio ?? (uso ? azar.entero(uso[0], uso[1]) : 0);
  const edadAlta = Math.max(0, datos.alta - Math.round((anio - 1970 + 0.5) * DIAS_ANIO));
  const horasAlta = uso
    ? Math.round(((edadAlta / DIAS_ANIO) * horasPorAnio * azar.entre(0.6, 1.1) + azar.entero(2, 30)) * 10) / 10
    : null;
  return {
    id: siguienteId(ctx, 'equipo'),
    tipo,
    marca,
    modelo,
    anio,
    alta: datos.alta,
    baja: datos.baja,
    horasAlta,
    horasPorDia: horasPorAnio / DIAS_ANIO,
    lecturas: new Map(),
  };
}

/** Los `cantidad` equipos de un cliente: el primero al registrarse, el resto a lo largo de la relación. */
export function generarEquipos(azar: Azar, ctx: Contexto, h: Historia, cantidad: number): EquipoGenerado[] {
  const equipos: EquipoGenerado[] = [];
  for (let i = 0; i < cantidad; i++) {
    const alta = i === 0 ? Math.min(h.limite, h.registro + azar.entero(0, 30)) : azar.entero(h.registro, h.limite);
    // Algunos se vendieron: inactivos, sin historia después de la venta.
    const vendido = h.limite - alta > 400 && azar.si(0.08);
    equipos.push(crearEquipo(azar, ctx, { alta, baja: vendido ? azar.entero(alta + 365, h.limite) : null }));
  }
  return equipos.sort((a, b) => a.alta - b.alta);
}

/** Anota una lectura del horómetro ese día (las de órdenes ganan a las manuales del mismo día). */
export function anotarLectura(e: EquipoGenerado, dia: number, fuente: 'orden' | 'manual'): void {
  if (e.horasAlta === null) return;
  if (fuente === 'orden' || !e.lecturas.has(dia)) e.lecturas.set(dia, fuente);
}

/**
 * Escribe los equipos del cliente y sus lecturas: además de las tomadas en órdenes, unas pocas
 * manuales y, si sigue activo, una reciente, que es la que queda como horómetro actual del equipo.
 */
export function escribirEquipos(azar: Azar, ctx: Contexto, h: Historia): void {
  for (const e of h.equipos) {
    const ultimo = Math.min(e.baja ?? h.limite, h.limite);
    if (e.horasAlta !== null) {
      anotarLectura(e, e.alta, 'manual');
      for (let k = azar.entero(1, 3); k > 0; k--) anotarLectura(e, azar.entero(e.alta, ultimo), 'manual');
      if (e.baja === null && h.perfil === 'activo')
        anotarLectura(e, Math.max(e.alta, ctx.hoy - azar.entero(3, 90)), 'manual');
    }
    const dias = [...e.lecturas.keys()].sort((a, b) => a - b);
    const ultimaLectura = dias.at(-1) ?? null;
    ctx.salida.equipos.agregar({
      id_equipo: e.id,
      id_cliente: h.id,
      tipo: e.tipo,
      marca: e.marca,
      modelo: e.modelo,
      anio: e.anio,
      numero_serie: numeroSerie(e),
      horometro: ultimaLectura === null ? null : horasEn(e, ultimaLectura),
      fecha_horometro: ultimaLectura === null ? null : fecha(ultimaLectura),
      activo: e.baja === null,
      fecha_alta: instante(e.alta, horaDeOficina(azar.real())),
    });
    for (const dia of dias) {
      ctx.salida.lecturas_horometro.agregar({
        id_lectura: siguienteId(ctx, 'lectura'),
        id_equipo: e.id,
        fecha: fecha(dia),
        horas: horasEn(e, dia)!,
        fuente: e.lecturas.get(dia)!,
      });
    }
  }
}
