import { describe, expect, it } from 'vitest';
import { decidirEnvio, enSilencio, finDelSilencio, REGLAS_POR_DEFECTO } from './contacto.ts';

const silencio = REGLAS_POR_DEFECTO.silencio;
const dia = 86_400_000;

describe('horario de silencio en America/Santiago', () => {
  it('reconoce las horas de silencio a ambos lados de la medianoche', () => {
    // 2026-11-25 is summer time in Chile (UTC−3).
    expect(enSilencio(new Date('2026-11-25T22:59:00Z'), silencio)).toBe(false); // 19:59
    expect(enSilencio(new Date('2026-11-25T23:00:00Z'), silencio)).toBe(true); // 20:00
    expect(enSilencio(new Date('2026-11-26T10:59:00Z'), silencio)).toBe(true); // 07:59
    expect(enSilencio(new Date('2026-11-26T11:00:00Z'), silencio)).toBe(false); // 08:00
  });

  it('termina a las 08:00 de Santiago aunque esa noche cambie la hora (inicio del horario de verano)', () => {
    // Chile moves its clocks from 24:00 Saturday 5 Sept 2026 to 01:00 Sunday (UTC−4 → UTC−3).
    const sabado22 = new Date('2026-09-06T02:00:00Z'); // 22:00 on Saturday, UTC−4
    const fin = finDelSilencio(sabado22, silencio);
    expect(fin.toISOString()).toBe('2026-09-06T11:00:00.000Z'); // 08:00 on Sunday, UTC−3
    expect(fin.getTime() - sabado22.getTime()).toBe(9 * 3600_000); // one hour shorter night
  });

  it('termina a las 08:00 de Santiago cuando vuelve la hora de invierno', () => {
    // Chile moves its clocks back from 24:00 Saturday 4 April 2026 to 23:00 (UTC−3 → UTC−4).
    const sabado22 = new Date('2026-04-05T01:00:00Z'); // 22:00 on Saturday, UTC−3
    const fin = finDelSilencio(sabado22, silencio);
    expect(fin.toISOString()).toBe('2026-04-05T12:00:00.000Z'); // 08:00 on Sunday, UTC−4
    expect(fin.getTime() - sabado22.getTime()).toBe(11 * 3600_000);
  });

  it('sin horario de silencio no retiene', () => {
    expect(finDelSilencio(new Date('2026-11-26T03:00:00Z'), null).toISOString()).toBe('2026-11-26T03:00:00.000Z');
  });
});

describe('tope de contacto', () => {
  const ahora = new Date('2026-11-25T15:00:00Z'); // 12:00 in Santiago
  const reglas = { ...REGLAS_POR_DEFECTO, tope: 2 };

  it('envía mientras no se alcanza el tope en 30 días', () => {
    const d = decidirEnvio([new Date(ahora.getTime() - 40 * dia), new Date(ahora.getTime() - 3 * dia)], ahora, reglas);
    expect(d).toEqual({ estado: 'pendiente', programado_para: ahora, motivo_retencion: null });
  });

  it('al alcanzar el tope retiene hasta que el contacto más antiguo salga de la ventana', () => {
    const viejo = new Date('2026-11-10T15:00:00Z');
    const d = decidirEnvio([new Date('2026-11-20T15:00:00Z'), viejo], ahora, reglas);
    expect(d.estado).toBe('retenido');
    expect(d.motivo_retencion).toMatch(/Tope de contacto: ya recibió 2 contactos en 30 días \(máximo 2\)/);
    // 30 days after the oldest is 2026-12-10 12:01 in Santiago: outside the quiet hours.
    expect(d.programado_para.toISOString()).toBe('2026-12-10T15:01:00.000Z');
    // The next decision at that moment lets it go.
    expect(decidirEnvio([new Date('2026-11-20T15:00:00Z'), viejo], d.programado_para, reglas).estado).toBe('pendiente');
  });

  it('retiene de noche y libera a las 08:00', () => {
    const noche = new Date('2026-11-26T01:30:00Z'); // 22:30
    const d = decidirEnvio([], noche, reglas);
    expect(d.estado).toBe('retenido');
    expect(d.motivo_retencion).toMatch(/Horario de silencio \(20:00 a 08:00\)/);
    expect(d.programado_para.toISOString()).toBe('2026-11-26T11:00:00.000Z');
  });
});
