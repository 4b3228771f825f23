import { describe, expect, it } from 'vitest';
import { proximaMantencion, usoDiario } from './mantencion.ts';

const hoy = '2026-11-24';

describe('próxima mantención: por fecha o por horas, lo que ocurra primero', () => {
  it('con uso intenso vence antes por horas', () => {
    // 8 h/día: 250 h de intervalo desde el servicio (1.000 h el 2026-10-01) se cumplen ~2026-11-01.
    const r = proximaMantencion({
      ultimoServicio: { fecha: '2026-10-01', horometro: 1000 },
      alta: '2020-01-01',
      intervaloMeses: 12,
      intervaloHoras: 250,
      lecturas: [
        { fecha: '2026-10-01', horas: 1000 },
        { fecha: '2026-10-21', horas: 1160 },
      ],
      hoy,
    });
    expect(r.horas_uso_diario).toBe(8);
    expect(r.horas_desde_servicio).toBe(160);
    expect(r.por_horas).toBe('2026-11-01');
    expect(r.por_fecha).toBe('2027-10-01');
    expect(r).toMatchObject({ fecha: '2026-11-01', motivo: 'horas' });
  });

  it('con poco uso vence antes por fecha', () => {
    const r = proximaMantencion({
      ultimoServicio: { fecha: '2025-12-15', horometro: 3000 },
      alta: '2020-01-01',
      intervaloMeses: 12,
      intervaloHoras: 250,
      lecturas: [
        { fecha: '2025-12-15', horas: 3000 },
        { fecha: '2026-11-15', horas: 3100 },
      ],
      hoy,
    });
    expect(r).toMatchObject({ fecha: '2026-12-15', motivo: 'fecha' });
    expect(r.por_horas! > r.por_fecha!).toBe(true);
  });

  it('si ya pasó el intervalo de horas, vence en la última lectura', () => {
    const r = proximaMantencion({
      ultimoServicio: { fecha: '2026-01-10', horometro: 500 },
      alta: '2020-01-01',
      intervaloMeses: null,
      intervaloHoras: 250,
      lecturas: [{ fecha: '2026-09-01', horas: 800 }],
      hoy,
    });
    expect(r).toMatchObject({ fecha: '2026-09-01', motivo: 'horas' });
  });

  it('sin servicio previo cuenta desde el alta y sin lecturas solo por fecha', () => {
    expect(
      proximaMantencion({
        ultimoServicio: null,
        alta: '2026-02-10',
        intervaloMeses: 12,
        intervaloHoras: 250,
        lecturas: [],
        hoy,
      }),
    ).toMatchObject({
      fecha: '2027-02-10',
      motivo: 'fecha',
      por_horas: null,
    });
  });

  it('el ritmo de uso sale de las lecturas del último año', () => {
    expect(usoDiario([{ fecha: '2026-01-01', horas: 0 }], hoy)).toBeNull();
    expect(
      usoDiario(
        [
          { fecha: '2020-01-01', horas: 0 },
          { fecha: '2026-01-01', horas: 100 },
          { fecha: '2026-01-11', horas: 150 },
        ],
        hoy,
      ),
    ).toBe(5);
  });
});
