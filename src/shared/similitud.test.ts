import { describe, expect, it } from 'vitest';
import { nombreComparable } from './clientes.ts';
import { similitud, trigramas } from './similitud.ts';

const s = (a: string, b: string) => similitud(trigramas(nombreComparable(a)), trigramas(nombreComparable(b)));

describe('similitud de nombres', () => {
  it('ignora tildes, mayúsculas y la forma societaria', () => {
    expect(s('Agrícola Los Robles Ltda.', 'Agricola Los Robles')).toBe(1);
    expect(s('Sociedad Agrícola Pérez y Cía. Ltda.', 'agricola perez')).toBe(1);
  });

  it('tolera un error de tipeo y separa nombres distintos', () => {
    const tipeo = s('Agrícola Los Robles', 'Agricola Los Robels');
    expect(tipeo).toBeGreaterThan(0.55);
    expect(tipeo).toBeLessThan(1);
    expect(s('Agrícola Los Robles', 'Hacienda El Bajo')).toBeLessThan(0.1);
    expect(s('Juan Pérez González', 'Juan Pérez Gómez')).toBeLessThan(tipeo + 0.2);
  });

  it('coincide con pg_trgm en un caso conocido', () => {
    // PostgreSQL 15 here: similarity('word', 'two words') = 0.36363637 (4 shared of 11).
    expect(similitud(trigramas('word'), trigramas('two words'))).toBeCloseTo(4 / 11, 5);
    expect(similitud(trigramas(''), trigramas('algo'))).toBe(0);
  });
});
