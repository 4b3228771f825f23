import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { calcularDv } from '../../shared/rut.ts';
import { contarTablas, csv, lineas, xlsx } from './pruebas.ts';

let t: AppDePrueba;
let comercial: string;
beforeAll(async () => {
  t = await crearAppDePrueba();
  comercial = await t.sesion('comercial');
});
afterAll(() => t.cerrar());

const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function enviar(
  ruta: string,
  archivo: string | Buffer,
  opciones: { tipo?: string; cookie?: string; accept?: string } = {},
) {
  return t.app.inject({
    method: 'POST',
    url: ruta,
    payload: archivo,
    headers: {
      cookie: opciones.cookie ?? comercial,
      'content-type': opciones.tipo ?? CSV,
      ...(opciones.accept ? { accept: opciones.accept } : {}),
    },
  });
}

/** Un RUT válido con puntos y guion, a partir de su cuerpo. */
const rut = (cuerpoRut: number, dv = calcularDv(String(cuerpoRut))) => `${cuerpoRut.toLocaleString('es-CL')}-${dv}`;
const canonico = (cuerpoRut: number) => `${cuerpoRut}-${calcularDv(String(cuerpoRut))}`;

const clienteDe = (r: string) => t.db.db.selectFrom('clientes').selectAll().where('rut', '=', r).executeTakeFirst();

describe('ensayo de una importación de clientes con filas buenas y malas', () => {
  // Exportado de un Excel chileno: Windows-1252, `;`, fechas como serie de Excel, RUT con k minúscula.
  const filas = [
    ['Razón social', 'RUT', 'Teléfono', 'Correo', 'Comuna', 'Región', 'Fecha de nacimiento', 'Columna rara'],
    [
      'Agrícola Los Robles Ltda.',
      rut(76_086_428),
      '9 8765 4321',
      'Contacto@LosRobles.cl',
      'Chillán',
      'Ñuble',
      '45321',
      'x',
    ],
    ['Juan Pérez', '12.345.678-9', '', '', 'Chillán', '', '', ''],
    ['Sociedad Ñandú', '1.000.005-k', '(42) 243 1234', '', 'chillan viejo', 'nuble', '', ''],
    ['Pedro Soto', rut(11_111_111), '', '', 'Comuna Inventada', '', '', ''],
    ['María Díaz', rut(22_222_222), '', '', 'Temuco', 'Ñuble', '', ''],
    ['Repetido SpA', rut(76_086_428), '', '', 'Chillán', '', '', ''],
    ['Correo Malo', rut(15_555_555), '', 'correo-malo', '', '', '', ''],
  ];
  const archivo = Buffer.from(csv(filas), 'latin1');
  const erroresEsperados = [
    {
      fila: 3,
      campo: 'rut',
      columna: 'RUT',
      mensaje: 'El dígito verificador del RUT no corresponde: para 12.345.678 debe ser 5.',
    },
    { fila: 5, campo: 'comuna', columna: 'Comuna', mensaje: '«Comuna Inventada» no es una comuna de Chile.' },
    {
      fila: 6,
      campo: 'region',
      columna: 'Región',
      mensaje: 'La comuna Temuco pertenece a la región de La Araucanía, no a Ñuble.',
    },
    {
      fila: 7,
      campo: 'rut',
      columna: 'RUT',
      mensaje: 'RUT 76.086.428-5 repetido: ya aparece en la fila 2 del archivo.',
    },
    { fila: 8, campo: 'email', columna: 'Correo', mensaje: 'El correo no es válido (ejemplo: nombre@dominio.cl).' },
  ];

  it('lista exactamente las filas malas con su fila de Excel, campo y mensaje, y no escribe nada', async () => {
    const antes = await contarTablas(t.db.db);
    const r = await enviar('/api/importaciones/validar?entidad=clientes', archivo);
    expect(r.statusCode).toBe(200);
    const v = cuerpo(r);
    expect(v).toMatchObject({
      entidad: 'clientes',
      filas: 7,
      validas: 2,
      con_errores: 5,
      nuevas: 2,
      actualizadas: 0,
      sin_cambios: 0,
      total_errores: 5,
    });
    expect(v.errores).toEqual(erroresEsperados);
    expect(v.columnas).toContainEqual({ columna: 'Columna rara', campo: null });
    expect(v.columnas).toContainEqual({ columna: 'Razón social', campo: 'nombre' });
    expect(v.muestra).toEqual([
      expect.objectContaining({
        fila: 2,
        rut: '76086428-5',
        nombre: 'Agrícola Los Robles Ltda.',
        telefono: '+56987654321',
        email: 'contacto@losrobles.cl',
        comuna: 'Chillán',
        region: 'Ñuble',
        codigo_comuna: '16101',
        fecha_nacimiento: '2024-01-30',
      }),
      expect.objectContaining({
        fila: 4,
        rut: '1000005-K',
        nombre: 'Sociedad Ñandú',
        comuna: 'Chillán Viejo',
        telefono: '+56422431234',
      }),
    ]);
    expect(await contarTablas(t.db.db)).toEqual(antes);
  });

  it('importarlo con errores es un 422 con la misma lista y no escribe nada', async () => {
    const antes = await contarTablas(t.db.db);
    const r = await enviar('/api/importaciones?entidad=clientes&archivo=clientes.csv', archivo);
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toContain('application/problem+json');
    const p = cuerpo(r);
    expect(p).toMatchObject({
      status: 422,
      title: 'El archivo tiene errores',
      filas: 7,
      con_errores: 5,
      total_errores: 5,
    });
    expect(p.detail).toBe('5 de 7 filas tienen errores. No se guardó nada: corríjalas y vuelva a importar el archivo.');
    expect(p.errors).toEqual(erroresEsperados);
    expect(await contarTablas(t.db.db)).toEqual(antes);
  });

  it('una columna obligatoria que falta es un error de la fila 1', async () => {
    const r = await enviar(
      '/api/importaciones/validar?entidad=clientes',
      csv([
        ['Nombre', 'Fono'],
        ['Sin RUT', '912345678'],
      ]),
    );
    expect(cuerpo(r)).toMatchObject({
      filas: 1,
      validas: 0,
      con_errores: 1,
      errores: [
        {
          fila: 1,
          campo: 'rut',
          columna: null,
          mensaje: 'Falta la columna «RUT»: agréguela al archivo o asígnela a una de sus columnas.',
        },
      ],
    });
  });

  it('el mapeo asigna una columna con nombre propio; un campo inexistente es 400', async () => {
    const archivoRaro = csv([
      ['Nombre', 'Identificador', 'Fono'],
      ['Fundo El Peral', rut(9_876_543), '912345678'],
    ]);
    const mapeo = encodeURIComponent(JSON.stringify({ Identificador: 'rut' }));
    const r = await enviar(`/api/importaciones/validar?entidad=clientes&mapeo=${mapeo}`, archivoRaro);
    expect(cuerpo(r)).toMatchObject({
      validas: 1,
      con_errores: 0,
      columnas: [
        { columna: 'Nombre', campo: 'nombre' },
        { columna: 'Identificador', campo: 'rut' },
        { columna: 'Fono', campo: 'telefono' },
      ],
    });
    const malo = await enviar(
      `/api/importaciones/validar?entidad=clientes&mapeo=${encodeURIComponent('{"Fono":"celu"}')}`,
      archivoRaro,
    );
    expect(malo.statusCode).toBe(400);
    expect(cuerpo(malo).errors).toEqual([{ campo: 'mapeo', mensaje: '«celu» no es un campo de clientes.' }]);
  });
});

