import type { Azar } from './azar.ts';
import { siguienteId, type Contexto, type Historia } from './contexto.ts';
import { fecha, instante } from './fechas.ts';
import type { OrdenGenerada, PedidoGenerado } from './servicios.ts';
import { COMENTARIOS } from './textos.ts';

/**
 * Encuestas de satisfacción: se envían dos días después de cerrar una orden o entregar un pedido
 * (ajuste dias_envio_encuesta) y vencen a los 30. Las notas son mayormente altas, con algunos
 * detractores, y el tiempo de respuesta es, como en el ejemplo del seed, el área más débil.
 */

export interface Puntajes {
  general: number;
  tiempo: number;
  calidad: number;
  precio: number;
  atencion: number;
  recomendaria: boolean;
  comentarios: string | null;
}

/** Una encuesta respondida con nota de detractor: pide una llamada de seguimiento. */
export interface Detractor {
  dia: number;
  general: number;
  comentarios: string | null;
}

const DIAS_ENVIO = 2;
const DIAS_VIGENCIA = 30;

function nota(azar: Azar, general: number, sesgo: number): number {
  return Math.min(10, Math.max(1, Math.round(general + sesgo + azar.normal())));
}

export function puntajesAlAzar(azar: Azar): Puntajes {
  const general = azar.ponderado([
    [10, 28],
    [9, 26],
    [8, 18],
    [7, 10],
    [6, 6],
    [5, 4],
    [4, 3],
    [3, 2],
    [2, 1.5],
    [1, 1.5],
  ]);
  const tiempo = nota(azar, general, -0.9);
  const banda = general >= 9 ? 'promotor' : general >= 7 ? 'pasivo' : 'detractor';
  let comentarios: string | null = null;
  if (azar.si(0.5))
    comentarios =
      tiempo <= 6 && general >= 7 && azar.si(0.5) ? azar.elegir(COMENTARIOS.tiempo) : azar.elegir(COMENTARIOS[banda]);
  return {
    general,
    tiempo,
    calidad: nota(azar, general, 0.3),
    precio: nota(azar, general, -0.5),
    atencion: nota(azar, general, 0.2),
    // Recomendaría, coherente con la nota general (un promotor casi siempre dice que sí).
    recomendaria: azar.si(general >= 9 ? 0.97 : general >= 7 ? 0.75 : 0.12),
    comentarios,
  };
}

/** Registra una encuesta enviada el día `envio`; si se respondió, con sus notas. */
export function agregarEncuesta(
  azar: Azar,
  ctx: Contexto,
  h: Historia,
  e: { envio: number; respuesta: number | null; puntajes: Puntajes; orden?: OrdenGenerada; pedido?: PedidoGenerado },
): Detractor | null {
  const canal = azar.ponderado<string>([
    ['email', 45],
    ['whatsapp', 40],
    ['telefono', 10],
    ['presencial', 5],
  ]);
  const minutosEnvio = azar.entero(600, 660);
  const enviada = instante(e.envio, minutosEnvio);
  const respondida = e.respuesta !== null;
  const estado = respondida ? 'respondida' : e.envio + DIAS_VIGENCIA < ctx.hoy ? 'vencida' : 'enviada';
  const minutosRespuesta = e.respuesta === e.envio ? azar.entero(minutosEnvio + 5, 1320) : azar.entero(480, 1320);
  const p = e.puntajes;
  ctx.salida.encuestas_satisfaccion.agregar({
    id_encuesta: siguienteId(ctx, 'encuesta'),
    id_cliente: h.id,
    id_orden: e.orden?.id ?? null,
    id_pedido: e.pedido?.id ?? null,
    fecha: fecha(e.respuesta ?? e.envio),
    puntuacion_general: respondida ? p.general : null,
    puntuacion_tiempo: respondida ? p.tiempo : null,
    puntuacion_calidad: respondida ? p.calidad : null,
    puntuacion_precio: respondida ? p.precio : null,
    puntuacion_atencion: respondida ? p.atencion : null,
    recomendaria: respondida ? p.recomendaria : null,
    comentarios: respondida ? p.comentarios : null,
    estado,
    expira_en: instante(e.envio + DIAS_VIGENCIA, minutosEnvio),
    enviar_en: enviada,
    enviada_en: enviada,
    respondida_en: e.respuesta === null ? null : instante(e.respuesta, minutosRespuesta),
    canal,
    id_plantilla: canal === 'email' || canal === 'whatsapp' ? ctx.idPlantilla : null,
    // Se programa al cerrar el trabajo, pero la fila existe desde que sale: media hora antes del envío.
    creado_en: instante(e.envio, minutosEnvio - 30),
  });
  return respondida && p.general <= 6 ? { dia: e.respuesta!, general: p.general, comentarios: p.comentarios } : null;
}

/**
 * Las encuestas de un cliente, sobre sus órdenes terminadas y pedidos entregados (cada orden tiene
 * a lo más una). Devuelve los detractores, para que el taller los llame.
 */
export function generarEncuestas(azar: Azar, ctx: Contexto, h: Historia, cantidad: number): Detractor[] {
  const ordenes = azar.muestra(
    h.ordenes.filter((o) => o.cierre !== null && (o.estado === 'terminada' || o.estado === 'entregada')),
    h.ordenes.length,
  );
  const pedidos = azar.muestra(
    h.pedidos.filter((p) => p.entrega !== null),
    h.pedidos.length,
  );
  // Lo último que puede pasar: ayer para un activo; para un inactivo, su última actividad.
  const ultimo = h.perfil === 'activo' ? ctx.hoy - 1 : h.limite;
  const detractores: Detractor[] = [];
  for (let i = 0; i < cantidad; i++) {
    const fuente = azar.ponderado<'orden' | 'pedido' | 'ninguna'>([
      ['orden', 60],
      ['pedido', 25],
      ['ninguna', 15],
    ]);
    const orden = fuente === 'orden' ? ordenes.pop() : undefined;
    const pedido = fuente === 'pedido' ? pedidos.pop() : undefined;
    let envio = (orden?.cierre ?? pedido?.entrega ?? azar.entero(h.registro, ultimo)) + DIAS_ENVIO;
    const vinculada = orden !== undefined || pedido !== undefined;
    // Si no alcanza a enviarse (o a responderse, en un inactivo), es una encuesta general de otra fecha.
    const margen = h.perfil === 'activo' ? 0 : 7;
    const cabe = envio + margen <= ultimo;
    if (!cabe) envio = Math.min(ultimo - margen, Math.max(h.registro, ultimo - margen - 60) + azar.entero(0, 60));
    const demora = azar.ponderado([
      [0, 40],
      [1, 25],
      [2, 15],
      [4, 12],
      [6, 8],
    ]);
    const respuesta = envio + demora <= ultimo && azar.si(0.9) ? envio + demora : null;
    const detractor = agregarEncuesta(azar, ctx, h, {
      envio,
      respuesta,
      puntajes: puntajesAlAzar(azar),
      ...(vinculada && cabe ? { orden, pedido } : {}),
    });
    if (detractor) detractores.push(detractor);
  }
  return detractores;
}
