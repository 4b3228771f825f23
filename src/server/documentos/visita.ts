import { formatearFecha, formatearMonto, hoyEnSantiago } from '../../shared/formato.ts';
import { sumarDias } from '../../shared/kpis.ts';
import { DIMENSIONES, type Dimension } from '../../shared/satisfaccion.ts';
import { fichaCompleta } from '../clientes/ficha.ts';
import type { Conexion } from '../db/tipos.ts';
import { ErrorApp } from '../http/errores.ts';
import { frecuenciaCliente } from '../interacciones/frecuencia.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';
import { oportunidadesCliente, valorCliente, type TipoOportunidad } from '../valor/oportunidades.ts';
import { formatearEntero, formatearNota } from './pdf.ts';

/** Services due within this many days are worth offering at the visit (DOMAIN.md "Mantención próxima", N = 30). */
const DIAS_MANTENCION = 30;
/** A detractor survey older than this is history, not an open complaint. */
const DIAS_RECLAMO = 180;
/** Below this mean (of 10) an area is something to acknowledge; at or above it, something to praise. */
const NOTA_BUENA = 8;
/** Same threshold as the "bajo potencial" opportunity: buying less than 70 % of what the fleet needs. */
const FRACCION_POTENCIAL = 0.7;

export type EstadoMantencion = 'atrasada' | 'proxima' | 'al_dia' | 'sin_datos';

export type TipoPunto =
  | 'reclamo'
  | 'seguimiento'
  | 'mantencion'
  | 'cotizacion'
  | 'area_debil'
  | 'area_fuerte'
  | 'potencial'
  | 'oportunidad'
  | 'contacto'
  | 'general';

export interface PuntoConversacion {
  tipo: TipoPunto;
  texto: string;
}

/** The facts the talking points are derived from (all already computed by other modules). */
export interface HechosVisita {
  hoy: string;
  equipos: {
    id_equipo: number;
    tipo: string;
    nombre: string;
    anio: number | null;
    horometro: number | null;
    activo: boolean;
    proxima_mantencion: { fecha: string | null; motivo: 'fecha' | 'horas' | null } | null;
  }[];
  dimensiones: { promedios: Record<Dimension, number | null>; mas_debil: Dimension[]; mas_fuerte: Dimension[] };
  ultima_encuesta: { fecha: string; puntuacion_general: number | null; nps: number | null } | null;
  cotizaciones: {
    id_cotizacion: number;
    numero: string | null;
    monto_total: number;
    fecha_vencimiento: string | null;
  }[];
  seguimientos: { motivo: string; fecha_seguimiento: string }[];
  valor: { valor_potencial: number | null; valor_ultimo_anio: number };
  contacto: { dias_sin_contacto: number | null; cadencia_habitual_dias: number | null; atrasado: boolean };
  oportunidades: { tipo: TipoOportunidad; id_equipo: number | null }[];
}

const NOMBRE_TIPO: Record<string, string> = { otro: 'equipo' };
const FEMENINOS = new Set(['cosechadora', 'sembradora', 'enfardadora']);

/** `tractor John Deere 6130J`: how a person names a machine in a sentence. */
export function nombreEquipo(e: { tipo: string; marca: string; modelo?: string | null }): string {
  return [NOMBRE_TIPO[e.tipo] ?? e.tipo, e.marca, e.modelo].filter(Boolean).join(' ');
}

/** `del tractor John Deere 6130J`, `de la cosechadora Claas Tucano 570`: Spanish needs the gender. */
export function delEquipo(e: { tipo: string; nombre: string }): string {
  return `${FEMENINOS.has(e.tipo) ? 'de la' : 'del'} ${e.nombre}`;
}

/** Where a machine's next service stands today. */
export function estadoMantencion(fecha: string | null | undefined, hoy: string): EstadoMantencion {
  if (!fecha) return 'sin_datos';
  if (fecha < hoy) return 'atrasada';
  return fecha <= sumarDias(hoy, DIAS_MANTENCION) ? 'proxima' : 'al_dia';
}

