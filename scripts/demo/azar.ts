/**
 * Azar reproducible: la demostración debe salir idéntica con la misma semilla y la misma fecha,
 * así que nada aquí usa Math.random. El generador es mulberry32 (32 bits de estado, rápido y
 * suficiente para datos de muestra; no sirve para criptografía).
 */

/** Mezcla varios enteros en una semilla de 32 bits (finalizador de murmur3 por cada parte). */
export function mezclar(...partes: number[]): number {
  let h = 0x9e3779b9;
  for (const parte of partes) {
    h = Math.imul(h ^ (parte >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** Una secuencia de números pseudoaleatorios con utilidades para elegir datos creíbles. */
export class Azar {
  #estado: number;

  constructor(semilla: number) {
    this.#estado = semilla >>> 0;
  }

  /** Un real en [0, 1). */
  real(): number {
    this.#estado = (this.#estado + 0x6d2b79f5) >>> 0;
    let t = this.#estado;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Un entero en [min, max], ambos incluidos. */
  entero(min: number, max: number): number {
    return min + Math.floor(this.real() * (max - min + 1));
  }

  /** Un real en [min, max). */
  entre(min: number, max: number): number {
    return min + this.real() * (max - min);
  }

  /** Verdadero con probabilidad `p`. */
  si(p: number): boolean {
    return this.real() < p;
  }

  elegir<T>(lista: readonly T[]): T {
    return lista[Math.floor(this.real() * lista.length)]!;
  }

  /** Elige según pesos relativos: `[[valor, peso], …]`. */
  ponderado<T>(opciones: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, peso] of opciones) total += peso;
    let r = this.real() * total;
    for (const [valor, peso] of opciones) {
      r -= peso;
      if (r < 0) return valor;
    }
    return opciones[opciones.length - 1]![0];
  }

  /** Normal estándar (Box–Muller). */
  normal(): number {
    const u = 1 - this.real();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.real());
  }

  /** Log-normal con la mediana dada: montos y tamaños tienen cola larga a la derecha. */
  logNormal(mediana: number, sigma: number): number {
    return mediana * Math.exp(sigma * this.normal());
  }

  /** `n` elementos distintos de la lista, en orden aleatorio. */
  muestra<T>(lista: readonly T[], n: number): T[] {
    const copia = [...lista];
    const cantidad = Math.min(n, copia.length);
    for (let i = 0; i < cantidad; i++) {
      const j = i + Math.floor(this.real() * (copia.length - i));
      [copia[i], copia[j]] = [copia[j]!, copia[i]!];
    }
    return copia.slice(0, cantidad);
  }
}

/** El azar propio de un cliente y una etapa: lo que se genera de uno no corre la secuencia de otro. */
export function azarDe(semilla: number, idCliente: number, etapa: number): Azar {
  return new Azar(mezclar(semilla, idCliente, etapa));
}
