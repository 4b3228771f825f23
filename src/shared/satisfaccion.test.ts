import { describe, expect, it } from 'vitest';
import { calcularNps, npsDeNota, resumenDimensiones } from './satisfaccion.ts';

describe('NPS', () => {
  it('9–10 promotor, 7–8 pasivo, 1–6 detractor', () => {
    expect([10, 9, 8, 7, 6, 1].map(npsDeNota)).toEqual([1, 1, 0, 0, -1, -1]);
  });

  it('de un conjunto es 100 × (P − D) / n redondeado', () => {
    // 3 promotores, 2 pasivos, 2 detractores de 7: 100 × 1 / 7 = 14,28… → 14.
    expect(calcularNps([10, 9, 9, 8, 7, 3, 6])).toEqual({
      respondidas: 7,
      promotores: 3,
      pasivos: 2,
      detractores: 2,
      nps: 14,
    });
    expect(calcularNps([1, 2]).nps).toBe(-100);
    expect(calcularNps([null, undefined]).nps).toBeNull();
  });
});

describe('área más débil', () => {
  it('es la de menor promedio con su brecha frente a las demás; en empate, todas', () => {
    const r = resumenDimensiones([
      { puntuacion_tiempo: 5, puntuacion_calidad: 10, puntuacion_precio: 8, puntuacion_atencion: 9 },
      { puntuacion_tiempo: 6, puntuacion_calidad: 9, puntuacion_precio: 8, puntuacion_atencion: 9 },
    ]);
    expect(r.mas_debil).toEqual(['tiempo']);
    expect(r.mas_fuerte).toEqual(['calidad']);
    expect(r.brecha).toBe(3.33);
    expect(
      resumenDimensiones([
        { puntuacion_tiempo: 5, puntuacion_calidad: 5, puntuacion_precio: 9, puntuacion_atencion: 9 },
      ]).mas_debil,
    ).toEqual(['tiempo', 'calidad']);
  });
});
