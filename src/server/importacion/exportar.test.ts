import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { hoyEnSantiago } from '../../shared/formato.ts';
import { calcularDv } from '../../shared/rut.ts';
import { csv } from './pruebas.ts';

let t: AppDePrueba;
let comercial: string;
let lectura: string;
const rut = (n: number) => `${n}-${calcularDv(String(n))}`;

beforeAll(async () => {
  t = await crearAppDePrueba();
  comercial = await t.sesion('comercial');
  lectura = await t.sesion('lectura');
  const clientes = csv([
    ['Nombre', 'RUT', 'Teléfono', 'Correo', 'Comuna', 'Dirección', 'Fecha de nacimiento'],
    [
      'Agrícola Chillán Norte',
      rut(11_000_001),
      '9 1234 5678',
      'norte@chillan.cl',
      'Chillán',
      'Camino a Yungay km 3',
      '15-04-1970',
    ],
    ['=HYPERLINK("http://x")', rut(11_000_002), '', '', 'Chillán', '', ''],
    ['Hortalizas del Ñuble', rut(11_000_003), '(42) 243 1234', '', 'Chillán Viejo', '', ''],
    ['Fundo Temuco', rut(11_000_004), '', '', 'Temuco', '', ''],
  ]);
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/importaciones?entidad=clientes',
    payload: clientes,
    headers: { cookie: comercial, 'content-type': 'text/csv', accept: 'application/json' },
  });
  if (r.statusCode !== 201) throw new Error(`importar clientes: ${r.statusCode} ${r.body}`);
  const ordenes = csv([
    ['N° orden', 'RUT cliente', 'Tipo', 'Estado', 'Fecha ingreso', 'Monto'],
    ['OT-10', rut(11_000_001), 'Preventiva', 'Entregada', '02-11-2026', '$1.234.567'],
    ['OT-11', rut(11_000_004), 'Correctiva', 'Abierta', '03-11-2026', '90000'],
  ]);
  const o = await t.app.inject({
    method: 'POST',
    url: '/api/importaciones?entidad=ordenes',
    payload: ordenes,
    headers: { cookie: comercial, 'content-type': 'text/csv', accept: 'application/json' },
  });
  if (o.statusCode !== 201) throw new Error(`importar órdenes: ${o.statusCode} ${o.body}`);
});
afterAll(() => t.cerrar());

const bajar = (ruta: string, cookie = comercial) => t.app.inject({ method: 'GET', url: ruta, headers: { cookie } });
const ultimaAuditoria = () =>
  t.db.db.selectFrom('auditoria').selectAll().orderBy('id_auditoria', 'desc').executeTakeFirstOrThrow();

