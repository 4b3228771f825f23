import { describe, expect, it } from 'vitest';
import {
  camposDesconocidos,
  fechaDeSerieExcel,
  leerBooleano,
  leerEntero,
  leerFecha,
  leerMonto,
  leerNumero,
  leerOpcion,
  leerTexto,
  mapearColumnas,
  normalizarEncabezado,
  SINONIMOS_ESTADO_ORDEN,
  SINONIMOS_TIPO_EQUIPO,
} from './importacion.ts';
import { ESTADOS_ORDEN } from './servicios.ts';
import { TIPOS_EQUIPO } from './clientes.ts';

describe('encabezados', () => {
  it.each([
    ['N° de Serie', 'n serie'],
    ['Nº serie', 'n serie'],
    ['Razón Social', 'razon social'],
    ['\uFEFFRUT', 'rut'],
    ['E-mail', 'e mail'],
    ['  Teléfono   Móvil ', 'telefono movil'],
    ['Año', 'ano'],
  ])('%j se normaliza a %j', (entrada, esperado) => {
    expect(normalizarEncabezado(entrada)).toBe(esperado);
  });

  it('reconoce los sinónimos de clientes e ignora las columnas desconocidas', () => {
    const columnas = mapearColumnas('clientes', [
      'Razón social',
      'Rut',
      'Fono',
      'E-mail',
      'Comuna',
      'Región',
      'Dirección',
      'Columna rara',
      'Celular',
    ]);
    expect(columnas).toEqual([
      { columna: 'Razón social', campo: 'nombre' },
      { columna: 'Rut', campo: 'rut' },
      { columna: 'Fono', campo: 'telefono' },
      { columna: 'E-mail', campo: 'email' },
      { columna: 'Comuna', campo: 'comuna' },
      { columna: 'Región', campo: 'region' },
      { columna: 'Dirección', campo: 'direccion' },
      { columna: 'Columna rara', campo: null },
      // Un campo lo toma la primera columna que lo reclama.
      { columna: 'Celular', campo: null },
    ]);
  });

  it('el mapeo del usuario manda sobre el reconocimiento automático', () => {
    const columnas = mapearColumnas('clientes', ['Cliente', 'RUT', 'Fono', 'Celular', 'Obs'], {
      Celular: 'telefono',
      Cliente: null,
      obs: 'nombre',
    });
    expect(columnas).toEqual([
      { columna: 'Cliente', campo: null },
      { columna: 'RUT', campo: 'rut' },
      { columna: 'Fono', campo: null },
      { columna: 'Celular', campo: 'telefono' },
      { columna: 'Obs', campo: 'nombre' },
    ]);
    expect(camposDesconocidos('clientes', { Obs: 'apodo', RUT: 'rut' })).toEqual(['apodo']);
  });

  it('en equipos y órdenes el RUT es el del cliente y "Cliente" (el nombre) se ignora', () => {
    expect(
      mapearColumnas('equipos', ['Rut cliente', 'Cliente', 'N° serie', 'Año', 'Horas', 'Marca']).map((c) => c.campo),
    ).toEqual(['rut_cliente', null, 'numero_serie', 'anio', 'horometro', 'marca']);
    expect(mapearColumnas('ordenes', ['OT', 'RUT', 'Fecha', 'Monto']).map((c) => c.campo)).toEqual([
      'numero',
      'rut_cliente',
      'fecha_ingreso',
      'monto_total',
    ]);
  });
});

describe('fechas', () => {
  it.each<[string | number | Date, string]>([
    [45321, '2024-01-30'],
    ['45321', '2024-01-30'],
    [45321.75, '2024-01-30'],
    ['24-11-2026', '2026-11-24'],
    ['24/11/2026', '2026-11-24'],
    ['1/2/2026', '2026-02-01'],
    ['24.11.2026', '2026-11-24'],
    ['2026-11-24', '2026-11-24'],
    ['2026-11-24T10:30:00', '2026-11-24'],
    ['24-11-2026 10:30', '2026-11-24'],
    [new Date(Date.UTC(2026, 0, 15)), '2026-01-15'],
  ])('%j → %s', (entrada, esperado) => {
    expect(leerFecha(entrada, 'Fecha')).toEqual({ ok: true, valor: esperado });
  });

  it('coincide con Excel desde el 1 de marzo de 1900 (antes Excel cuenta un 29-02-1900 que no existió)', () => {
    expect(fechaDeSerieExcel(61)).toBe('1900-03-01');
    expect(fechaDeSerieExcel(45_658)).toBe('2025-01-01');
  });

  it('rechaza fechas que no existen o que no son fechas, nombrando el campo', () => {
    expect(leerFecha('31-02-2026', 'Fecha de ingreso')).toEqual({
      ok: false,
      mensaje: 'Fecha de ingreso: la fecha 31-02-2026 no existe.',
    });
    expect(leerFecha('ayer', 'Fecha')).toEqual({
      ok: false,
      mensaje: 'Fecha: «ayer» no es una fecha; use dd-mm-aaaa.',
    });
    expect(leerFecha('12-11-26', 'Fecha').ok).toBe(false);
    expect(leerFecha('  ', 'Fecha')).toEqual({ ok: true, valor: null });
  });
});

