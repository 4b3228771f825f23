import { describe, expect, it } from 'vitest';
import { calcularDv, formatearRut, normalizarRut, rutBuscable } from './rut.ts';

describe('RUT módulo 11', () => {
  it.each([
    ['12345678', '5'],
    ['11111111', '1'],
    ['76086428', '5'],
    ['6', 'K'],
    ['1000005', 'K'],
    ['10000004', '0'],
    ['100000000', '7'],
  ])('el cuerpo %s tiene dígito %s', (cuerpo, dv) => {
    expect(calcularDv(cuerpo)).toBe(dv);
  });

  it.each(['12.345.678-5', '12345678-5', '123456785', ' 12.345.678-5 ', '12 345 678-5'])(
    'acepta %j y lo guarda como 12345678-5',
    (entrada) => {
      expect(normalizarRut(entrada)).toMatchObject({ ok: true, rut: '12345678-5' });
    },
  );

  it('acepta la k minúscula y la guarda mayúscula', () => {
    expect(normalizarRut('1.000.005-k')).toMatchObject({ ok: true, rut: '1000005-K' });
  });

  it('acepta cuerpos de 9 dígitos (RUT provisorios)', () => {
    expect(normalizarRut('100.000.000-7')).toMatchObject({ ok: true, rut: '100000000-7' });
  });

  it('rechaza un dígito verificador equivocado diciendo cuál corresponde', () => {
    expect(normalizarRut('12.345.678-4')).toEqual({
      ok: false,
      mensaje: 'El dígito verificador del RUT no corresponde: para 12.345.678 debe ser 5.',
    });
  });

  it.each(['', 'abc', '12.345.678-X', '1234567890-1', '-5', '12-345'])('rechaza %j', (entrada) => {
    expect(normalizarRut(entrada).ok).toBe(false);
  });

  it('muestra el RUT con puntos', () => {
    expect(formatearRut('12345678-5')).toBe('12.345.678-5');
    expect(formatearRut('1000005-K')).toBe('1.000.005-K');
    expect(formatearRut('6-K')).toBe('6-K');
  });

  it('reconoce un RUT parcial para buscar', () => {
    expect(rutBuscable('12.345.678-5')).toBe('123456785');
    expect(rutBuscable('12345')).toBe('12345');
    expect(rutBuscable('Agrícola')).toBeNull();
    expect(rutBuscable('12')).toBeNull();
  });
});
