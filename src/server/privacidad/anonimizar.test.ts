import { Writable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { crearCliente, crearEquipo } from '../../../test/fabricas.ts';
import { hoyEnSantiago } from '../../shared/formato.ts';
import { restarMeses } from '../../shared/actividad.ts';
import type { Database } from '../db/schema.ts';
import type { Conexion } from '../db/tipos.ts';
import { volcarRespaldo } from '../respaldo/volcar.ts';
import { recalcularMetricas } from '../valor/metricas.ts';

let t: AppDePrueba;
let admin: string;
beforeAll(async () => {
  t = await crearAppDePrueba();
  admin = await t.sesion('admin');
});
afterAll(() => t.cerrar());

/** The database's backup dump (`npm run backup`, src/server/respaldo) as text: what a copy of it would hold. */
async function volcado(db: Conexion): Promise<string> {
  const partes: Buffer[] = [];
  const salida = new Writable({
    write(trozo: Buffer, _codificacion, listo) {
      partes.push(trozo);
      listo();
    },
  });
  await volcarRespaldo(db as Kysely<Database>, salida);
  return Buffer.concat(partes).toString('utf8').toLowerCase();
}

const NOMBRE = 'Hermenegildo Zúñiga Pradenas';
const RUT = '23456789-6';
const EMAIL = 'hermenegildo.zp@correo.cl';
const TELEFONO = '+56976543218';
// Every form a person or a program may have written them in.
const BUSCADOS = [
  NOMBRE,
  RUT,
  '23.456.789-6',
  '234567896',
  '23456789',
  EMAIL,
  TELEFONO,
  '976543218',
  '9 7654 3218',
  'Pradenas',
  'Camino a Coihueco km 7',
  'Rosalía Quintanilla',
  'rosalia.q@correo.cl',
];
const encontrados = (texto: string) => BUSCADOS.filter((b) => texto.includes(b.toLowerCase()));

const post = (url: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie: admin } });

