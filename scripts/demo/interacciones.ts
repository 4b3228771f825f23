import type { Azar } from './azar.ts';
import { siguienteId, type Contexto, type Historia } from './contexto.ts';
import type { Detractor } from './encuestas.ts';
import { conEquipo, type EquipoGenerado } from './equipos.ts';
import { fecha, horaDeOficina, instante } from './fechas.ts';
import type { OrdenGenerada, PedidoGenerado } from './servicios.ts';
import { PESOS_MOTIVO, type Motivo, type TipoInteraccion } from './textos.ts';

/**
 * Interacciones y seguimientos. Los seguimientos viejos casi siempre se cumplieron; los del último
 * mes y medio quedan a veces pendientes (y atrasados), que es lo que una bandeja real muestra.
 */

export interface InteraccionNueva {
  dia: number;
  tipo: TipoInteraccion;
  motivo: string;
  descripcion: string;
  resultado: string | null;
  /** Día del seguimiento pedido, o null si no pide. */
  seguimiento: number | null;
  /** Fuerza el seguimiento como cumplido (true) o pendiente (false); si no, se decide por su fecha. */
  cumplido?: boolean;
  orden?: OrdenGenerada;
  pedido?: PedidoGenerado;
  usuario: number;
  origen?: string;
}

/** Día en que se cumplió un seguimiento, o null si sigue pendiente. */
function diaCumplido(azar: Azar, hoy: number, i: InteraccionNueva, seguimiento: number): number | null {
  const probabilidad = seguimiento < hoy - 45 ? 0.985 : seguimiento < hoy ? 0.6 : 0.08;
  if (!(i.cumplido ?? azar.si(probabilidad))) return null;
  return Math.min(hoy - 1, Math.max(i.dia, seguimiento + azar.entero(-2, 3)));
}

export function agregarInteraccion(azar: Azar, ctx: Contexto, h: Historia, i: InteraccionNueva): void {
  const minutos =
    i.tipo === 'visita'
      ? azar.entero(540, 1020)
      : i.tipo === 'whatsapp'
        ? azar.entero(480, 1290)
        : horaDeOficina(azar.real());
  const cumplido = i.seguimiento === null ? null : diaCumplido(azar, ctx.hoy, i, i.seguimiento);
  const minutosCumplido =
    cumplido === i.dia ? Math.min(1380, minutos + azar.entero(20, 120)) : horaDeOficina(azar.real());
  ctx.salida.interacciones_cliente.agregar({
    id_interaccion: siguienteId(ctx, 'interaccion'),
    id_cliente: h.id,
    fecha: instante(i.dia, minutos),
    tipo: i.tipo,
    motivo: i.motivo,
    descripcion: i.descripcion,
    resultado: i.resultado,
    seguimiento_requerido: i.seguimiento !== null,
    fecha_seguimiento: i.seguimiento === null ? null : fecha(i.seguimiento),
    id_orden: i.orden?.id ?? null,
    id_pedido: i.pedido?.id ?? null,
    id_usuario: i.usuario,
    id_responsable_seguimiento: i.seguimiento === null ? null : (h.responsable ?? i.usuario),
    seguimiento_completado_en: cumplido === null ? null : instante(cumplido, minutosCumplido),
    origen: i.origen ?? 'manual',
    creado_en: instante(i.dia, minutos),
  });
}

/** Quién registró el contacto: lo técnico lo atiende a veces un técnico; lo demás, el comercial del cliente. */
function usuarioDe(azar: Azar, ctx: Contexto, h: Historia, motivo: Motivo): number {
  if ((motivo.vinculo === 'orden' || motivo.motivo === 'Consulta técnica') && azar.si(0.5))
    return azar.elegir(ctx.personal.tecnicos);
  if (azar.si(0.04)) return ctx.personal.admin;
  return h.responsable ?? azar.elegir(ctx.personal.comerciales);
}

function describir(azar: Azar, motivo: Motivo, equipo: EquipoGenerado | null, numero: string | null): string {
  const plantillas = numero ? motivo.descripciones : motivo.descripciones.filter((d) => !d.includes('{numero}'));
  return conEquipo(azar.elegir(plantillas), equipo).replace('{numero}', numero ?? '');
}

