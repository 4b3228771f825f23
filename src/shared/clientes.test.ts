import { describe, expect, it } from 'vitest';
import { nombreComparable, normalizarCliente } from './clientes.ts';

describe('normalizarCliente', () => {
  it('deja los datos en su forma canónica', () => {
    const r = normalizarCliente({
      nombre: '  Agrícola   El Triunfo ',
      rut: '12.345.678-5',
      comuna: 'chillan viejo',
      telefono: '9 1234 5678',
      email: ' Ventas@Triunfo.CL ',
    });
    expect(r).toEqual({
      ok: true,
      valor: {
        nombre: 'Agrícola El Triunfo',
        rut: '12345678-5',
        comuna: 'Chillán Viejo',
        region: 'Ñuble',
        codigo_comuna: '16103',
        telefono: '+56912345678',
        email: 'ventas@triunfo.cl',
      },
    });
  });

  it('junta todos los errores por campo', () => {
    const r = normalizarCliente({
      nombre: 'X',
      rut: '12.345.678-4',
      comuna: 'Chillán',
      region: 'Maule',
      email: 'no-es-correo',
      telefono: '12',
    });
    const campos = r.ok ? [] : r.errores.map((e) => e.campo).sort();
    expect(campos).toEqual(['email', 'nombre', 'region', 'rut', 'telefono']);
  });

  it('compara nombres sin tildes ni forma societaria', () => {
    expect(nombreComparable('Agrícola Los Robles Ltda.')).toBe('agricola los robles');
    expect(nombreComparable('AGRICOLA LOS ROBLES SpA')).toBe('agricola los robles');
    expect(nombreComparable('Comercial Sur S.A.')).toBe('comercial sur');
  });
});
