import { describe, expect, it } from 'vitest';
import { digitosWhatsapp, formatearTelefono, normalizarTelefono } from './telefono.ts';

describe('teléfono E.164', () => {
  it.each([
    ['9 1234 5678', '+56912345678'],
    ['912345678', '+56912345678'],
    ['+56 9 1234 5678', '+56912345678'],
    ['56912345678', '+56912345678'],
    ['(2) 2345 6789', '+56223456789'],
    ['42 243 1234', '+56422431234'],
  ])('%j → %s', (entrada, e164) => {
    expect(normalizarTelefono(entrada)).toEqual({ ok: true, e164 });
  });

  it.each(['123', 'hola', '9 1234', '+56 1 2345'])('rechaza %j con un mensaje en español', (entrada) => {
    expect(normalizarTelefono(entrada)).toMatchObject({ ok: false, mensaje: expect.stringMatching(/teléfono/) });
  });

  it('formatea y arma el enlace de WhatsApp', () => {
    expect(formatearTelefono('+56912345678')).toBe('+56 9 1234 5678');
    expect(digitosWhatsapp('+56912345678')).toBe('56912345678');
  });
});