const COMO = { horas: 'por horas de uso', fecha: 'por fecha' } as const;

const DEBIL: Record<Dimension, (n: string) => string> = {
  tiempo: (n) => `Reconocer los tiempos de respuesta (${n}/10) y explicar cómo los mejoraremos`,
  calidad: (n) => `Reconocer los reparos a la calidad del servicio (${n}/10) y explicar cómo la mejoraremos`,
  precio: (n) => `Conversar sobre el precio (${n}/10): explicar qué incluye cada servicio y ofrecer alternativas`,
  atencion: (n) => `Reconocer los reparos a la atención al cliente (${n}/10) y explicar cómo la mejoraremos`,
};
const FUERTE: Record<Dimension, (n: string) => string> = {
  tiempo: (n) => `Destacar los tiempos de respuesta (${n}/10)`,
  calidad: (n) => `Destacar la calidad del servicio (${n}/10)`,
  precio: (n) => `Destacar la conveniencia del precio (${n}/10)`,
  atencion: (n) => `Destacar la atención al cliente (${n}/10)`,
};

/**
 * Talking points for a visit (seed, example 1: "preparar una visita específica abordando puntos de
 * mejora y proponiendo servicios adicionales"), each one derived from a fact, in the order a
 * commercial would raise them: open complaints and promises first, then offers, then the relationship.
 */
export function puntosDeConversacion(h: HechosVisita): PuntoConversacion[] {
  const puntos: PuntoConversacion[] = [];
  const limite = sumarDias(h.hoy, DIAS_MANTENCION);

  const u = h.ultima_encuesta;
  if (u && u.nps === -1 && u.fecha >= sumarDias(h.hoy, -DIAS_RECLAMO)) {
    puntos.push({ tipo: 'reclamo', texto: `Cerrar el reclamo de la última encuesta (nota ${u.puntuacion_general})` });
  }
  for (const s of h.seguimientos) {
    if (s.fecha_seguimiento < h.hoy) {
      puntos.push({
        tipo: 'seguimiento',
        texto: `Cumplir el seguimiento pendiente «${s.motivo}» (vencía el ${formatearFecha(s.fecha_seguimiento)})`,
      });
    } else if (s.fecha_seguimiento <= limite) {
      puntos.push({
        tipo: 'seguimiento',
        texto: `Resolver el seguimiento «${s.motivo}» (programado para el ${formatearFecha(s.fecha_seguimiento)})`,
      });
    }
  }
  for (const e of h.equipos) {
    const p = e.proxima_mantencion;
    if (!e.activo || !p?.fecha || !p.motivo) continue;
    const estado = estadoMantencion(p.fecha, h.hoy);
    if (estado === 'atrasada') {
      puntos.push({
        tipo: 'mantencion',
        texto: `Ofrecer la mantención atrasada ${delEquipo(e)} (venció el ${formatearFecha(p.fecha)}, ${COMO[p.motivo]})`,
      });
    } else if (estado === 'proxima') {
      puntos.push({
        tipo: 'mantencion',
        texto: `Ofrecer la mantención ${delEquipo(e)} (vence el ${formatearFecha(p.fecha)}, ${COMO[p.motivo]})`,
      });
    }
  }
  for (const q of h.cotizaciones) {
    const base = `Retomar la cotización ${q.numero ?? `N° ${q.id_cotizacion}`} por ${formatearMonto(q.monto_total)}`;
    const v = q.fecha_vencimiento;
    const texto = !v
      ? base
      : v < h.hoy
        ? `${base}, que venció el ${formatearFecha(v)}, y ofrecer renovarla`
        : `${base} que vence el ${formatearFecha(v)}`;
    puntos.push({ tipo: 'cotizacion', texto });
  }
  const { promedios, mas_debil, mas_fuerte } = h.dimensiones;
  for (const d of DIMENSIONES) {
    const n = promedios[d];
    if (n != null && mas_debil.includes(d) && n < NOTA_BUENA)
      puntos.push({ tipo: 'area_debil', texto: DEBIL[d](formatearNota(n)) });
  }
  for (const d of DIMENSIONES) {
    const n = promedios[d];
    if (n != null && mas_fuerte.includes(d) && !mas_debil.includes(d) && n >= NOTA_BUENA) {
      puntos.push({ tipo: 'area_fuerte', texto: FUERTE[d](formatearNota(n)) });
    }
  }
  const { valor_potencial: potencial, valor_ultimo_anio: compra } = h.valor;
  if (potencial && potencial > 0 && compra < FRACCION_POTENCIAL * potencial) {
    puntos.push({
      tipo: 'potencial',
      texto: `Su flota podría requerir ${formatearMonto(potencial)} al año; hoy compra ${formatearMonto(compra)}`,
    });
  }
  // Due services, expiring quotes and the potential gap are already points above.
  for (const o of h.oportunidades) {
    const e = h.equipos.find((x) => x.id_equipo === o.id_equipo);
    if (!e) continue;
    if (o.tipo === 'renovacion') {
      const edad = [e.anio ? `año ${e.anio}` : null, e.horometro ? `${formatearEntero(e.horometro)} h` : null]
        .filter(Boolean)
        .join(', ');
      puntos.push({
        tipo: 'oportunidad',
        texto: `Conversar sobre la renovación ${delEquipo(e)}${edad ? ` (${edad})` : ''}`,
      });
    }
    if (o.tipo === 'sin_servicio') {
      puntos.push({
        tipo: 'oportunidad',
        texto: `Ofrecer la mantención ${delEquipo(e)} en el taller: compra repuestos, pero nunca ha hecho mantenciones aquí`,
      });
    }
  }
  const c = h.contacto;
  if (c.atrasado && c.dias_sin_contacto != null && c.cadencia_habitual_dias != null) {
    puntos.push({
      tipo: 'contacto',
      texto: `Retomar el contacto: lleva ${c.dias_sin_contacto} días sin contacto (lo habitual es cada ${c.cadencia_habitual_dias} días)`,
    });
  } else if (c.cadencia_habitual_dias == null && c.dias_sin_contacto != null && c.dias_sin_contacto >= 180) {
    puntos.push({ tipo: 'contacto', texto: `Retomar el contacto: lleva ${c.dias_sin_contacto} días sin contacto` });
  }
  if (puntos.length === 0)
    puntos.push({
      tipo: 'general',
      texto: 'Agradecer la preferencia y preguntar por sus próximas necesidades de servicio',
    });
  return puntos;
}

