import { sql } from 'kysely';
import { hoyEnSantiago } from '../../shared/formato.ts';
import { ORDEN_COMPLETADA, type OrdenEdicion, type OrdenEntrada } from '../../shared/servicios.ts';
import { diferencias, type Actor } from '../auditoria/auditoria.ts';
import { enTransaccion, type Conexion } from '../db/tipos.ts';
import { leerParaEditar } from '../db/versiones.ts';
import { noEncontrado, reglaIncumplida } from '../http/errores.ts';
import { agregarLectura } from '../equipos/equipos.ts';
import { programarEncuestaDeOrden } from '../encuestas/encuestas.ts';
import { conflictoNumero, exigirClienteExiste, exigirDelCliente, trasEventoDeServicio } from '../servicios/comun.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';

const ESCRIBIR = ['admin', 'comercial', 'tecnico'] as const;

type DatosOrden = Omit<OrdenEntrada, 'id_cliente'> & { id_cliente: number };

/** Reglas de una orden: equipo del mismo cliente, cierre no antes del ingreso; al completarse lleva fecha de cierre. */
function validarOrden(o: Partial<DatosOrden>) {
  const errores = [];
  if (o.fecha_cierre && o.fecha_ingreso && o.fecha_cierre < o.fecha_ingreso) {
    errores.push({ campo: 'fecha_cierre', mensaje: 'La fecha de cierre no puede ser anterior a la de ingreso.' });
  }
  if (o.fecha_ingreso && o.fecha_ingreso > hoyEnSantiago()) {
    errores.push({ campo: 'fecha_ingreso', mensaje: 'La fecha de ingreso no puede estar en el futuro.' });
  }
  if (errores.length) throw reglaIncumplida(errores);
}

function cierre(o: Partial<DatosOrden>): string | null | undefined {
  if (o.estado && (ORDEN_COMPLETADA as readonly string[]).includes(o.estado)) return o.fecha_cierre ?? hoyEnSantiago();
  return o.fecha_cierre;
}

export async function registrarOrden(db: Conexion, usuario: Usuario, actor: Actor, entrada: OrdenEntrada) {
  exigirRol(usuario, ESCRIBIR, 'registrar órdenes de trabajo');
  const datos = { ...entrada, fecha_cierre: cierre(entrada) ?? null };
  validarOrden(datos);
  const id = await enTransaccion(db, async (trx) => {
    await exigirClienteExiste(trx, entrada.id_cliente);
    await exigirDelCliente(trx, 'equipos', entrada.id_equipo, entrada.id_cliente, 'id_equipo');
    const creada = await trx
      .insertInto('ordenes_trabajo')
      .values({ ...datos, numero: datos.numero || null })
      .returning('id_orden')
      .executeTakeFirstOrThrow()
      .catch((e: unknown) => conflictoNumero(e, 'una orden'));
    if (entrada.id_equipo && entrada.horometro != null) {
      await agregarLectura(trx, entrada.id_equipo, {
        fecha: datos.fecha_cierre ?? entrada.fecha_ingreso,
        horas: entrada.horometro,
        fuente: 'orden',
      });
    }
    await programarEncuestaDeOrden(trx, creada.id_orden);
    await trasEventoDeServicio(
      trx,
      actor,
      entrada.id_cliente,
      datos.estado === 'cancelada' ? null : (datos.fecha_cierre ?? datos.fecha_ingreso),
      {
        accion: 'crear',
        entidad: 'orden',
        id_entidad: creada.id_orden,
        detalle: { datos },
      },
      entrada.id_equipo,
    );
    return creada.id_orden;
  });
  return obtenerOrden(db, usuario, id);
}

