import type { Kysely } from 'kysely';
import { azarDe } from './azar.ts';
import { crearSalida, vaciarSalida } from './cargar.ts';
import { celular, generarIdentidad, type Identidad } from './clientes.ts';
import type { Contexto, Historia } from './contexto.ts';
import { duplicar } from './duplicados.ts';
import { generarEncuestas } from './encuestas.ts';
import { escribirEquipos, generarEquipos } from './equipos.ts';
import type { Escala } from './escalas.ts';
import { diaDe } from './fechas.ts';
import { generarInteracciones } from './interacciones.ts';
import { ID_TRIUNFO, planificar, type Plan } from './plan.ts';
import type { Preparacion } from './base.ts';
import { agregarConsentimientos, agregarContactos, asignarEtiquetas } from './relacion.ts';
import { generarCotizaciones, generarOrdenes, generarPedidos } from './servicios.ts';
import { generarTriunfo, TRIUNFO_CUOTAS } from './triunfo.ts';

/**
 * Segunda pasada: cliente por cliente se genera toda su historia en memoria, por tandas de unos
 * cientos, y cada tanda se inserta tabla por tabla (padres primero) antes de seguir. Así la
 * memoria no crece con la escala y cada orden, pedido o encuesta ve a su cliente y equipo.
 */

const ETAPA_CLIENTE = 2;

export interface Medicion {
  tabla: string;
  filas: number;
  milisegundos: number;
}

export interface ResultadoCarga {
  tablas: Medicion[];
  /** Tiempo de JavaScript generando filas (fuera de la base de datos). */
  generacionMs: number;
}

function generarCliente(ctx: Contexto, plan: Plan, id: number, originales: Map<number, Identidad>): void {
  if (id === ID_TRIUNFO) return generarTriunfo(ctx, id);
  const azar = azarDe(ctx.semilla, id, ETAPA_CLIENTE);
  const idOriginal = plan.duplicadoDe[id]!;
  const datos = { id, empresa: plan.empresa[id] === 1, registro: plan.registro[id]!, limite: plan.limite[id]! };
  const original = idOriginal ? originales.get(idOriginal) : undefined;
  const identidad = original
    ? duplicar(azar, ctx, original, plan.clase[id]!, datos)
    : generarIdentidad(azar, ctx, datos);
  if (original) originales.delete(idOriginal);
  if (plan.originales.has(id)) {
    // Su duplicado comparte teléfono o correo: el original debe tenerlos.
    identidad.fila.telefono ??= celular(azar);
    originales.set(id, identidad);
  }
  ctx.salida.clientes.agregar(identidad.fila);
  const h: Historia = {
    id,
    perfil: plan.perfil[id]!,
    registro: datos.registro,
    limite: datos.limite,
    responsable: identidad.fila.id_responsable,
    equipos: [],
    ordenes: [],
    pedidos: [],
  };
  if (!original) {
    asignarEtiquetas(azar, ctx, identidad);
    agregarContactos(azar, ctx, identidad);
  }
  agregarConsentimientos(azar, ctx, identidad, h);
  h.equipos = generarEquipos(azar, ctx, h, plan.cuotas.equipos[id]!);
  generarOrdenes(azar, ctx, h, plan.cuotas.ordenes[id]!);
  generarPedidos(azar, ctx, h, plan.cuotas.pedidos[id]!);
  generarCotizaciones(azar, ctx, h, plan.cuotas.cotizaciones[id]!);
  escribirEquipos(azar, ctx, h);
  const detractores = generarEncuestas(azar, ctx, h, plan.cuotas.encuestas[id]!);
  generarInteracciones(azar, ctx, h, plan.cuotas.interacciones[id]!, detractores);
}

/** Genera e inserta la escala completa; `informar` recibe una línea de progreso por transacción. */
export async function generarDemo(
  db: Kysely<any>,
  opciones: { escala: Escala; semilla: number; hoy: string },
  preparacion: Preparacion,
  informar: (linea: string) => void,
): Promise<ResultadoCarga> {
  const { escala, semilla } = opciones;
  const hoy = diaDe(opciones.hoy);
  const plan = planificar(escala, semilla, hoy, TRIUNFO_CUOTAS);
  const ctx: Contexto = {
    semilla,
    hoy,
    personal: preparacion.personal,
    etiquetas: preparacion.etiquetas,
    idPlantilla: preparacion.idPlantilla,
    ids: {
      equipo: 0,
      lectura: 0,
      orden: 0,
      pedido: 0,
      cotizacion: 0,
      interaccion: 0,
      encuesta: 0,
      contacto: 0,
      consentimiento: 0,
    },
    salida: crearSalida(),
    ruts: new Set(),
    nombres: new Set(),
    correos: new Set(),
  };
  const originales = new Map<number, Identidad>();
  let generacionMs = 0;
  const inicio = performance.now();
  for (let desde = 1; desde <= plan.n; desde += escala.clientesPorTransaccion) {
    const hasta = Math.min(plan.n, desde + escala.clientesPorTransaccion - 1);
    await db.transaction().execute(async (trx) => {
      for (let tanda = desde; tanda <= hasta; tanda += escala.clientesPorTanda) {
        const t0 = performance.now();
        for (let id = tanda; id <= Math.min(hasta, tanda + escala.clientesPorTanda - 1); id++)
          generarCliente(ctx, plan, id, originales);
        generacionMs += performance.now() - t0;
        await vaciarSalida(trx, ctx.salida);
      }
    });
    const segundos = (performance.now() - inicio) / 1000;
    const filas = Object.values(ctx.salida).reduce((s, l) => s + l.insertadas, 0);
    informar(
      `  ${formato.format(hasta)} de ${formato.format(plan.n)} clientes (${Math.round((100 * hasta) / plan.n)} %) · ` +
        `${formato.format(filas)} filas · ${decimal.format(segundos)} s · ${formato.format(Math.round(filas / segundos))} filas/s`,
    );
  }
  return {
    tablas: Object.values(ctx.salida).map((l) => ({
      tabla: l.tabla.nombre,
      filas: l.insertadas,
      milisegundos: l.milisegundos,
    })),
    generacionMs,
  };
}

export const formato = new Intl.NumberFormat('es-CL');
export const decimal = new Intl.NumberFormat('es-CL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
