import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { crearCliente, crearEquipo } from '../../../test/fabricas.ts';
import { hoyEnSantiago } from '../../shared/formato.ts';
import { sumarDias } from '../../shared/kpis.ts';
import { recalcularActividad } from '../clientes/actividad.ts';
import { textoDePdf } from '../documentos/textoPdf.ts';
import { recalcularPlanEquipos } from '../equipos/plan.ts';

let t: AppDePrueba;
let admin: string;
let comercial: string;
beforeAll(async () => {
  t = await crearAppDePrueba();
  admin = await t.sesion('admin');
  comercial = await t.sesion('comercial');
});
afterAll(() => t.cerrar());

const pedir = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });

/** A cliente with one row in each table that can name it. */
async function clienteConHistoria(nombre: string): Promise<number> {
  const db = t.db.db;
  const id = await crearCliente(db, { nombre, email: 'titular@correo.cl', telefono: '+56911112222' });
  const equipo = await crearEquipo(db, id);
  await db.insertInto('lecturas_horometro').values({ id_equipo: equipo, fecha: hoyEnSantiago(), horas: 120 }).execute();
  const { id_orden } = await db
    .insertInto('ordenes_trabajo')
    .values({
      id_cliente: id,
      id_equipo: equipo,
      tipo: 'preventiva',
      estado: 'entregada',
      fecha_ingreso: hoyEnSantiago(),
    })
    .returning('id_orden')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('pedidos_repuestos')
    .values({ id_cliente: id, fecha: hoyEnSantiago(), estado: 'pendiente' })
    .execute();
  await db.insertInto('cotizaciones').values({ id_cliente: id, fecha: hoyEnSantiago(), estado: 'pendiente' }).execute();
  await db
    .insertInto('interacciones_cliente')
    .values({ id_cliente: id, fecha: new Date(), tipo: 'llamada', motivo: `Llamada a ${nombre}` })
    .execute();
  await db
    .insertInto('encuestas_satisfaccion')
    .values({ id_cliente: id, id_orden, fecha: hoyEnSantiago(), puntuacion_general: 9, comentarios: 'Muy bien' })
    .execute();
  await db.insertInto('contactos_cliente').values({ id_cliente: id, nombre: 'Hija del titular' }).execute();
  await db
    .insertInto('consentimientos')
    .values({ id_cliente: id, canal: 'email', otorgado: true, fuente: 'ficha' })
    .execute();
  await db
    .insertInto('mensajes')
    .values({ id_cliente: id, canal: 'email', motivo: 'saludo', clave: `saludo:${id}`, cuerpo: `Hola ${nombre}` })
    .execute();
  await db
    .insertInto('alertas')
    .values({ id_cliente: id, tipo: 'inactividad', clave: `inactividad:${id}`, titulo: nombre, fecha: hoyEnSantiago() })
    .execute();
  const { id_etiqueta } = await db
    .insertInto('etiquetas')
    .values({ nombre: `VIP ${id}` })
    .returning('id_etiqueta')
    .executeTakeFirstOrThrow();
  await db.insertInto('clientes_etiquetas').values({ id_cliente: id, id_etiqueta }).execute();
  return id;
}

