import { describe, expect, it } from 'vitest';
import { buscarComuna, buscarRegion, COMUNAS, REGIONES, resolverUbicacion } from './territorio.ts';

describe('regiones y comunas oficiales', () => {
  it('son 16 regiones y 346 comunas, de norte a sur', () => {
    expect(REGIONES).toHaveLength(16);
    expect(COMUNAS).toHaveLength(346);
    expect(REGIONES[0]!.region).toBe('Arica y Parinacota');
    expect(REGIONES.at(-1)!.nombre_corto).toMatch(/Magallanes/);
  });

  it('encuentra comunas sin importar tildes ni mayúsculas, y por alias', () => {
    expect(buscarComuna('chillan')?.comuna).toBe('Chillán');
    expect(buscarComuna('LOS ANGELES')?.codigo_comuna).toBe('08301');
    expect(buscarComuna('Llay-Llay')?.comuna).toBe('Llaillay');
    expect(buscarComuna('Springfield')).toBeUndefined();
  });

  it('encuentra regiones por nombre, sin tildes o por número romano', () => {
    expect(buscarRegion('nuble')?.codigo_region).toBe('16');
    expect(buscarRegion('Región del Maule')?.codigo_region).toBe('07');
    expect(buscarRegion('VIII')?.codigo_region).toBe('08');
    expect(buscarRegion('araucania')?.codigo_region).toBe('09');
    expect(buscarRegion('Región de La Araucanía')?.codigo_region).toBe('09');
  });

  it('la comuna decide la región', () => {
    expect(resolverUbicacion('Chillán', null)).toMatchObject({ ok: true, comuna: { region: 'Ñuble' } });
    expect(resolverUbicacion('Chillán', 'ñuble')).toMatchObject({ ok: true });
  });

  it('una región que contradice la comuna es un error que lo explica', () => {
    expect(resolverUbicacion('Chillán', 'Maule')).toEqual({
      ok: false,
      campo: 'region',
      mensaje: 'La comuna Chillán pertenece a la región de Ñuble, no a Maule.',
    });
  });

  it('una región sin comuna pide la comuna', () => {
    expect(resolverUbicacion(null, 'Maule')).toMatchObject({ ok: false, campo: 'comuna' });
  });
});
