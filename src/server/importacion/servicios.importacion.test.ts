import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { crearCliente } from '../../../test/fabricas.ts';
import { restarMeses } from '../../shared/actividad.ts';
import { formatearFecha, hoyEnSantiago } from '../../shared/formato.ts';
import { calcularDv } from '../../shared/rut.ts';
import { contarTablas, csv, xlsx } from './pruebas.ts';

let t: AppDePrueba;
let comercial: string;
let idA: number;
let idB: number;
const RUT_A = '10100001-K';
const RUT_B = `10500000-${calcularDv('10500000')}`;
const RUT_INEXISTENTE = `99999990-${calcularDv('99999990')}`;

beforeAll(async () => {
  t = await crearAppDePrueba();
  comercial = await t.sesion('comercial');
  idA = await crearCliente(t.db.db, { nombre: 'Agrícola A', rut: RUT_A });
  idB = await crearCliente(t.db.db, { nombre: 'Fundo B', rut: RUT_B });
});
afterAll(() => t.cerrar());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const enviar = (ruta: string, archivo: string | Buffer, tipo = 'text/csv') =>
  t.app.inject({
    method: 'POST',
    url: ruta,
    payload: archivo,
    headers: { cookie: comercial, 'content-type': tipo, accept: 'application/json' },
  });
const ensayar = async (entidad: string, archivo: string | Buffer, tipo?: string) =>
  cuerpo(await enviar(`/api/importaciones/validar?entidad=${entidad}`, archivo, tipo));
const importar = async (entidad: string, archivo: string | Buffer, tipo?: string) => {
  const r = await enviar(`/api/importaciones?entidad=${entidad}`, archivo, tipo);
  expect(r.statusCode, r.body).toBe(201);
  return cuerpo(r);
};
const metricas = (id: number) =>
  t.db.db.selectFrom('metricas_clientes').selectAll().where('id_cliente', '=', id).executeTakeFirstOrThrow();
/** Una fecha de hace unos días, escrita como en Chile (dd-mm-aaaa). */
const haceDias = (dias: number) => formatearFecha(new Date(Date.now() - dias * 86_400_000).toISOString());
const isoHaceDias = (dias: number) => haceDias(dias).split('-').reverse().join('-');