describe('importar clientes', () => {
  const cuerpos = [10_100_001, 10_100_002, 10_100_003, 10_100_004];
  const buena = [
    ['Nombre', 'RUT', 'Celular', 'E-mail', 'Comuna', 'Dirección'],
    [
      'Agrícola Santa Rosa',
      rut(cuerpos[0]!),
      '+56 9 1111 2222',
      'santarosa@campo.cl',
      'Linares',
      'Fundo Santa Rosa s/n',
    ],
    [
      'Hermanos Fuentes Ltda.',
      `${cuerpos[1]}${calcularDv(String(cuerpos[1]))}`,
      '',
      'fuentes@campo.cl',
      'Los Ángeles',
      '',
    ],
    ['Viña Lomas del Sur', rut(cuerpos[2]!).toLowerCase(), '', '', 'Temuco', ''],
    ['Carlos Muñoz', rut(cuerpos[3]!), '9 3333 4444', '', '', ''],
  ];

  it('crea los clientes, registra la importación y su auditoría, con progreso en NDJSON', async () => {
    const antes = await contarTablas(t.db.db);
    const r = await enviar('/api/importaciones?entidad=clientes&archivo=cartera.csv', csv(buena, ','));
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('application/x-ndjson');
    const ls = lineas(r.body);
    expect(ls[0]).toEqual({ etapa: 'validando', procesadas: 4, total: 4 });
    expect(ls).toContainEqual({ etapa: 'escribiendo', procesadas: 4, total: 4 });
    const fin = ls.at(-1)!;
    expect(fin).toMatchObject({
      etapa: 'terminado',
      entidad: 'clientes',
      archivo: 'cartera.csv',
      filas: 4,
      nuevas: 4,
      actualizadas: 0,
      sin_cambios: 0,
    });
    const despues = await contarTablas(t.db.db);
    expect(despues.clientes - antes.clientes).toBe(4);
    expect(despues.metricas_clientes - antes.metricas_clientes).toBe(4);
    expect(despues.importaciones - antes.importaciones).toBe(1);
    expect(despues.auditoria - antes.auditoria).toBe(1);

    const c = await clienteDe(canonico(cuerpos[0]!));
    expect(c).toMatchObject({
      nombre: 'Agrícola Santa Rosa',
      telefono: '+56911112222',
      email: 'santarosa@campo.cl',
      comuna: 'Linares',
      region: 'Maule',
      codigo_comuna: '07401',
      version: 1,
    });
    expect((await clienteDe(canonico(cuerpos[1]!)))!.region).toBe('Biobío');
    const imp = await t.db.db
      .selectFrom('importaciones')
      .selectAll()
      .where('id_importacion', '=', fin.id_importacion)
      .executeTakeFirstOrThrow();
    expect(imp).toMatchObject({
      entidad: 'clientes',
      archivo: 'cartera.csv',
      estado: 'completada',
      filas: 4,
      errores: 0,
    });
    const u = await t.db.db
      .selectFrom('usuarios')
      .select('id_usuario')
      .where('email', '=', 'comercial@prueba.cl')
      .executeTakeFirstOrThrow();
    expect(imp.id_usuario).toBe(u.id_usuario);
    const aud = await t.db.db
      .selectFrom('auditoria')
      .selectAll()
      .where('accion', '=', 'importar')
      .orderBy('id_auditoria', 'desc')
      .executeTakeFirstOrThrow();
    expect(aud).toMatchObject({
      id_usuario: u.id_usuario,
      entidad: 'importacion',
      id_entidad: String(fin.id_importacion),
    });
    expect(aud.detalle).toMatchObject({ entidad: 'clientes', archivo: 'cartera.csv', filas: 4, nuevas: 4 });
    const m = await t.db.db
      .selectFrom('metricas_clientes')
      .selectAll()
      .where('id_cliente', '=', c!.id_cliente)
      .executeTakeFirstOrThrow();
    expect(m).toMatchObject({ valor_cliente: 0, cantidad_equipos: 0 });
  });

  it('reimportar el mismo archivo no crea nada ni cambia versiones: 0 nuevas', async () => {
    const antes = await contarTablas(t.db.db);
    const ensayo = cuerpo(await enviar('/api/importaciones/validar?entidad=clientes', csv(buena, ',')));
    expect(ensayo).toMatchObject({ filas: 4, nuevas: 0, actualizadas: 0, sin_cambios: 4 });
    const r = await enviar('/api/importaciones?entidad=clientes', csv(buena, ','), { accept: 'application/json' });
    expect(r.statusCode).toBe(201);
    expect(cuerpo(r)).toMatchObject({ filas: 4, nuevas: 0, actualizadas: 0, sin_cambios: 4 });
    const despues = await contarTablas(t.db.db);
    expect({ ...despues, importaciones: 0, auditoria: 0 }).toEqual({ ...antes, importaciones: 0, auditoria: 0 });
    expect((await clienteDe(canonico(cuerpos[0]!)))!.version).toBe(1);
  });

  it('una fila cambiada actualiza ese cliente (mismo id, versión +1) y una celda vacía no borra', async () => {
    const id = (await clienteDe(canonico(cuerpos[0]!)))!.id_cliente;
    const cambiada = [
      ['Nombre', 'RUT', 'Celular', 'E-mail'],
      ['Agrícola Santa Rosa SpA', rut(cuerpos[0]!), '9 5555 6666', ''],
      ['Hermanos Fuentes Ltda.', rut(cuerpos[1]!), '', 'fuentes@campo.cl'],
    ];
    const r = cuerpo(
      await enviar('/api/importaciones?entidad=clientes', csv(cambiada), { accept: 'application/json' }),
    );
    expect(r).toMatchObject({ nuevas: 0, actualizadas: 1, sin_cambios: 1 });
    const c = await clienteDe(canonico(cuerpos[0]!));
    expect(c).toMatchObject({
      id_cliente: id,
      nombre: 'Agrícola Santa Rosa SpA',
      telefono: '+56955556666',
      email: 'santarosa@campo.cl',
      comuna: 'Linares',
      version: 2,
    });
  });

  it('lee un XLSX: RUT como número o con k minúscula, fechas como celdas fecha o como texto', async () => {
    const archivo = await xlsx([
      ['Cliente', 'Rut', 'Comuna', 'Aniversario'],
      ['Lechería El Roble', 102_000_048, 'Osorno', new Date(Date.UTC(2001, 4, 21))],
      ['Forestal Sur', '10.200.003-k', 'Puerto Montt', '21/05/2001'],
    ]);
    const r = cuerpo(
      await enviar('/api/importaciones?entidad=clientes&archivo=sur.xlsx', archivo, {
        tipo: XLSX,
        accept: 'application/json',
      }),
    );
    expect(r).toMatchObject({ filas: 2, nuevas: 2 });
    expect(await clienteDe('10200004-8')).toMatchObject({
      nombre: 'Lechería El Roble',
      comuna: 'Osorno',
      region: 'Los Lagos',
      fecha_aniversario: '2001-05-21',
    });
    expect(await clienteDe('10200003-K')).toMatchObject({ nombre: 'Forestal Sur', fecha_aniversario: '2001-05-21' });
  });
});

