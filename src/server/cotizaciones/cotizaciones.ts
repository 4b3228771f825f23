import { sql } from 'kysely';
import { hoyEnSantiago } from '../../shared/formato.ts';
import type { CotizacionEdicion, CotizacionEntrada } from '../../shared/servicios.ts';
import { diferencias, type Actor } from '../auditoria/auditoria.ts';
import { enTransaccion, type Conexion } from '../db/tipos.ts';
import { leerParaEditar } from '../db/versiones.ts';
import { noEncontrado, reglaIncumplida } from '../http/errores.ts';
import { conflictoNumero, exigirClienteExiste, exigirDelCliente, trasEventoDeServicio } from '../servicios/comun.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';

const ESCRIBIR = ['admin', 'comercial'] as const;

/** Vencimiento no antes de la emisión; una cotización resuelta lleva fecha de resolución. */
function completar(c: Partial<CotizacionEntrada>) {
  if (c.fecha_vencimiento && c.fecha && c.fecha_vencimiento < c.fecha) {
    throw reglaIncumplida([
      { campo: 'fecha_vencimiento', mensaje: 'El vencimiento no puede ser anterior a la fecha de la cotización.' },
    ]);
  }
  return c.estado && c.estado !== 'pendiente'
    ? (c.fecha_resolucion ?? hoyEnSantiago())
    : c.estado === 'pendiente'
      ? null
      : c.fecha_resolucion;
}

export async function registrarCotizacion(db: Conexion, usuario: Usuario, actor: Actor, entrada: CotizacionEntrada) {
  exigirRol(usuario, ESCRIBIR, 'registrar cotizaciones');
  const fechaResolucion = completar(entrada);
  const id = await enTransaccion(db, async (trx) => {
    await exigirClienteExiste(trx, entrada.id_cliente);
    await exigirDelCliente(trx, 'ordenes_trabajo', entrada.id_orden, entrada.id_cliente, 'id_orden');
    await exigirDelCliente(trx, 'pedidos_repuestos', entrada.id_pedido, entrada.id_cliente, 'id_pedido');
    const creada = await trx
      .insertInto('cotizaciones')
      .values({ ...entrada, numero: entrada.numero || null, fecha_resolucion: fechaResolucion ?? null })
      .returning('id_cotizacion')
      .executeTakeFirstOrThrow()
      .catch((e: unknown) => conflictoNumero(e, 'una cotización'));
    await trasEventoDeServicio(trx, actor, entrada.id_cliente, entrada.fecha, {
      accion: 'crear',
      entidad: 'cotizacion',
      id_entidad: creada.id_cotizacion,
      detalle: { datos: entrada },
    });
    return creada.id_cotizacion;
  });
  return obtenerCotizacion(db, usuario, id);
}

export async function editarCotizacion(
  db: Conexion,
  usuario: Usuario,
  actor: Actor,
  id: number,
  entrada: CotizacionEdicion,
) {
  exigirRol(usuario, ESCRIBIR, 'editar cotizaciones');
  const { version, ...cambios } = entrada;
  await enTransaccion(db, async (trx) => {
    const actual = await leerParaEditar(trx, 'cotizaciones', 'id_cotizacion', id, version, `La cotización ${id}`);
    const nuevo = { ...(actual as unknown as CotizacionEntrada), ...cambios };
    const fechaResolucion = completar(nuevo);
    const idCliente = actual.id_cliente as number;
    await exigirDelCliente(trx, 'ordenes_trabajo', cambios.id_orden, idCliente, 'id_orden');
    await exigirDelCliente(trx, 'pedidos_repuestos', cambios.id_pedido, idCliente, 'id_pedido');
    await trx
      .updateTable('cotizaciones')
      .set({
        ...cambios,
        ...(cambios.estado ? { fecha_resolucion: fechaResolucion ?? null } : {}),
        version: sql`version + 1`,
      })
      .where('id_cotizacion', '=', id)
      .execute()
      .catch((e: unknown) => conflictoNumero(e, 'una cotización'));
    await trasEventoDeServicio(trx, actor, idCliente, fechaResolucion ?? nuevo.fecha, {
      accion: 'editar',
      entidad: 'cotizacion',
      id_entidad: id,
      detalle: { cambios: diferencias(actual, cambios) },
    });
  });
  return obtenerCotizacion(db, usuario, id);
}

function consulta(db: Conexion) {
  return db
    .selectFrom('cotizaciones as q')
    .innerJoin('clientes as c', 'c.id_cliente', 'q.id_cliente')
    .selectAll('q')
    .select('c.nombre as cliente');
}
const cotizacionApi = <T extends { creado_en: Date }>(q: T) => ({ ...q, creado_en: q.creado_en.toISOString() });

export async function obtenerCotizacion(db: Conexion, usuario: Usuario, id: number) {
  exigirRol(usuario, TODOS, 'ver cotizaciones');
  const q = await consulta(db).where('q.id_cotizacion', '=', id).executeTakeFirst();
  if (!q) throw noEncontrado(`La cotización ${id}`);
  return cotizacionApi(q);
}

export async function listarCotizaciones(
  db: Conexion,
  usuario: Usuario,
  f: { id_cliente?: number; estado?: string; desde?: string; hasta?: string; limit: number; offset: number },
) {
  exigirRol(usuario, TODOS, 'ver cotizaciones');
  let q = consulta(db);
  let n = db.selectFrom('cotizaciones as q');
  if (f.id_cliente) [q, n] = [q.where('q.id_cliente', '=', f.id_cliente), n.where('q.id_cliente', '=', f.id_cliente)];
  if (f.estado) [q, n] = [q.where('q.estado', '=', f.estado as never), n.where('q.estado', '=', f.estado as never)];
  if (f.desde) [q, n] = [q.where('q.fecha', '>=', f.desde), n.where('q.fecha', '>=', f.desde)];
  if (f.hasta) [q, n] = [q.where('q.fecha', '<=', f.hasta), n.where('q.fecha', '<=', f.hasta)];
  const [filas, total] = await Promise.all([
    q.orderBy('q.fecha', 'desc').orderBy('q.id_cotizacion', 'desc').limit(f.limit).offset(f.offset).execute(),
    n.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(total.n), limit: f.limit, offset: f.offset, items: filas.map(cotizacionApi) };
}