describe('equipos desde XLSX', () => {
  const encabezados = [
    'RUT cliente',
    'Cliente',
    'Tipo',
    'Marca',
    'Modelo',
    'Año',
    'N° serie',
    'Horómetro',
    'Fecha',
    'Activo',
  ];
  const buenas = [
    [
      '10.100.001-k',
      'Agrícola A',
      'Tractor',
      'John Deere',
      '6130J',
      2019,
      'JD-0001',
      1200,
      new Date(Date.UTC(2026, 0, 10)),
      'Sí',
    ],
    [RUT_B, 'Fundo B', 'Cosechadora', 'Claas', 'Lexion 670', 2015, 'CL-0002', '2.350,5', '10-03-2026', null],
  ];

  it('el ensayo marca RUT desconocido, tipo inválido y serie vacía, y no escribe', async () => {
    const antes = await contarTablas(t.db.db);
    const archivo = await xlsx([
      encabezados,
      ...buenas,
      [RUT_INEXISTENTE, '', 'Tractor', 'Kubota', '', '', 'KB-1', '', '', ''],
      [RUT_A, '', 'Avión', 'Cessna', '', '', 'CS-1', '', '', ''],
      [RUT_A, '', 'Sembradora', 'Semeato', '', 1850, '', '', '', ''],
    ]);
    const v = await ensayar('equipos', archivo, XLSX);
    expect(v).toMatchObject({ filas: 5, validas: 2, con_errores: 3, nuevas: 2 });
    expect(v.errores).toEqual([
      {
        fila: 4,
        campo: 'rut_cliente',
        columna: 'RUT cliente',
        mensaje: `No existe un cliente con RUT 99.999.990-${calcularDv('99999990')}: impórtelo antes en Clientes.`,
      },
      {
        fila: 5,
        campo: 'tipo',
        columna: 'Tipo',
        mensaje:
          'Tipo de equipo: «Avión» no es válido; use tractor, cosechadora, sembradora, pulverizador, enfardadora, otro.',
      },
      {
        fila: 6,
        campo: 'numero_serie',
        columna: 'N° serie',
        mensaje: 'N° de serie: es lo que identifica al equipo al volver a importar; no puede quedar vacío.',
      },
      { fila: 6, campo: 'anio', columna: 'Año', mensaje: 'Año: debe ser como mínimo 1900.' },
    ]);
    expect(v.columnas).toContainEqual({ columna: 'Cliente', campo: null });
    expect(await contarTablas(t.db.db)).toEqual(antes);
  });

  it('crea los equipos con su lectura de horómetro y actualiza las métricas; reimportar no duplica', async () => {
    const archivo = await xlsx([encabezados, ...buenas]);
    expect(await importar('equipos', archivo, XLSX)).toMatchObject({ nuevas: 2, actualizadas: 0 });
    const jd = await t.db.db
      .selectFrom('equipos')
      .selectAll()
      .where('numero_serie', '=', 'JD-0001')
      .executeTakeFirstOrThrow();
    expect(jd).toMatchObject({
      id_cliente: idA,
      tipo: 'tractor',
      marca: 'John Deere',
      anio: 2019,
      horometro: 1200,
      fecha_horometro: '2026-01-10',
      activo: true,
    });
    const cl = await t.db.db
      .selectFrom('equipos')
      .selectAll()
      .where('numero_serie', '=', 'CL-0002')
      .executeTakeFirstOrThrow();
    expect(cl).toMatchObject({ id_cliente: idB, horometro: 2350.5, fecha_horometro: '2026-03-10' });
    expect((await metricas(idA)).cantidad_equipos).toBe(1);
    const antes = await contarTablas(t.db.db);
    expect(await importar('equipos', archivo, XLSX)).toMatchObject({ nuevas: 0, actualizadas: 0, sin_cambios: 2 });
    const despues = await contarTablas(t.db.db);
    expect(despues.equipos).toBe(antes.equipos);
    expect(despues.lecturas_horometro).toBe(antes.lecturas_horometro);
  });

  it('no deja bajar el horómetro ni pasar un equipo a otro cliente', async () => {
    const v = await ensayar(
      'equipos',
      csv([
        ['Rut cliente', 'Tipo', 'Marca', 'N° serie', 'Horas', 'Fecha lectura'],
        [RUT_A, 'Tractor', 'John Deere', 'JD-0001', '1100', '01-02-2026'],
        [RUT_B, 'Tractor', 'John Deere', 'JD-0001', '', ''],
      ]),
    );
    expect(v.errores).toEqual([
      {
        fila: 2,
        campo: 'horometro',
        columna: 'Horas',
        mensaje: 'Horómetro: no puede bajar; el 10-01-2026 ya marcaba 1200 h.',
      },
      {
        fila: 3,
        campo: 'numero_serie',
        columna: 'N° serie',
        mensaje: 'N° de serie JD-0001 repetido: ya aparece en la fila 2 del archivo.',
      },
      {
        fila: 3,
        campo: 'numero_serie',
        columna: 'N° serie',
        mensaje: 'Este N° de serie ya está registrado a nombre de otro cliente (RUT 10.100.001-K).',
      },
    ]);
  });
});

