import { azarDe } from './azar.ts';
import type { Escala } from './escalas.ts';
import { DIAS_ANIO, mesesAntes } from './fechas.ts';
import type { Perfil } from './contexto.ts';

/**
 * Primera pasada: antes de generar nada se decide, cliente por cliente, su perfil, sus fechas, su
 * tamaño y cuántas filas de cada tabla le tocan. Las cuotas se reparten en proporción al tamaño y
 * a los años de relación, con redondeo acumulado, para que los totales den exactos en cada escala.
 */

const ETAPA_PLAN = 1;

/** Cómo se parece un duplicado a su original (ver clientes.ts). */
export type ClaseDuplicado = 'razon_social' | 'mismo_telefono' | 'persona' | 'mayusculas' | 'abreviatura';
const CLASES: readonly ClaseDuplicado[] = ['razon_social', 'mismo_telefono', 'persona', 'mayusculas', 'abreviatura'];

export interface Cuotas {
  equipos: number;
  ordenes: number;
  pedidos: number;
  cotizaciones: number;
  interacciones: number;
  encuestas: number;
}

export type Tabla = keyof Cuotas;

export interface Plan {
  n: number;
  empresa: Uint8Array;
  perfil: Perfil[];
  registro: Int32Array;
  limite: Int32Array;
  tamano: Float64Array;
  /** Para un duplicado, el id de su original (0 si no lo es). */
  duplicadoDe: Int32Array;
  clase: (ClaseDuplicado | null)[];
  /** Clientes que otro duplicará: se guardan sus datos al generarlos. */
  originales: Set<number>;
  cuotas: Record<Tabla, Int32Array>;
}

/** Id 1 es el cliente del ejemplo del seed, con su historia fija. */
export const ID_TRIUNFO = 1;

export function planificar(escala: Escala, semilla: number, hoy: number, triunfo: Cuotas): Plan {
  const n = escala.clientes;
  const plan: Plan = {
    n,
    empresa: new Uint8Array(n + 1),
    perfil: new Array<Perfil>(n + 1).fill('activo'),
    registro: new Int32Array(n + 1),
    limite: new Int32Array(n + 1),
    tamano: new Float64Array(n + 1),
    duplicadoDe: new Int32Array(n + 1),
    clase: new Array<ClaseDuplicado | null>(n + 1).fill(null),
    originales: new Set(),
    cuotas: {} as Record<Tabla, Int32Array>,
  };
  marcarDuplicados(plan, escala.paresDuplicados);

  const seisAnios = Math.round(6 * DIAS_ANIO);
  const haceUnAnio = mesesAntes(hoy, 12);
  const haceSeisMeses = mesesAntes(hoy, 6);
  for (let id = 2; id <= n; id++) {
    const azar = azarDe(semilla, id, ETAPA_PLAN);
    const original = plan.duplicadoDe[id]!;
    const clase = plan.clase[id];
    if (original) {
      // Un duplicado se crea después de su original, por error, y casi no tiene historia.
      // El mismo teléfono suele ser el del dueño y el de su sociedad: uno persona, el otro empresa.
      plan.empresa[id] = clase === 'mismo_telefono' ? 1 - plan.empresa[original]! : plan.empresa[original]!;
      plan.registro[id] = Math.min(hoy - 8, plan.registro[original]! + azar.entero(20, 400));
      plan.limite[id] = hoy - 1;
      plan.tamano[id] = 0.15;
      continue;
    }
    if (!plan.originales.has(id)) plan.empresa[id] = azar.si(0.5) ? 1 : 0;
    const perfil = plan.originales.has(id)
      ? 'activo'
      : azar.ponderado<Perfil>([
          ['activo', 87],
          ['inactivo', 7],
          ['dormido', 6],
        ]);
    plan.perfil[id] = perfil;
    if (perfil === 'activo') {
      plan.registro[id] = hoy - azar.entero(8, seisAnios);
      plan.limite[id] = hoy - 1;
    } else if (perfil === 'inactivo') {
      // Actividad hasta hace 6–12 meses: sigue activo, pero aparece en el reporte de inactividad.
      plan.registro[id] = hoy - azar.entero(hoy - mesesAntes(hoy, 9), seisAnios);
      plan.limite[id] = azar.entero(Math.max(plan.registro[id]! + 30, haceUnAnio + 10), haceSeisMeses - 5);
    } else {
      // Sin actividad en 12 meses: activo = false.
      plan.registro[id] = hoy - azar.entero(hoy - mesesAntes(hoy, 14), seisAnios);
      plan.limite[id] = azar.entero(Math.min(plan.registro[id]! + 60, haceUnAnio - 10), haceUnAnio - 10);
    }
    plan.tamano[id] = azar.logNormal(1, 0.7) * (plan.empresa[id] ? 1.5 : 1);
  }
  repartirCuotas(plan, escala, triunfo);
  return plan;
}