/** The value block of the brief; a cliente without its metrics row yet has no potential. */
async function valorPotencial(db: Conexion, usuario: Usuario, id: number) {
  try {
    const v = await valorCliente(db, usuario, id);
    return { valor_potencial: v.valor_potencial, brecha: v.brecha };
  } catch (e) {
    if (e instanceof ErrorApp && e.codigo === 'NO_ENCONTRADO') return { valor_potencial: null, brecha: null };
    throw e;
  }
}

/**
 * Brief de visita (seed, ejemplo 1): la ficha resumida para preparar una visita — equipos con sus
 * mantenciones, últimas 10 interacciones, fortalezas y área más débil, valor frente al promedio,
 * seguimientos y cotizaciones abiertas, oportunidades — y los puntos de conversación que salen de ellos.
 */
export async function briefVisita(
  db: Conexion,
  usuario: Usuario,
  id: number,
  hoy: string = hoyEnSantiago(),
  ahora: Date = new Date(),
) {
  exigirRol(usuario, TODOS, 'preparar visitas');
  const ficha = await fichaCompleta(db, usuario, id, hoy);
  const [oportunidades, potencial, frecuencia] = await Promise.all([
    oportunidadesCliente(db, usuario, id, hoy),
    valorPotencial(db, usuario, id),
    frecuenciaCliente(db, usuario, id, hoy),
  ]);
  const equipos = ficha.equipos.map((e) => ({
    id_equipo: e.id_equipo as number,
    nombre: nombreEquipo(e),
    tipo: e.tipo as string,
    marca: e.marca as string,
    modelo: (e.modelo ?? null) as string | null,
    anio: (e.anio ?? null) as number | null,
    horometro: e.horometro,
    activo: Boolean(e.activo),
    ultimo_servicio: e.ultimo_servicio
      ? { fecha: e.ultimo_servicio.fecha as string, tipo: e.ultimo_servicio.tipo as string }
      : null,
    cantidad_servicios: Number(e.cantidad_servicios ?? 0),
    proxima_mantencion: e.proxima_mantencion
      ? { fecha: e.proxima_mantencion.fecha, motivo: e.proxima_mantencion.motivo }
      : null,
    estado_mantencion: e.activo
      ? estadoMantencion(e.proxima_mantencion?.fecha, hoy)
      : ('sin_datos' as EstadoMantencion),
  }));
  const ultima = ficha.satisfaccion.ultimas[0];
  const dims = ficha.satisfaccion.dimensiones;
  const satisfaccion = {
    respondidas: ficha.satisfaccion.respondidas,
    nps: ficha.satisfaccion.nps.nps,
    promedios: dims.promedios,
    mas_debil: dims.mas_debil,
    mas_fuerte: dims.mas_fuerte,
    brecha: dims.brecha,
    ultima: ultima
      ? {
          fecha: ultima.fecha as string,
          puntuacion_general: ultima.puntuacion_general as number | null,
          nps: ultima.nps as number | null,
          comentarios: (ultima.comentarios ?? null) as string | null,
        }
      : null,
  };
  const valor = { ...ficha.valor, ...potencial };
  const contacto = {
    ultimo_contacto: frecuencia.ultimo_contacto,
    dias_sin_contacto: frecuencia.dias_sin_contacto,
    cadencia_habitual_dias: frecuencia.cadencia_habitual_dias,
    atrasado: frecuencia.atrasado,
  };
  const puntos = puntosDeConversacion({
    hoy,
    equipos,
    dimensiones: dims,
    ultima_encuesta: satisfaccion.ultima,
    cotizaciones: ficha.cotizaciones_abiertas,
    seguimientos: ficha.seguimientos_abiertos as HechosVisita['seguimientos'],
    valor: { valor_potencial: valor.valor_potencial, valor_ultimo_anio: valor.valor_ultimo_anio },
    contacto,
    oportunidades: oportunidades.items,
  });
  const c = ficha.cliente;
  return {
    fecha: hoy,
    generado_en: ahora.toISOString(),
    cliente: {
      id_cliente: c.id_cliente,
      nombre: c.nombre,
      rut: c.rut,
      rut_formateado: c.rut_formateado,
      telefono: c.telefono,
      email: c.email,
      direccion: c.direccion,
      comuna: c.comuna,
      region: c.region,
      responsable: c.responsable,
      ultimo_contacto: c.ultimo_contacto,
      activo: c.activo,
    },
    equipos,
    interacciones: ficha.interacciones.slice(0, 10).map((i) => ({
      id_interaccion: i.id_interaccion as number,
      fecha: i.fecha,
      tipo: i.tipo as string,
      motivo: i.motivo as string,
      resultado: (i.resultado ?? null) as string | null,
      usuario: (i.usuario ?? null) as string | null,
    })),
    satisfaccion,
    valor,
    seguimientos_abiertos: ficha.seguimientos_abiertos as {
      id_interaccion: number;
      motivo: string;
      fecha_seguimiento: string;
      responsable: string | null;
    }[],
    cotizaciones_abiertas: ficha.cotizaciones_abiertas as {
      id_cotizacion: number;
      numero: string | null;
      fecha: string;
      fecha_vencimiento: string | null;
      monto_total: number;
      descripcion: string | null;
    }[],
    oportunidades,
    contacto,
    alertas: ficha.alertas,
    puntos,
  };
}

export type BriefVisita = Awaited<ReturnType<typeof briefVisita>>;