describe('órdenes, pedidos y cotizaciones', () => {
  const encabezados = [
    'N° OT',
    'RUT',
    'N° serie',
    'Tipo',
    'Estado',
    'Fecha ingreso',
    'Fecha cierre',
    'Horómetro',
    'Monto',
    'Descripción',
  ];
  const buenas = () => [
    [
      'OT-1',
      '10.100.001-K',
      'JD-0001',
      'Preventiva',
      'Entregada',
      haceDias(40),
      haceDias(35),
      '1.500',
      '$1.234.567',
      'Mantención 1500 h',
    ],
    ['OT-2', RUT_A, '', 'Correctiva', 'En proceso', haceDias(5), '', '', '350000', ''],
  ];

  it('el ensayo aplica las reglas de registrarOrden y exige el equipo del mismo cliente', async () => {
    const v = await ensayar(
      'ordenes',
      csv([
        encabezados,
        ...buenas(),
        ['OT-3', RUT_B, 'JD-0001', 'Correctiva', '', haceDias(3), '', '', '', ''],
        ['OT-4', RUT_A, '', 'Preventiva', '', '01-01-2099', '', '', '', ''],
        ['OT-5', RUT_A, '', 'Garantía', '', haceDias(10), haceDias(20), '', '1234,5', ''],
        ['OT-1', RUT_A, '', 'Preventiva', '', haceDias(3), '', '', '', ''],
      ]),
    );
    expect(v).toMatchObject({ filas: 6, validas: 2, nuevas: 2 });
    expect(v.errores).toEqual([
      { fila: 4, campo: 'numero_serie', columna: 'N° serie', mensaje: 'El equipo JD-0001 no es de este cliente.' },
      {
        fila: 5,
        campo: 'fecha_ingreso',
        columna: 'Fecha ingreso',
        mensaje: 'Fecha de ingreso: no puede estar en el futuro.',
      },
      { fila: 6, campo: 'monto_total', columna: 'Monto', mensaje: 'Monto: el monto va en pesos, sin decimales.' },
      {
        fila: 6,
        campo: 'fecha_cierre',
        columna: 'Fecha cierre',
        mensaje: 'Fecha de cierre: no puede ser anterior a la de ingreso.',
      },
      {
        fila: 7,
        campo: 'numero',
        columna: 'N° OT',
        mensaje: 'N° de orden OT-1 repetido: ya aparece en la fila 2 del archivo.',
      },
    ]);
  });

  it('importa órdenes: valor, actividad y horómetro del cliente al día; reimportar no cambia nada', async () => {
    expect((await metricas(idA)).valor_cliente).toBe(0);
    expect(await importar('ordenes', csv([encabezados, ...buenas()]))).toMatchObject({ nuevas: 2 });
    const ot1 = await t.db.db
      .selectFrom('ordenes_trabajo')
      .selectAll()
      .where('numero', '=', 'OT-1')
      .executeTakeFirstOrThrow();
    const jd = await t.db.db
      .selectFrom('equipos')
      .selectAll()
      .where('numero_serie', '=', 'JD-0001')
      .executeTakeFirstOrThrow();
    expect(ot1).toMatchObject({
      id_cliente: idA,
      id_equipo: jd.id_equipo,
      tipo: 'preventiva',
      estado: 'entregada',
      monto_total: 1_234_567,
      horometro: 1500,
      fecha_cierre: isoHaceDias(35),
    });
    expect(jd).toMatchObject({ horometro: 1500, fecha_horometro: isoHaceDias(35) });
    const ot2 = await t.db.db
      .selectFrom('ordenes_trabajo')
      .selectAll()
      .where('numero', '=', 'OT-2')
      .executeTakeFirstOrThrow();
    expect(ot2).toMatchObject({ estado: 'en_proceso', fecha_cierre: null, monto_total: 350_000 });
    expect(await metricas(idA)).toMatchObject({ valor_cliente: 1_234_567, cantidad_mantenciones_solicitadas: 2 });
    const a = await t.db.db
      .selectFrom('clientes')
      .select(['activo', 'ultima_actividad'])
      .where('id_cliente', '=', idA)
      .executeTakeFirstOrThrow();
    expect(a.activo).toBe(true);
    expect(a.ultima_actividad).not.toBeNull();
    const antes = await contarTablas(t.db.db);
    expect(await importar('ordenes', csv([encabezados, ...buenas()]))).toMatchObject({
      nuevas: 0,
      actualizadas: 0,
      sin_cambios: 2,
    });
    expect({ ...(await contarTablas(t.db.db)), auditoria: 0, importaciones: 0 }).toEqual({
      ...antes,
      auditoria: 0,
      importaciones: 0,
    });
  });

  it('importa pedidos: entregado suma valor y toma la fecha del pedido como entrega', async () => {
    const archivo = csv([
      ['N° pedido', 'RUT cliente', 'Fecha', 'Estado', 'Monto'],
      ['P-1', RUT_B, haceDias(20), 'Entregado', '$83.480'],
      ['P-2', RUT_B, haceDias(2), 'Perdido', '1000'],
    ]);
    const v = await ensayar('pedidos', archivo);
    expect(v.errores).toEqual([
      {
        fila: 3,
        campo: 'estado',
        columna: 'Estado',
        mensaje: 'Estado: «Perdido» no es válido; use pendiente, confirmado, entregado, cancelado.',
      },
    ]);
    expect(
      await importar(
        'pedidos',
        csv([
          ['N° pedido', 'RUT cliente', 'Fecha', 'Estado', 'Monto'],
          ['P-1', RUT_B, haceDias(20), 'Entregado', '$83.480'],
        ]),
      ),
    ).toMatchObject({ nuevas: 1 });
    const p = await t.db.db
      .selectFrom('pedidos_repuestos')
      .selectAll()
      .where('numero', '=', 'P-1')
      .executeTakeFirstOrThrow();
    expect(p).toMatchObject({
      id_cliente: idB,
      estado: 'entregado',
      fecha: isoHaceDias(20),
      fecha_entrega: isoHaceDias(20),
      monto_total: 83_480,
    });
    expect(await metricas(idB)).toMatchObject({ valor_cliente: 83_480, cantidad_pedidos_repuestos: 1 });
  });

  it('importa cotizaciones enlazadas a una orden del mismo cliente', async () => {
    const archivo = csv([
      ['N° cotización', 'RUT cliente', 'Fecha', 'Vencimiento', 'Estado', 'Monto', 'N° orden'],
      ['C-1', RUT_A, haceDias(30), haceDias(1), 'Aceptada', '$2.000.000', 'OT-1'],
      ['C-2', RUT_B, haceDias(30), '', '', '', 'OT-1'],
      ['C-3', RUT_B, haceDias(30), haceDias(31), '', '', ''],
    ]);
    expect((await ensayar('cotizaciones', archivo)).errores).toEqual([
      { fila: 3, campo: 'numero_orden', columna: 'N° orden', mensaje: 'La orden OT-1 no es de este cliente.' },
      {
        fila: 4,
        campo: 'fecha_vencimiento',
        columna: 'Vencimiento',
        mensaje: 'Vencimiento: no puede ser anterior a la fecha de la cotización.',
      },
    ]);
    const r = await enviar('/api/importaciones?entidad=cotizaciones', archivo);
    expect(r.statusCode).toBe(422);
    const soloBuena = csv([
      ['N° cotización', 'RUT cliente', 'Fecha', 'Vencimiento', 'Estado', 'Monto', 'N° orden'],
      ['C-1', RUT_A, haceDias(30), haceDias(1), 'Aceptada', '$2.000.000', 'OT-1'],
    ]);
    expect(await importar('cotizaciones', soloBuena)).toMatchObject({ nuevas: 1 });
    const ot1 = await t.db.db
      .selectFrom('ordenes_trabajo')
      .select('id_orden')
      .where('numero', '=', 'OT-1')
      .executeTakeFirstOrThrow();
    const q = await t.db.db
      .selectFrom('cotizaciones')
      .selectAll()
      .where('numero', '=', 'C-1')
      .executeTakeFirstOrThrow();
    expect(q).toMatchObject({
      id_cliente: idA,
      id_orden: ot1.id_orden,
      estado: 'aceptada',
      fecha_resolucion: isoHaceDias(30),
      monto_total: 2_000_000,
    });
    expect(restarMeses(hoyEnSantiago(), 12) < q.fecha).toBe(true);
  });
});