describe('anonimización (Ley 21.719, supresión)', () => {
  it('borra nombre, RUT, email y teléfono de toda la base y deja los KPIs iguales', async () => {
    const hoy = hoyEnSantiago();
    // The titular, through the API so that the audit trail records it as the app does.
    const creado = await post('/api/clientes', {
      nombre: NOMBRE,
      rut: '23.456.789-6',
      telefono: '9 7654 3218',
      email: EMAIL,
      direccion: 'Camino a Coihueco km 7',
      comuna: 'Chillán',
      notas: `Don ${NOMBRE} prefiere la tarde.`,
    });
    expect(creado.statusCode, creado.body).toBe(201);
    const id = cuerpo(creado).cliente.id_cliente as number;
    const editado = await t.app.inject({
      method: 'PATCH',
      url: `/api/clientes/${id}`,
      headers: { cookie: admin },
      payload: { version: 1, notas: `Llamar a ${NOMBRE} al ${TELEFONO}; RUT ${RUT}.` },
    });
    expect(editado.statusCode, editado.body).toBe(200);
    const interaccion = await post(`/api/clientes/${id}/interacciones`, {
      tipo: 'llamada',
      motivo: `Llamada a ${NOMBRE}`,
      descripcion: `Conversé con ${NOMBRE} (9 7654 3218, ${EMAIL}) sobre la cosechadora.`,
      resultado: 'Pide cotización',
      seguimiento_requerido: true,
      fecha_seguimiento: hoy,
    });
    expect(interaccion.statusCode, interaccion.body).toBe(201);
    const db = t.db.db;
    const tractor = await crearEquipo(db, id, { tipo: 'tractor', marca: 'Valtra' });
    await db.updateTable('equipos').set({ numero_serie: 'VT-998877' }).where('id_equipo', '=', tractor).execute();
    const { id_orden } = await db
      .insertInto('ordenes_trabajo')
      .values({
        id_cliente: id,
        id_equipo: tractor,
        tipo: 'correctiva',
        estado: 'entregada',
        fecha_ingreso: restarMeses(hoy, 2),
        fecha_cierre: restarMeses(hoy, 2),
        monto_total: 1_850_000,
        descripcion: `Embrague del tractor de ${NOMBRE}, RUT 23.456.789-6`,
      })
      .returning('id_orden')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('cotizaciones')
      .values({
        id_cliente: id,
        fecha: restarMeses(hoy, 1),
        estado: 'aceptada',
        fecha_resolucion: restarMeses(hoy, 1),
        monto_total: 600_000,
        descripcion: 'Kit de embrague',
      })
      .execute();
    const encuesta = await post('/api/encuestas/digitada', {
      id_cliente: id,
      id_orden,
      puntuacion_general: 4,
      puntuacion_tiempo: 3,
      puntuacion_calidad: 5,
      puntuacion_precio: 4,
      puntuacion_atencion: 6,
      recomendaria: false,
      comentarios: `Soy ${NOMBRE} y el tractor volvió a fallar. Escríbanme a ${EMAIL}.`,
    });
    expect(encuesta.statusCode, encuesta.body).toBe(201);
    await db
      .insertInto('contactos_cliente')
      .values({ id_cliente: id, nombre: 'Rosalía Quintanilla', cargo: 'Esposa', email: 'rosalia.q@correo.cl' })
      .execute();
    await db
      .insertInto('mensajes')
      .values([
        {
          id_cliente: id,
          canal: 'email',
          motivo: 'campana',
          clave: `campana:1:${EMAIL}`,
          destino: EMAIL,
          asunto: `Hola ${NOMBRE}`,
          cuerpo: `Estimado ${NOMBRE}: su tractor espera mantención.`,
          estado: 'enviado',
        },
        {
          id_cliente: id,
          canal: 'whatsapp',
          motivo: 'mantencion',
          clave: `mantencion:${hoy}:${TELEFONO}`,
          destino: TELEFONO,
          cuerpo: `Hola ${NOMBRE}`,
          estado: 'pendiente',
        },
      ])
      .execute();
    await db
      .insertInto('alertas')
      .values({
        id_cliente: id,
        tipo: 'detractor',
        clave: `detractor:${id}:${hoy}`,
        titulo: `${NOMBRE} respondió la encuesta con 4`,
        detalle: `Llamar al 9 7654 3218`,
        fecha: hoy,
      })
      .execute();
    await post('/api/solicitudes-titular', { id_cliente: id, tipo: 'supresion', notas: `Pedida por ${EMAIL}` });
    // Someone else's record that mentions the titular, and exports whose filters name the titular.
    const vecino = await crearCliente(db, { nombre: 'Agrícola Los Robles' });
    await db
      .insertInto('interacciones_cliente')
      .values({
        id_cliente: vecino,
        fecha: new Date(),
        tipo: 'visita',
        motivo: 'Referido',
        descripcion: `Lo recomendó ${NOMBRE}, teléfono +56 9 7654 3218.`,
      })
      .execute();
    const exportado = await t.app.inject({
      method: 'GET',
      url: `/api/exportar/clientes?formato=csv&q=${encodeURIComponent(NOMBRE)}`,
      headers: { cookie: admin },
    });
    expect(exportado.statusCode).toBe(200);
    expect(exportado.body).toContain(NOMBRE);
    const pdf = await t.app.inject({ method: 'GET', url: `/api/clientes/${id}/ficha.pdf`, headers: { cookie: admin } });
    expect(pdf.statusCode).toBe(200);
    // An old duplicate record merged into the titular's: the merge keeps both records as they were (for undo).
    const duplicado = await crearCliente(db, { nombre: 'Hermenegildo Zuniga', telefono: TELEFONO, email: EMAIL });
    const versiones = await db
      .selectFrom('clientes')
      .select(['id_cliente', 'version'])
      .where('id_cliente', 'in', [id, duplicado])
      .execute();
    const version = (x: number) => versiones.find((v) => v.id_cliente === x)!.version;
    const fusion = await post('/api/fusiones', {
      id_superviviente: id,
      id_fusionado: duplicado,
      version_superviviente: version(id),
      version_fusionado: version(duplicado),
    });
    expect(fusion.statusCode, fusion.body).toBe(201);
    await recalcularMetricas(db);

    const kpis = async () => {
      // Recomputed from the data, not served from the summary cache.
      await sql`DELETE FROM resumenes`.execute(db);
      const r = await t.app.inject({ method: 'GET', url: '/api/kpis', headers: { cookie: admin } });
      expect(r.statusCode, r.body).toBe(200);
      const { calculado_en: _cuando, ...numeros } = cuerpo(r);
      return numeros;
    };
    const kpisAntes = await kpis();
    expect(kpisAntes.kpis.find((k: { kpi: string }) => k.kpi === 'nps').valor).not.toBeNull();
    const regionesAntes = cuerpo(
      await t.app.inject({ method: 'GET', url: '/api/reportes/regiones', headers: { cookie: admin } }),
    );
    // The test can fail: before anonymising, the dump holds every one of them.
    // (The bare digits 234567896 live only in a generated search column, which a dump leaves out.)
    expect(encontrados(await volcado(db))).toEqual(BUSCADOS.filter((b) => b !== '234567896'));

    const mal = await post(`/api/clientes/${id}/anonimizar`, { confirmacion: 'si' });
    expect(mal.statusCode).toBe(422);
    expect(cuerpo(mal).errors[0]).toMatchObject({ campo: 'confirmacion' });
    const r = await post(`/api/clientes/${id}/anonimizar`, { confirmacion: '23.456.789-6' });
    expect(r.statusCode, r.body).toBe(200);
    expect(cuerpo(r)).toMatchObject({
      nombre: `Cliente anonimizado ${id}`,
      rut: `ANONIMIZADO-${id}`,
      telefono: null,
      email: null,
      anonimizado: true,
    });

    expect(encontrados(await volcado(db))).toEqual([]);
    expect(await kpis()).toEqual(kpisAntes);
    expect(
      cuerpo(await t.app.inject({ method: 'GET', url: '/api/reportes/regiones', headers: { cookie: admin } })),
    ).toEqual(regionesAntes);

    // The anonymous history stays: the survey's scores, the order's amount, the interaction's date.
    const encuestaDespues = await db
      .selectFrom('encuestas_satisfaccion')
      .select(['puntuacion_general', 'comentarios'])
      .where('id_cliente', '=', id)
      .executeTakeFirstOrThrow();
    expect(encuestaDespues).toEqual({ puntuacion_general: 4, comentarios: null });
    const orden = await db
      .selectFrom('ordenes_trabajo')
      .select(['monto_total', 'descripcion'])
      .where('id_orden', '=', id_orden)
      .executeTakeFirstOrThrow();
    expect(Number(orden.monto_total)).toBe(1_850_000);
    expect(orden.descripcion).toBe('Embrague del tractor de [suprimido], RUT [suprimido]');
    // The audit keeps who anonymised and when, without personal data.
    const auditoria = cuerpo(
      await t.app.inject({
        method: 'GET',
        url: `/api/auditoria?id_cliente=${id}&accion=anonimizar`,
        headers: { cookie: admin },
      }),
    );
    expect(auditoria.total).toBe(1);
    expect(auditoria.items[0]).toMatchObject({ usuario: 'Usuario admin', entidad: 'cliente' });
  });

  it('la lista, la búsqueda, la ficha, el PDF y la exportación siguen funcionando con el cliente anonimizado', async () => {
    const id = await crearCliente(t.db.db, { nombre: 'Eusebio Carrasco', email: 'eusebio@correo.cl' });
    const r = await post(`/api/clientes/${id}/anonimizar`, { confirmacion: 'anonimizar' });
    expect(r.statusCode, r.body).toBe(200);
    for (const url of [
      `/api/clientes?q=anonimizado ${id}`,
      `/api/clientes/${id}`,
      `/api/clientes/${id}/ficha`,
      `/api/clientes/${id}/ficha.pdf`,
      `/api/clientes/${id}/datos-personales`,
      '/api/exportar/clientes?formato=xlsx',
    ]) {
      const g = await t.app.inject({ method: 'GET', url: encodeURI(url), headers: { cookie: admin } });
      expect(g.statusCode, `${url}: ${g.body.slice(0, 300)}`).toBe(200);
    }
    const lista = cuerpo(
      await t.app.inject({ method: 'GET', url: `/api/clientes?q=anonimizado%20${id}`, headers: { cookie: admin } }),
    );
    expect(lista.items.map((c: { id_cliente: number }) => c.id_cliente)).toContain(id);
    // Irreversible: a second time is a conflict, and the cliente can no longer be edited or contacted.
    expect((await post(`/api/clientes/${id}/anonimizar`, { confirmacion: 'ANONIMIZAR' })).statusCode).toBe(409);
    const interaccion = await post(`/api/clientes/${id}/interacciones`, { tipo: 'llamada', motivo: 'Hola' });
    expect(interaccion.statusCode).toBe(422);
    expect(cuerpo(interaccion).title).toBe('Cliente anonimizado');
  });

  it('solo un administrador anonimiza', async () => {
    const id = await crearCliente(t.db.db);
    const comercial = await t.sesion('comercial');
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/clientes/${id}/anonimizar`,
      headers: { cookie: comercial },
      payload: { confirmacion: 'ANONIMIZAR' },
    });
    expect(r.statusCode).toBe(403);
    expect(cuerpo(r).detail).toBe('Su rol (comercial) no permite anonimizar clientes.');
  });
});