describe('todo o nada', () => {
  it('si la base rechaza la última fila (algo que la validación no ve), no queda ninguna escrita', async () => {
    // Una regla que solo conoce la base de datos, como un cambio de otro usuario entre validar y escribir.
    await sql`ALTER TABLE clientes ADD CONSTRAINT prueba_sin_zeta CHECK (nombre <> 'Zeta Final') NOT VALID`.execute(
      t.db.db,
    );
    try {
      const filas: string[][] = [['Nombre', 'RUT', 'Comuna']];
      for (let i = 0; i < 2500; i++) filas.push([`Cliente masivo ${i}`, rut(30_000_000 + i), 'Chillán']);
      filas.push(['Zeta Final', rut(30_100_000), 'Chillán']);
      const antes = await contarTablas(t.db.db);
      const ensayo = cuerpo(await enviar('/api/importaciones/validar?entidad=clientes', csv(filas)));
      expect(ensayo).toMatchObject({ filas: 2501, validas: 2501, nuevas: 2501 });
      const r = await enviar('/api/importaciones?entidad=clientes&archivo=masivo.csv', csv(filas));
      expect(r.statusCode).toBe(200);
      const ls = lineas(r.body);
      // El primer bloque se escribió y el segundo falló: la transacción deshace los dos.
      expect(ls.filter((l) => l.etapa === 'escribiendo').map((l) => l.procesadas)).toEqual([0, 2000]);
      expect(ls.at(-1)).toMatchObject({
        etapa: 'error',
        status: 422,
        title: 'La base de datos rechazó una fila',
        restriccion: 'prueba_sin_zeta',
      });
      const despues = await contarTablas(t.db.db);
      expect({ ...despues, importaciones: antes.importaciones }).toEqual(antes);
      const ultima = await t.db.db
        .selectFrom('importaciones')
        .selectAll()
        .orderBy('id_importacion', 'desc')
        .executeTakeFirstOrThrow();
      expect(ultima).toMatchObject({ archivo: 'masivo.csv', estado: 'fallida', filas: 2501 });
      expect(await clienteDe(canonico(30_000_000))).toBeUndefined();
    } finally {
      await sql`ALTER TABLE clientes DROP CONSTRAINT prueba_sin_zeta`.execute(t.db.db);
    }
  });
});

