import { describe, expect, it } from 'vitest';
import { estaActivo, restarMeses } from './actividad.ts';
import { fechaEnSantiago, formatearFecha, formatearMonto, hoyEnSantiago } from './formato.ts';

describe('activo: actividad en los últimos 12 meses', () => {
  it('resta meses como PostgreSQL (fin de mes corto)', () => {
    expect(restarMeses('2026-11-24', 12)).toBe('2025-11-24');
    expect(restarMeses('2026-03-31', 1)).toBe('2026-02-28');
    expect(restarMeses('2024-03-31', 1)).toBe('2024-02-29');
    expect(restarMeses('2026-01-15', 6)).toBe('2025-07-15');
  });

  it('es activo con actividad dentro de los 12 meses e inactivo justo en el límite', () => {
    expect(estaActivo('2025-11-25', '2026-11-24')).toBe(true);
    expect(estaActivo('2025-11-24', '2026-11-24')).toBe(false);
    expect(estaActivo(null, '2026-11-24')).toBe(false);
  });
});

describe('formato es-CL', () => {
  it('fechas dd-mm-aaaa en la zona de Santiago', () => {
    expect(formatearFecha('2026-03-05')).toBe('05-03-2026');
    // 02:30 UTC del 1 de enero es aún 31 de diciembre en Santiago (UTC−3 en verano).
    expect(fechaEnSantiago(new Date('2026-01-01T02:30:00Z'))).toBe('2025-12-31');
    expect(hoyEnSantiago(new Date('2026-07-01T03:30:00Z'))).toBe('2026-06-30');
  });

  it('montos en pesos sin decimales', () => {
    expect(formatearMonto(1234567)).toBe('$1.234.567');
    expect(formatearMonto(0)).toBe('$0');
    expect(formatearMonto(-990.6)).toBe('-$991');
  });
});