describe('exportación de datos personales (acceso y portabilidad)', () => {
  it('el JSON trae todas las filas del cliente en cada tabla que lo nombra, y queda auditada', async () => {
    const id = await clienteConHistoria('Clotilde Arancibia');
    await pedir(admin, 'POST', '/api/solicitudes-titular', { id_cliente: id, tipo: 'acceso' });
    const r = await pedir(admin, 'GET', `/api/clientes/${id}/datos-personales?formato=json`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-disposition']).toMatch(/attachment; filename="datos-personales-cliente-\d+-.*\.json"/);
    const datos = cuerpo(r);
    expect(datos.titular).toMatchObject({ id_cliente: id, nombre: 'Clotilde Arancibia', email: 'titular@correo.cl' });
    const tablas = await sql<{ tabla: string }>`
      SELECT table_name AS tabla FROM information_schema.columns
      WHERE table_schema = current_schema() AND column_name = 'id_cliente' AND table_name <> 'clientes'`.execute(
      t.db.db,
    );
    expect(tablas.rows.length).toBeGreaterThan(12);
    for (const { tabla } of tablas.rows) {
      const n = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM ${sql.table(tabla)} WHERE id_cliente = ${id}`.execute(t.db.db);
      // The export's own audit row is written after the data was read.
      const propia = tabla === 'auditoria' ? 1 : 0;
      expect(datos.datos[tabla]?.length, tabla).toBe(n.rows[0]!.n - propia);
    }
    for (const tabla of ['interacciones_cliente', 'equipos', 'ordenes_trabajo', 'encuestas_satisfaccion', 'mensajes'])
      expect(datos.datos[tabla].length, tabla).toBe(1);
    expect(datos.datos.lecturas_horometro).toHaveLength(1);
    expect(datos.datos.etiquetas).toEqual([{ id_etiqueta: expect.any(Number), nombre: `VIP ${id}` }]);
    // No secret of ours travels: the survey link's hash is left out.
    expect(datos.datos.encuestas_satisfaccion[0]).not.toHaveProperty('token_hash');
    const auditoria = await t.db.db
      .selectFrom('auditoria')
      .select(['accion', 'entidad', 'detalle'])
      .where('id_cliente', '=', id)
      .where('accion', '=', 'exportar')
      .execute();
    expect(auditoria).toHaveLength(1);
    expect(auditoria[0]).toMatchObject({ entidad: 'datos_personales', detalle: { formato: 'json' } });
  });

  it('el PDF es legible y también queda auditado', async () => {
    const id = await clienteConHistoria('Segismundo Valdebenito');
    const r = await pedir(admin, 'GET', `/api/clientes/${id}/datos-personales?formato=pdf`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    const texto = textoDePdf(r.rawPayload);
    expect(texto).toContain('Datos personales de Segismundo Valdebenito');
    expect(texto).toContain('Interacciones (1)');
    expect(texto).toContain('Llamada a Segismundo Valdebenito');
    const n = await t.db.db
      .selectFrom('auditoria')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id_cliente', '=', id)
      .where('entidad', '=', 'datos_personales')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('solo un administrador exporta los datos personales', async () => {
    const id = await crearCliente(t.db.db);
    const r = await pedir(comercial, 'GET', `/api/clientes/${id}/datos-personales`);
    expect(r.statusCode).toBe(403);
    expect(cuerpo(r).detail).toBe('Su rol (comercial) no permite exportar los datos personales de un cliente.');
  });
});

describe('bloqueo', () => {
  it('un cliente bloqueado rechaza ediciones, interacciones y servicios con un 423 claro, y se puede desbloquear', async () => {
    const id = await clienteConHistoria('Ruperto Sandoval');
    const pendiente = await t.db.db
      .insertInto('mensajes')
      .values({ id_cliente: id, canal: 'email', motivo: 'campana', clave: `c:${id}`, cuerpo: 'Oferta' })
      .returning('id_mensaje')
      .executeTakeFirstOrThrow();
    const b = await pedir(admin, 'POST', `/api/clientes/${id}/bloqueo`, {
      bloquear: true,
      motivo: 'Pedido por correo',
    });
    expect(b.statusCode, b.body).toBe(200);
    expect(cuerpo(b)).toMatchObject({ bloqueado: true, version: 2 });
    const ficha = cuerpo(await pedir(admin, 'GET', `/api/clientes/${id}/ficha`));
    expect(ficha.cliente.bloqueado).toBe(true);
    // What was queued does not go out.
    const mensaje = await t.db.db
      .selectFrom('mensajes')
      .select(['estado', 'error'])
      .where('id_mensaje', '=', pendiente.id_mensaje)
      .executeTakeFirstOrThrow();
    expect(mensaje).toEqual({ estado: 'omitido', error: 'Cliente bloqueado (Ley 21.719)' });
    const enCola = await t.db.db
      .selectFrom('mensajes')
      .select('id_mensaje')
      .where('id_cliente', '=', id)
      .where('estado', '=', 'pendiente')
      .execute();
    expect(enCola).toEqual([]);

    const edicion = await pedir(admin, 'PATCH', `/api/clientes/${id}`, { version: 2, notas: 'Cambio' });
    expect(edicion.statusCode).toBe(423);
    expect(cuerpo(edicion)).toMatchObject({
      title: 'Cliente bloqueado',
      detail: expect.stringContaining(`El cliente ${id} está bloqueado a pedido del titular (Ley 21.719)`),
    });
    const interaccion = await pedir(comercial, 'POST', `/api/clientes/${id}/interacciones`, {
      tipo: 'llamada',
      motivo: 'Seguimiento',
    });
    expect(interaccion.statusCode).toBe(423);
    expect(cuerpo(interaccion).detail).toContain('Un administrador puede desbloquearlo desde la ficha.');
    const orden = await pedir(admin, 'POST', '/api/ordenes', {
      id_cliente: id,
      tipo: 'correctiva',
      fecha_ingreso: hoyEnSantiago(),
    });
    expect(orden.statusCode).toBe(423);
    const archivar = await pedir(admin, 'POST', `/api/clientes/${id}/archivar`);
    expect(archivar.statusCode).toBe(423);
    // Withdrawing consent is the titular's right and is always accepted; granting it is refused.
    const retiro = await pedir(admin, 'POST', `/api/clientes/${id}/consentimientos`, {
      canal: 'email',
      otorgado: false,
      fuente: 'Llamada del titular',
    });
    expect(retiro.statusCode, retiro.body).toBe(201);
    const otorgar = await pedir(admin, 'POST', `/api/clientes/${id}/consentimientos`, {
      canal: 'whatsapp',
      otorgado: true,
      fuente: 'ficha',
    });
    expect(otorgar.statusCode).toBe(423);
    // What the system keeps up to date by itself still runs: daily activity and next service.
    await recalcularActividad(t.db.db);
    await recalcularPlanEquipos(t.db.db);
    // And hand-written SQL is refused too: the rule lives in the database.
    await expect(
      sql`UPDATE interacciones_cliente SET descripcion = 'x' WHERE id_cliente = ${id}`.execute(t.db.db),
    ).rejects.toMatchObject({ code: 'RC423' });

    expect((await pedir(comercial, 'POST', `/api/clientes/${id}/bloqueo`, { bloquear: false })).statusCode).toBe(403);
    const d = await pedir(admin, 'POST', `/api/clientes/${id}/bloqueo`, { bloquear: false });
    expect(d.statusCode, d.body).toBe(200);
    expect(cuerpo(d)).toMatchObject({ bloqueado: false, version: 3 });
    const despues = await pedir(admin, 'PATCH', `/api/clientes/${id}`, { version: 3, notas: 'Cambio' });
    expect(despues.statusCode, despues.body).toBe(200);
    const acciones = await t.db.db
      .selectFrom('auditoria')
      .select(['accion', 'detalle'])
      .where('id_cliente', '=', id)
      .where('accion', 'in', ['bloquear', 'desbloquear'])
      .orderBy('id_auditoria')
      .execute();
    expect(acciones).toEqual([
      {
        accion: 'bloquear',
        detalle: { cambios: { bloqueado: [false, true] }, motivo: 'Pedido por correo', mensajes_detenidos: 2 },
      },
      { accion: 'desbloquear', detalle: { cambios: { bloqueado: [true, false] } } },
    ]);
  });

  it('bloquear dos veces es un conflicto', async () => {
    const id = await crearCliente(t.db.db);
    expect((await pedir(admin, 'POST', `/api/clientes/${id}/bloqueo`, { bloquear: true })).statusCode).toBe(200);
    const otra = await pedir(admin, 'POST', `/api/clientes/${id}/bloqueo`, { bloquear: true });
    expect(otra.statusCode).toBe(409);
    expect(cuerpo(otra).title).toBe('El cliente ya está bloqueado');
  });
});

describe('solicitudes del titular', () => {
  it('el plazo es la recepción + 30 días, y la solicitud se lista hasta que se cumple', async () => {
    const hoy = hoyEnSantiago();
    const id = await crearCliente(t.db.db, { nombre: 'Leontina Fuenzalida' });
    const vieja = await pedir(admin, 'POST', '/api/solicitudes-titular', {
      id_cliente: id,
      tipo: 'bloqueo',
      recibida_en: sumarDias(hoy, -35),
    });
    expect(vieja.statusCode, vieja.body).toBe(201);
    expect(cuerpo(vieja)).toMatchObject({
      estado: 'abierta',
      recibida_en: sumarDias(hoy, -35),
      plazo: sumarDias(hoy, -5),
      dias_restantes: -5,
      vencida: true,
      cliente: 'Leontina Fuenzalida',
      registrada_por: 'Usuario admin',
    });
    const nueva = cuerpo(await pedir(admin, 'POST', '/api/solicitudes-titular', { id_cliente: id, tipo: 'acceso' }));
    expect(nueva).toMatchObject({ recibida_en: hoy, plazo: sumarDias(hoy, 30), dias_restantes: 30, vencida: false });

    const abiertas = async () =>
      cuerpo(await pedir(admin, 'GET', `/api/solicitudes-titular?id_cliente=${id}`)) as {
        total: number;
        vencidas: number;
        items: { id_solicitud: number }[];
      };
    const antes = await abiertas();
    expect(antes.total).toBe(2);
    expect(antes.vencidas).toBeGreaterThanOrEqual(1);
    // The one closest to (or past) its deadline first.
    expect(antes.items.map((s) => s.id_solicitud)).toEqual([cuerpo(vieja).id_solicitud, nueva.id_solicitud]);

    // Fulfilling the block request from the block action closes it.
    const b = await pedir(admin, 'POST', `/api/clientes/${id}/bloqueo`, {
      bloquear: true,
      id_solicitud: cuerpo(vieja).id_solicitud,
    });
    expect(b.statusCode, b.body).toBe(200);
    const cerrada = await pedir(admin, 'POST', `/api/solicitudes-titular/${nueva.id_solicitud}/cerrar`, {
      estado: 'cumplida',
      respuesta: 'Se envió el PDF',
    });
    expect(cerrada.statusCode, cerrada.body).toBe(200);
    expect(cuerpo(cerrada)).toMatchObject({ estado: 'cumplida', dias_restantes: null, cerrada_por: 'Usuario admin' });
    expect((await abiertas()).total).toBe(0);
    const todas = cuerpo(await pedir(admin, 'GET', `/api/solicitudes-titular?id_cliente=${id}&estado=todas`));
    expect(todas.items.map((s: { estado: string }) => s.estado)).toEqual(['cumplida', 'cumplida']);
    const otraVez = await pedir(admin, 'POST', `/api/solicitudes-titular/${nueva.id_solicitud}/cerrar`, {
      estado: 'rechazada',
    });
    expect(otraVez.statusCode).toBe(409);
  });

  it('una fecha de recepción futura es un 422 y solo un administrador ve las solicitudes', async () => {
    const id = await crearCliente(t.db.db);
    const futura = await pedir(admin, 'POST', '/api/solicitudes-titular', {
      id_cliente: id,
      tipo: 'acceso',
      recibida_en: sumarDias(hoyEnSantiago(), 2),
    });
    expect(futura.statusCode).toBe(422);
    expect(cuerpo(futura).errors).toEqual([
      { campo: 'recibida_en', mensaje: 'La fecha de recepción no puede ser futura.' },
    ]);
    for (const rol of ['comercial', 'tecnico', 'lectura'] as const) {
      const r = await pedir(await t.sesion(rol), 'GET', '/api/solicitudes-titular');
      expect(r.statusCode, rol).toBe(403);
    }
  });
});