describe('exportar', () => {
  it('clientes a CSV con los filtros de la lista: BOM, `;`, RUT con puntos, fechas dd-mm-aaaa; queda auditado', async () => {
    const r = await bajar('/api/exportar/clientes?formato=csv&region=Ñuble&orden=rut');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toBe(`attachment; filename="clientes-${hoyEnSantiago()}.csv"`);
    expect(r.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const filas = Papa.parse<string[]>(r.body.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    expect(filas[0]).toEqual([
      'Nombre',
      'RUT',
      'Tipo de persona',
      'Dirección',
      'Comuna',
      'Región',
      'Teléfono',
      'Correo',
      'Fecha de nacimiento',
      'Aniversario',
      'Responsable',
      'Equipos activos',
      'Fecha de registro',
      'Último contacto',
      'Activo',
      'Archivado',
      'Canal preferido',
      'Horario de contacto',
      'Idioma y trato',
    ]);
    expect(filas).toHaveLength(4);
    expect(filas[1]!.slice(0, 9)).toEqual([
      'Agrícola Chillán Norte',
      '11.000.001-' + calcularDv('11000001'),
      '',
      'Camino a Yungay km 3',
      'Chillán',
      'Ñuble',
      '9 1234 5678',
      'norte@chillan.cl',
      '15-04-1970',
    ]);
    // Un texto que Excel tomaría por fórmula sale marcado como texto.
    expect(filas[2]![0]).toBe('\'=HYPERLINK("http://x")');
    expect(filas[3]!.slice(4, 7)).toEqual(['Chillán Viejo', 'Ñuble', '42 243 1234']);
    expect(filas[1]![12]).toBe(hoyEnSantiago().split('-').reverse().join('-'));
    expect(filas[1]![14]).toBe('Sí');
    const a = await ultimaAuditoria();
    expect(a).toMatchObject({ accion: 'exportar', entidad: 'clientes' });
    expect(a.detalle).toEqual({ formato: 'csv', filtros: { region: 'Ñuble', orden: 'rut' }, filas: 3 });
  });

  it('reimportar lo exportado no cambia nada', async () => {
    const r = await bajar('/api/exportar/clientes?formato=csv');
    const v = await t.app.inject({
      method: 'POST',
      url: '/api/importaciones/validar?entidad=clientes',
      payload: r.rawPayload,
      headers: { cookie: comercial, 'content-type': 'text/csv' },
    });
    expect(cuerpo(v)).toMatchObject({ filas: 4, con_errores: 0, nuevas: 0, actualizadas: 0, sin_cambios: 4 });
  });

  it('órdenes a XLSX: montos con formato $ y fechas como fechas de Excel', async () => {
    const r = await bajar('/api/exportar/ordenes?formato=xlsx&estado=entregada');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.headers['x-total-filas']).toBe('1');
    const libro = new ExcelJS.Workbook();
    await libro.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const hoja = libro.worksheets[0]!;
    expect(hoja.name).toBe('Órdenes de trabajo');
    expect(hoja.rowCount).toBe(2);
    const encabezados = (hoja.getRow(1).values as unknown[]).slice(1);
    expect(encabezados.slice(0, 3)).toEqual(['N° de orden', 'RUT cliente', 'Cliente']);
    const fila = hoja.getRow(2);
    const celda = (titulo: string) => fila.getCell(encabezados.indexOf(titulo) + 1);
    expect(celda('N° de orden').value).toBe('OT-10');
    expect(celda('RUT cliente').value).toBe(`11.000.001-${calcularDv('11000001')}`);
    expect(celda('Estado').value).toBe('Entregada');
    expect(celda('Monto').value).toBe(1_234_567);
    expect(celda('Monto').numFmt).toBe('"$"#,##0');
    expect(celda('Fecha de ingreso').value).toEqual(new Date(Date.UTC(2026, 10, 2)));
    expect(celda('Fecha de ingreso').numFmt).toBe('dd-mm-yyyy');
    expect((await ultimaAuditoria()).detalle).toEqual({ formato: 'xlsx', filtros: { estado: 'entregada' }, filas: 1 });
  });

  it('interacciones de todos los clientes, con rango de fechas', async () => {
    const { id_cliente } = await t.db.db
      .selectFrom('clientes')
      .select('id_cliente')
      .where('rut', '=', rut(11_000_004))
      .executeTakeFirstOrThrow();
    const i = await t.app.inject({
      method: 'POST',
      url: `/api/clientes/${id_cliente}/interacciones`,
      payload: { tipo: 'llamada', motivo: 'Ofrecer mantención', fecha: '2026-11-20T10:30:00-03:00' },
      headers: { cookie: comercial },
    });
    expect(i.statusCode).toBe(201);
    const r = await bajar('/api/exportar/interacciones?desde=2026-11-01&hasta=2026-11-30');
    const filas = Papa.parse<string[]>(r.body.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    expect(filas).toHaveLength(2);
    expect(filas[1]!.slice(0, 5)).toEqual([
      '20-11-2026 10:30',
      'Fundo Temuco',
      `11.000.004-${calcularDv('11000004')}`,
      'Llamada',
      'Ofrecer mantención',
    ]);
    const vacio = await bajar('/api/exportar/interacciones?desde=2026-12-01');
    expect(vacio.body.trim().split('\r\n')).toHaveLength(1);
  });

  it('recorre listas largas por páginas', async () => {
    await sql`
      INSERT INTO clientes (nombre, rut, comuna, region, codigo_comuna)
      SELECT 'Masivo ' || g, (40000000 + g)::text || '-0', 'Linares', 'Maule', '07401' FROM generate_series(1, 4500) g`.execute(
      t.db.db,
    );
    const r = await bajar('/api/exportar/clientes?formato=csv&comuna=Linares');
    expect(r.headers['x-total-filas']).toBe('4500');
    expect(r.body.trim().split('\r\n')).toHaveLength(4501);
    const x = await bajar('/api/exportar/clientes?formato=xlsx&comuna=Linares');
    const libro = new ExcelJS.Workbook();
    await libro.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(libro.worksheets[0]!.rowCount).toBe(4501);
  });

  it('lectura no exporta datos personales (clientes, interacciones) pero sí equipos y órdenes', async () => {
    for (const entidad of ['clientes', 'interacciones']) {
      const r = await bajar(`/api/exportar/${entidad}`, lectura);
      expect(r.statusCode).toBe(403);
      expect(cuerpo(r).detail).toBe(`Su rol (lectura) no permite exportar ${entidad}.`);
    }
    expect((await bajar('/api/exportar/ordenes?formato=csv', lectura)).statusCode).toBe(200);
    expect((await bajar('/api/exportar/equipos?formato=xlsx', lectura)).statusCode).toBe(200);
    expect((await bajar('/api/exportar/clientes?limit=10')).statusCode).toBe(400);
  });
});