export async function editarOrden(db: Conexion, usuario: Usuario, actor: Actor, id: number, entrada: OrdenEdicion) {
  exigirRol(usuario, ESCRIBIR, 'editar órdenes de trabajo');
  const { version, ...cambios } = entrada;
  await enTransaccion(db, async (trx) => {
    const actual = (await leerParaEditar(
      trx,
      'ordenes_trabajo',
      'id_orden',
      id,
      version,
      `La orden ${id}`,
    )) as unknown as DatosOrden;
    const nuevo = { ...actual, ...cambios };
    const fechaCierre = cierre(nuevo);
    if (fechaCierre !== undefined) cambios.fecha_cierre = fechaCierre;
    validarOrden({ ...nuevo, fecha_cierre: fechaCierre });
    await exigirDelCliente(trx, 'equipos', cambios.id_equipo, actual.id_cliente, 'id_equipo');
    await trx
      .updateTable('ordenes_trabajo')
      .set({ ...cambios, version: sql`version + 1` })
      .where('id_orden', '=', id)
      .execute()
      .catch((e: unknown) => conflictoNumero(e, 'una orden'));
    const idEquipo = nuevo.id_equipo;
    if (idEquipo && cambios.horometro != null) {
      await agregarLectura(trx, idEquipo, {
        fecha: fechaCierre ?? nuevo.fecha_ingreso,
        horas: cambios.horometro,
        fuente: 'orden',
      });
    }
    await programarEncuestaDeOrden(trx, id);
    await trasEventoDeServicio(
      trx,
      actor,
      actual.id_cliente,
      nuevo.estado === 'cancelada' ? null : (fechaCierre ?? nuevo.fecha_ingreso),
      {
        accion: 'editar',
        entidad: 'orden',
        id_entidad: id,
        detalle: { cambios: diferencias(actual as unknown as Record<string, unknown>, cambios) },
      },
      nuevo.id_equipo,
    );
  });
  return obtenerOrden(db, usuario, id);
}

function consulta(db: Conexion) {
  return db
    .selectFrom('ordenes_trabajo as o')
    .innerJoin('clientes as c', 'c.id_cliente', 'o.id_cliente')
    .leftJoin('equipos as e', 'e.id_equipo', 'o.id_equipo')
    .leftJoin('usuarios as u', 'u.id_usuario', 'o.id_tecnico')
    .selectAll('o')
    .select([
      'c.nombre as cliente',
      'u.nombre as tecnico',
      sql<string | null>`e.tipo || ' ' || e.marca || coalesce(' ' || e.modelo, '')`.as('equipo'),
    ]);
}

function ordenApi<T extends { creado_en: Date }>(o: T) {
  return { ...o, creado_en: o.creado_en.toISOString() };
}

export async function obtenerOrden(db: Conexion, usuario: Usuario, id: number) {
  exigirRol(usuario, TODOS, 'ver órdenes');
  const o = await consulta(db).where('o.id_orden', '=', id).executeTakeFirst();
  if (!o) throw noEncontrado(`La orden ${id}`);
  return ordenApi(o);
}

export async function listarOrdenes(
  db: Conexion,
  usuario: Usuario,
  f: {
    id_cliente?: number;
    estado?: string;
    tipo?: string;
    desde?: string;
    hasta?: string;
    limit: number;
    offset: number;
  },
) {
  exigirRol(usuario, TODOS, 'ver órdenes');
  let q = consulta(db);
  let n = db.selectFrom('ordenes_trabajo as o');
  if (f.id_cliente) [q, n] = [q.where('o.id_cliente', '=', f.id_cliente), n.where('o.id_cliente', '=', f.id_cliente)];
  if (f.estado) [q, n] = [q.where('o.estado', '=', f.estado as never), n.where('o.estado', '=', f.estado as never)];
  if (f.tipo) [q, n] = [q.where('o.tipo', '=', f.tipo as never), n.where('o.tipo', '=', f.tipo as never)];
  if (f.desde) [q, n] = [q.where('o.fecha_ingreso', '>=', f.desde), n.where('o.fecha_ingreso', '>=', f.desde)];
  if (f.hasta) [q, n] = [q.where('o.fecha_ingreso', '<=', f.hasta), n.where('o.fecha_ingreso', '<=', f.hasta)];
  const [filas, total] = await Promise.all([
    q.orderBy('o.fecha_ingreso', 'desc').orderBy('o.id_orden', 'desc').limit(f.limit).offset(f.offset).execute(),
    n.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(total.n), limit: f.limit, offset: f.offset, items: filas.map(ordenApi) };
}