/** Una interacción común: si el motivo es de una orden o un pedido, cae unos días después de él y lo referencia. */
function interaccionComun(
  azar: Azar,
  ctx: Contexto,
  h: Historia,
  desde: number,
  hasta: number,
  vincular: boolean,
): InteraccionNueva {
  const motivo = azar.ponderado(PESOS_MOTIVO);
  const cerca = (dia: number) => Math.min(hasta, Math.max(desde, dia + azar.entero(-3, 10)));
  let dia = azar.entero(desde, hasta);
  let orden: OrdenGenerada | undefined;
  let pedido: PedidoGenerado | undefined;
  if (vincular && motivo.vinculo === 'orden' && h.ordenes.length > 0 && azar.si(0.75)) {
    orden = azar.elegir(h.ordenes);
    dia = cerca(orden.ingreso);
  } else if (vincular && motivo.vinculo === 'pedido' && h.pedidos.length > 0 && azar.si(0.6)) {
    pedido = azar.elegir(h.pedidos);
    dia = cerca(pedido.fecha);
  }
  const equipo = orden?.equipo ?? (h.equipos.length > 0 ? azar.elegir(h.equipos) : null);
  const pideSeguimiento = azar.si(motivo.seguimiento);
  return {
    dia,
    tipo: azar.ponderado(motivo.tipos),
    motivo: motivo.motivo,
    descripcion: describir(azar, motivo, equipo, orden?.numero ?? pedido?.numero ?? null),
    resultado: azar.si(0.92) ? azar.elegir(motivo.resultados) : null,
    seguimiento: pideSeguimiento ? dia + azar.entero(1, 14) : null,
    usuario: usuarioDe(azar, ctx, h, motivo),
    ...(orden ? { orden } : {}),
    ...(pedido ? { pedido } : {}),
  };
}

/** La llamada que sigue a una encuesta con nota de detractor (DOMAIN.md "Satisfaction"). */
function llamadaPorDetractor(azar: Azar, ctx: Contexto, h: Historia, d: Detractor, dia: number): InteraccionNueva {
  const comentario = d.comentarios ? ` Comentó: "${d.comentarios}"` : '';
  return {
    dia,
    tipo: 'llamada',
    motivo: 'Seguimiento de encuesta de satisfacción',
    descripcion: `Llamada por encuesta respondida con nota ${d.general}.${comentario}`,
    resultado: azar.elegir([
      'Se compromete revisar el caso con el jefe de taller.',
      'Acepta una visita del técnico sin costo.',
      'Se ofrece un descuento en la próxima mantención.',
      'No contesta; se deja mensaje.',
    ]),
    seguimiento: azar.si(0.5) ? dia + 7 : null,
    usuario: h.responsable ?? azar.elegir(ctx.personal.comerciales),
    origen: 'encuesta',
  };
}

export function generarInteracciones(
  azar: Azar,
  ctx: Contexto,
  h: Historia,
  cantidad: number,
  detractores: Detractor[],
): void {
  const ultimo = h.perfil === 'activo' ? ctx.hoy - 1 : h.limite;
  const nuevas: InteraccionNueva[] = [];
  // Un cliente activo tuvo algún contacto en los últimos cinco meses: no sale en el reporte de inactivos.
  if (h.perfil === 'activo' && cantidad > 0) {
    nuevas.push(interaccionComun(azar, ctx, h, Math.max(h.registro, ctx.hoy - 150), ultimo, false));
  }
  for (const d of detractores) {
    const dia = d.dia + azar.entero(1, 3);
    if (nuevas.length < cantidad && dia <= ultimo) nuevas.push(llamadaPorDetractor(azar, ctx, h, d, dia));
  }
  while (nuevas.length < cantidad) nuevas.push(interaccionComun(azar, ctx, h, h.registro, ultimo, true));
  nuevas.sort((a, b) => a.dia - b.dia);
  for (const i of nuevas) agregarInteraccion(azar, ctx, h, i);
}