/** Pares repartidos a lo largo de los ids; el duplicado queda unos pocos ids después del original. */
function marcarDuplicados(plan: Plan, pares: number): void {
  const paso = (plan.n - 10) / Math.max(1, pares);
  for (let k = 0; k < pares; k++) {
    const original = 3 + Math.floor(k * paso);
    const duplicado = original + 2 + (k % 4);
    if (duplicado > plan.n) break;
    const clase = CLASES[k % CLASES.length]!;
    plan.duplicadoDe[duplicado] = original;
    plan.clase[duplicado] = clase;
    plan.originales.add(original);
    // La clase decide qué debe ser el original: una razón social se abrevia, una persona se escribe distinto.
    plan.empresa[original] = clase === 'persona' ? 0 : clase === 'razon_social' || clase === 'abreviatura' ? 1 : k % 2;
  }
}

function repartirCuotas(plan: Plan, escala: Escala, triunfo: Cuotas): void {
  const { n } = plan;
  const tamano = plan.tamano;
  plan.cuotas.equipos = repartir(tamano, escala.equipos - triunfo.equipos, () => 0);
  const peso = new Float64Array(n + 1);
  const pesoOrdenes = new Float64Array(n + 1);
  for (let id = 2; id <= n; id++) {
    const anios = Math.max(0.1, (plan.limite[id]! - plan.registro[id]!) / DIAS_ANIO);
    peso[id] = tamano[id]! * anios;
    // Sin equipos registrados igual hay trabajos, pero muchos menos.
    pesoOrdenes[id] = peso[id]! * (plan.cuotas.equipos[id]! > 0 ? 1 : 0.3);
  }
  plan.cuotas.ordenes = repartir(pesoOrdenes, escala.ordenes - triunfo.ordenes, () => 0);
  plan.cuotas.pedidos = repartir(peso, escala.pedidos - triunfo.pedidos, () => 0);
  plan.cuotas.cotizaciones = repartir(peso, escala.cotizaciones - triunfo.cotizaciones, () => 0);
  plan.cuotas.encuestas = repartir(peso, escala.encuestas - triunfo.encuestas, () => 0);
  // Todo cliente tuvo al menos un contacto; un activo, además, uno en los últimos meses.
  plan.cuotas.interacciones = repartir(peso, escala.interacciones - triunfo.interacciones, (id) =>
    id < 2 ? 0 : plan.perfil[id] === 'activo' ? 2 : 1,
  );
  for (const tabla of Object.keys(triunfo) as Tabla[]) plan.cuotas[tabla][ID_TRIUNFO] = triunfo[tabla];
}

/** Reparte `total` según los pesos (más un mínimo por cliente) con redondeo acumulado: la suma es exacta. */
function repartir(pesos: Float64Array, total: number, minimo: (id: number) => number): Int32Array {
  const cuotas = new Int32Array(pesos.length);
  let base = 0;
  for (let id = 0; id < pesos.length; id++) {
    cuotas[id] = minimo(id);
    base += cuotas[id]!;
  }
  const resto = total - base;
  if (resto < 0) throw new Error(`La escala no alcanza: se necesitan al menos ${base} filas y hay ${total}.`);
  let suma = 0;
  for (const p of pesos) suma += p;
  let acumulado = 0;
  let asignado = 0;
  for (let id = 0; id < pesos.length; id++) {
    acumulado += pesos[id]!;
    const meta = suma === 0 ? 0 : Math.round((resto * acumulado) / suma);
    cuotas[id] = cuotas[id]! + meta - asignado;
    asignado = meta;
  }
  return cuotas;
}
