import { sql } from 'kysely';
import { hoyEnSantiago } from '../../shared/formato.ts';
import type { PedidoEdicion, PedidoEntrada } from '../../shared/servicios.ts';
import { diferencias, type Actor } from '../auditoria/auditoria.ts';
import { enTransaccion, type Conexion } from '../db/tipos.ts';
import { leerParaEditar } from '../db/versiones.ts';
import { noEncontrado, reglaIncumplida } from '../http/errores.ts';
import { conflictoNumero, exigirClienteExiste, exigirDelCliente, trasEventoDeServicio } from '../servicios/comun.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';

const ESCRIBIR = ['admin', 'comercial'] as const;
type Item = NonNullable<PedidoEntrada['items']>[number];

/** El monto es la suma de los ítems cuando vienen; entregado lleva fecha de entrega. */
function completar<
  T extends { items?: Item[]; monto_total?: number; estado?: string; fecha_entrega?: string | null; fecha?: string },
>(p: T) {
  const errores = [];
  let monto = p.monto_total;
  if (p.items && p.items.length > 0) {
    const suma = Math.round(p.items.reduce((s, i) => s + i.cantidad * i.precio, 0));
    if (monto !== undefined && monto !== suma) {
      errores.push({
        campo: 'monto_total',
        mensaje: `El monto (${monto}) no coincide con la suma de los ítems (${suma}).`,
      });
    }
    monto = suma;
  }
  const fechaEntrega = p.estado === 'entregado' ? (p.fecha_entrega ?? hoyEnSantiago()) : p.fecha_entrega;
  if (fechaEntrega && p.fecha && fechaEntrega < p.fecha) {
    errores.push({ campo: 'fecha_entrega', mensaje: 'La entrega no puede ser anterior a la fecha del pedido.' });
  }
  if (errores.length) throw reglaIncumplida(errores);
  return { monto, fechaEntrega };
}

export async function registrarPedido(db: Conexion, usuario: Usuario, actor: Actor, entrada: PedidoEntrada) {
  exigirRol(usuario, ESCRIBIR, 'registrar pedidos de repuestos');
  const { monto, fechaEntrega } = completar(entrada);
  const id = await enTransaccion(db, async (trx) => {
    await exigirClienteExiste(trx, entrada.id_cliente);
    await exigirDelCliente(trx, 'equipos', entrada.id_equipo, entrada.id_cliente, 'id_equipo');
    const { items, ...resto } = entrada;
    const creado = await trx
      .insertInto('pedidos_repuestos')
      .values({
        ...resto,
        numero: resto.numero || null,
        monto_total: monto ?? 0,
        fecha_entrega: fechaEntrega ?? null,
        items: JSON.stringify(items ?? []),
      })
      .returning('id_pedido')
      .executeTakeFirstOrThrow()
      .catch((e: unknown) => conflictoNumero(e, 'un pedido'));
    await trasEventoDeServicio(
      trx,
      actor,
      entrada.id_cliente,
      entrada.estado === 'cancelado' ? null : (fechaEntrega ?? entrada.fecha),
      {
        accion: 'crear',
        entidad: 'pedido',
        id_entidad: creado.id_pedido,
        detalle: { datos: { ...resto, monto_total: monto } },
      },
    );
    return creado.id_pedido;
  });
  return obtenerPedido(db, usuario, id);
}

export async function editarPedido(db: Conexion, usuario: Usuario, actor: Actor, id: number, entrada: PedidoEdicion) {
  exigirRol(usuario, ESCRIBIR, 'editar pedidos de repuestos');
  const { version, items, ...cambios } = entrada;
  await enTransaccion(db, async (trx) => {
    const actual = await leerParaEditar(trx, 'pedidos_repuestos', 'id_pedido', id, version, `El pedido ${id}`);
    const nuevo = { ...(actual as unknown as PedidoEntrada), ...cambios, items: items ?? undefined };
    const { monto, fechaEntrega } = completar(nuevo);
    await exigirDelCliente(trx, 'equipos', cambios.id_equipo, actual.id_cliente as number, 'id_equipo');
    await trx
      .updateTable('pedidos_repuestos')
      .set({
        ...cambios,
        ...(monto !== undefined ? { monto_total: monto } : {}),
        ...(fechaEntrega !== undefined ? { fecha_entrega: fechaEntrega } : {}),
        ...(items ? { items: JSON.stringify(items) } : {}),
        version: sql`version + 1`,
      })
      .where('id_pedido', '=', id)
      .execute()
      .catch((e: unknown) => conflictoNumero(e, 'un pedido'));
    await trasEventoDeServicio(
      trx,
      actor,
      actual.id_cliente as number,
      nuevo.estado === 'cancelado' ? null : (fechaEntrega ?? nuevo.fecha),
      {
        accion: 'editar',
        entidad: 'pedido',
        id_entidad: id,
        detalle: { cambios: diferencias(actual, { ...cambios, monto_total: monto }) },
      },
    );
  });
  return obtenerPedido(db, usuario, id);
}

function consulta(db: Conexion) {
  return db
    .selectFrom('pedidos_repuestos as p')
    .innerJoin('clientes as c', 'c.id_cliente', 'p.id_cliente')
    .selectAll('p')
    .select('c.nombre as cliente');
}
const pedidoApi = <T extends { creado_en: Date }>(p: T) => ({ ...p, creado_en: p.creado_en.toISOString() });

export async function obtenerPedido(db: Conexion, usuario: Usuario, id: number) {
  exigirRol(usuario, TODOS, 'ver pedidos');
  const p = await consulta(db).where('p.id_pedido', '=', id).executeTakeFirst();
  if (!p) throw noEncontrado(`El pedido ${id}`);
  return pedidoApi(p);
}

export async function listarPedidos(
  db: Conexion,
  usuario: Usuario,
  f: { id_cliente?: number; estado?: string; desde?: string; hasta?: string; limit: number; offset: number },
) {
  exigirRol(usuario, TODOS, 'ver pedidos');
  let q = consulta(db);
  let n = db.selectFrom('pedidos_repuestos as p');
  if (f.id_cliente) [q, n] = [q.where('p.id_cliente', '=', f.id_cliente), n.where('p.id_cliente', '=', f.id_cliente)];
  if (f.estado) [q, n] = [q.where('p.estado', '=', f.estado as never), n.where('p.estado', '=', f.estado as never)];
  if (f.desde) [q, n] = [q.where('p.fecha', '>=', f.desde), n.where('p.fecha', '>=', f.desde)];
  if (f.hasta) [q, n] = [q.where('p.fecha', '<=', f.hasta), n.where('p.fecha', '<=', f.hasta)];
  const [filas, total] = await Promise.all([
    q.orderBy('p.fecha', 'desc').orderBy('p.id_pedido', 'desc').limit(f.limit).offset(f.offset).execute(),
    n.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(total.n), limit: f.limit, offset: f.offset, items: filas.map(pedidoApi) };
}
