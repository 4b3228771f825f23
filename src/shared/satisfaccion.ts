/** NPS de una encuesta desde su nota general (DOMAIN.md): 9–10 → 1, 7–8 → 0, 1–6 → −1. */
export function npsDeNota(nota: number): -1 | 0 | 1 {
  if (nota >= 9) return 1;
  if (nota >= 7) return 0;
  return -1;
}

/** NPS de un conjunto = round(100 × (promotores − detractores) / respondidas); null si no hay respuestas. */
export function calcularNps(notas: (number | null | undefined)[]) {
  const validas = notas.filter((n): n is number => typeof n === 'number');
  const promotores = validas.filter((n) => n >= 9).length;
  const detractores = validas.filter((n) => n <= 6).length;
  const pasivos = validas.length - promotores - detractores;
  return {
    respondidas: validas.length,
    promotores,
    pasivos,
    detractores,
    nps: validas.length === 0 ? null : Math.round((100 * (promotores - detractores)) / validas.length),
  };
}

export const DIMENSIONES = ['tiempo', 'calidad', 'precio', 'atencion'] as const;
export type Dimension = (typeof DIMENSIONES)[number];
export const NOMBRE_DIMENSION: Record<Dimension, string> = {
  tiempo: 'tiempo de respuesta',
  calidad: 'calidad de servicio',
  precio: 'precio',
  atencion: 'atención al cliente',
};

/** Promedio de cada dimensión en un conjunto de encuestas (null si ninguna la respondió). */
export function promediosDimensiones(encuestas: Partial<Record<`puntuacion_${Dimension}`, number | null>>[]) {
  const promedios = {} as Record<Dimension, number | null>;
  for (const d of DIMENSIONES) {
    const notas = encuestas.map((e) => e[`puntuacion_${d}`]).filter((n): n is number => typeof n === 'number');
    promedios[d] = notas.length ? Math.round((notas.reduce((s, n) => s + n, 0) / notas.length) * 100) / 100 : null;
  }
  return promedios;
}

/**
 * Las dimensiones más fuerte y más débil (DOMAIN.md "Weakest area": la de menor promedio; en
 * empate, todas), con la brecha entre la más débil y el promedio de las demás.
 */
export function analizarDimensiones(promedios: Record<Dimension, number | null>) {
  const conDatos = DIMENSIONES.filter((d) => promedios[d] != null);
  if (conDatos.length === 0)
    return { promedios, mas_debil: [] as Dimension[], mas_fuerte: [] as Dimension[], brecha: null };
  const minimo = Math.min(...conDatos.map((d) => promedios[d]!));
  const maximo = Math.max(...conDatos.map((d) => promedios[d]!));
  const debiles = conDatos.filter((d) => promedios[d] === minimo);
  const otras = conDatos.filter((d) => !debiles.includes(d));
  const brecha = otras.length
    ? Math.round((otras.reduce((s, d) => s + promedios[d]!, 0) / otras.length - minimo) * 100) / 100
    : 0;
  return { promedios, mas_debil: debiles, mas_fuerte: conDatos.filter((d) => promedios[d] === maximo), brecha };
}

export function resumenDimensiones(encuestas: Partial<Record<`puntuacion_${Dimension}`, number | null>>[]) {
  return analizarDimensiones(promediosDimensiones(encuestas));
}