describe('permisos y cuerpo', () => {
  it('lectura y técnico no importan (403); sin archivo es 400', async () => {
    const archivo = csv([
      ['Nombre', 'RUT'],
      ['Alguien', rut(10_300_001)],
    ]);
    for (const rol of ['lectura', 'tecnico'] as const) {
      const cookie = await t.sesion(rol);
      const r = await enviar('/api/importaciones/validar?entidad=clientes', archivo, { cookie });
      expect(r.statusCode).toBe(403);
      expect(cuerpo(r).detail).toBe(`Su rol (${rol}) no permite importar datos.`);
      expect((await enviar('/api/importaciones?entidad=clientes', archivo, { cookie })).statusCode).toBe(403);
    }
    const sinArchivo = await t.app.inject({
      method: 'POST',
      url: '/api/importaciones/validar?entidad=clientes',
      headers: { cookie: comercial },
      payload: { a: 1 },
    });
    expect(sinArchivo.statusCode).toBe(400);
    expect(cuerpo(sinArchivo).title).toBe('Falta el archivo');
    expect((await enviar('/api/importaciones/validar?entidad=proveedores', archivo)).statusCode).toBe(400);
  });

  it('un .xls antiguo y un XLSX roto se rechazan con un mensaje que dice qué hacer', async () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const r = await enviar('/api/importaciones/validar?entidad=clientes', xls, { tipo: 'application/octet-stream' });
    expect(r.statusCode).toBe(422);
    expect(cuerpo(r).detail).toContain('guárdelo como .xlsx o como CSV');
    const roto = await enviar(
      '/api/importaciones/validar?entidad=clientes&formato=xlsx',
      Buffer.from('PK\u0003\u0004basura'),
      { tipo: 'application/octet-stream' },
    );
    expect(roto.statusCode).toBe(422);
    expect(cuerpo(roto).title).toBe('No se pudo leer el archivo');
  });
});