describe('números y montos', () => {
  it.each<[string | number, number]>([
    ['$1.234.567', 1_234_567],
    ['$ 1.234.567', 1_234_567],
    ['1234567', 1_234_567],
    ['1.234.567,00', 1_234_567],
    ['1,234,567', 1_234_567],
    ['CLP 45.990', 45_990],
    [83_480, 83_480],
  ])('monto %j → %d', (entrada, esperado) => {
    expect(leerMonto(entrada, 'Monto')).toEqual({ ok: true, valor: esperado });
  });

  it('un monto con decimales, negativo o que no es número es un error con el nombre del campo', () => {
    expect(leerMonto('1.234,5', 'Monto')).toEqual({
      ok: false,
      mensaje: 'Monto: el monto va en pesos, sin decimales.',
    });
    expect(leerMonto('-5', 'Monto')).toEqual({ ok: false, mensaje: 'Monto: el monto no puede ser negativo.' });
    expect(leerMonto('mucho', 'Monto')).toEqual({ ok: false, mensaje: 'Monto: «mucho» no es un número.' });
  });

  it('lee decimales con coma o con punto', () => {
    expect(leerNumero('1.234,5', 'Horómetro')).toEqual({ ok: true, valor: 1234.5 });
    expect(leerNumero('1234.5', 'Horómetro')).toEqual({ ok: true, valor: 1234.5 });
    expect(leerNumero('1,5', 'Horómetro')).toEqual({ ok: true, valor: 1.5 });
    expect(leerEntero('2019,5', 'Año')).toEqual({ ok: false, mensaje: 'Año: debe ser un número entero.' });
  });
});

describe('sí/no, listas y texto', () => {
  it.each<[string | boolean, boolean]>([
    ['Sí', true],
    ['si', true],
    ['X', true],
    [true, true],
    ['NO', false],
    ['0', false],
  ])('%j → %s', (entrada, esperado) => {
    expect(leerBooleano(entrada, 'Activo')).toEqual({ ok: true, valor: esperado });
  });

  it('rechaza lo que no es sí ni no', () => {
    expect(leerBooleano('quizás', 'Activo')).toEqual({ ok: false, mensaje: 'Activo: «quizás» no es sí ni no.' });
  });

  it('lee opciones sin importar mayúsculas, tildes ni espacios, con sinónimos', () => {
    expect(leerOpcion('En Proceso', 'Estado', ESTADOS_ORDEN, SINONIMOS_ESTADO_ORDEN)).toEqual({
      ok: true,
      valor: 'en_proceso',
    });
    expect(leerOpcion('Cerrada', 'Estado', ESTADOS_ORDEN, SINONIMOS_ESTADO_ORDEN)).toEqual({
      ok: true,
      valor: 'terminada',
    });
    expect(leerOpcion('Pulverizadora', 'Tipo', TIPOS_EQUIPO, SINONIMOS_TIPO_EQUIPO)).toEqual({
      ok: true,
      valor: 'pulverizador',
    });
    expect(leerOpcion('Avión', 'Tipo de equipo', TIPOS_EQUIPO, SINONIMOS_TIPO_EQUIPO)).toEqual({
      ok: false,
      mensaje:
        'Tipo de equipo: «Avión» no es válido; use tractor, cosechadora, sembradora, pulverizador, enfardadora, otro.',
    });
  });

  it('quita espacios sobrantes y el apóstrofo con que Excel marca un texto', () => {
    expect(leerTexto('  Agrícola   Los Robles  ')).toBe('Agrícola Los Robles');
    expect(leerTexto("'=SUMA(A1)")).toBe('=SUMA(A1)');
    expect(leerTexto(912345678)).toBe('912345678');
    expect(leerTexto('')).toBeNull();
  });
});
