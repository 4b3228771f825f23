import { describe, expect, it } from 'vitest';
import { dentroDeHorario, formatearHorario, interpretarHorario } from './horario.ts';

describe('horario de contacto', () => {
  it.each([
    ['lun-vie 08:00-13:00; sáb 09:00-12:00', 'lun-vie 08:00-13:00; sáb 09:00-12:00'],
    ['Lunes a viernes 8 a 13', 'lun-vie 08:00-13:00'],
    ['lunes, miércoles y viernes 15-18h', 'lun,mié,vie 15:00-18:00'],
    ['sab dom 9.30-12', 'sáb,dom 09:30-12:00'],
    ['todos los días 19:00-21:00', 'lun-dom 19:00-21:00'],
    ['mar-jue 8-9\nvie 10-11', 'mar-jue 08:00-09:00; vie 10:00-11:00'],
    ['', null],
  ])('«%s» → «%s»', (entrada, texto) => {
    const r = interpretarHorario(entrada);
    expect(r.ok && r.texto).toBe(texto);
  });

  it.each(['cuando pueda', 'lun 13-8', 'vie-lun 8-9', 'lun 25-26', 'funes 8-9'])(
    'rechaza «%s» con un mensaje en español',
    (e) => {
      expect(interpretarHorario(e)).toEqual({ ok: false, mensaje: expect.stringMatching(/hora|días|inicio/) });
    },
  );

  it('la forma canónica se lee igual y sirve para saber si un momento cae dentro', () => {
    const r = interpretarHorario('lun-vie 08:00-13:00; sáb 09:00-12:00');
    if (!r.ok) throw new Error(r.mensaje);
    expect(formatearHorario(r.franjas)).toBe('lun-vie 08:00-13:00; sáb 09:00-12:00');
    expect(dentroDeHorario(r.franjas, 3, '12:59')).toBe(true);
    expect(dentroDeHorario(r.franjas, 3, '13:00')).toBe(false);
    expect(dentroDeHorario(r.franjas, 7, '10:00')).toBe(false);
  });
});
