import { sql } from 'kysely';
import type { InteraccionEntrada } from '../../shared/interacciones.ts';
import { hoyEnSantiago } from '../../shared/formato.ts';
import { registrarAuditoria, type Actor } from '../auditoria/auditoria.ts';
import { registrarActividad } from '../clientes/actividad.ts';
import { enTransaccion, type Conexion } from '../db/tipos.ts';
import { ErrorApp, noEncontrado, reglaIncumplida } from '../http/errores.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';
import { recalcularMetricas } from '../valor/metricas.ts';

// Políticas: técnicos también registran contactos (DOMAIN.md "usuario").
const REGISTRAR = ['admin', 'comercial', 'tecnico'] as const;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function interaccionApi(f: {
  id_interaccion: number;
  id_cliente: number;
  fecha: Date;
  tipo: string;
  motivo: string;
  descripcion: string | null;
  resultado: string | null;
  seguimiento_requerido: boolean;
  fecha_seguimiento: string | null;
  id_orden: number | null;
  id_pedido: number | null;
  id_usuario: number | null;
  usuario?: string | null;
  id_responsable_seguimiento: number | null;
  responsable_seguimiento?: string | null;
  seguimiento_completado_en: Date | null;
  origen: string;
}) {
  return {
    ...f,
    fecha: iso(f.fecha)!,
    seguimiento_completado_en: iso(f.seguimiento_completado_en),
    usuario: f.usuario ?? null,
    responsable_seguimiento: f.responsable_seguimiento ?? null,
  };
}

async function exigirCliente(db: Conexion, id: number) {
  const c = await db
    .selectFrom('clientes')
    .select(['id_cliente', 'id_responsable', 'anonimizado'])
    .where('id_cliente', '=', id)
    .executeTakeFirst();
  if (!c) throw noEncontrado(`El cliente ${id}`);
  return c;
}

/**
 * Registra un contacto con el cliente. En la misma transacción: último contacto y activo
 * (DOMAIN.md), métricas del cliente y auditoría.
 */
export async function registrarInteraccion(
  db: Conexion,
  usuario: Usuario,
  actor: Actor,
  idCliente: number,
  entrada: InteraccionEntrada,
  opciones: { origen?: string } = {},
) {
  exigirRol(usuario, REGISTRAR, 'registrar interacciones');
  const errores = [];
  if (entrada.seguimiento_requerido && !entrada.fecha_seguimiento) {
    errores.push({ campo: 'fecha_seguimiento', mensaje: 'Indique la fecha del seguimiento.' });
  }
  if (!entrada.seguimiento_requerido && entrada.fecha_seguimiento) {
    errores.push({ campo: 'seguimiento_requerido', mensaje: 'Marque «requiere seguimiento» si programa una fecha.' });
  }
  const fecha = entrada.fecha ? new Date(entrada.fecha) : new Date();
  if (fecha.getTime() > Date.now() + 24 * 3_600_000) {
    errores.push({ campo: 'fecha', mensaje: 'La fecha de la interacción no puede estar en el futuro.' });
  }
  if (errores.length) throw reglaIncumplida(errores);

  const id = await enTransaccion(db, async (trx) => {
    const cliente = await exigirCliente(trx, idCliente);
    if (cliente.anonimizado)
      throw new ErrorApp(
        'REGLA',
        'Cliente anonimizado',
        'No se registran contactos de un cliente cuyos datos fueron suprimidos.',
      );
    if (entrada.id_orden) {
      const o = await trx
        .selectFrom('ordenes_trabajo')
        .select('id_cliente')
        .where('id_orden', '=', entrada.id_orden)
        .executeTakeFirst();
      if (!o || o.id_cliente !== idCliente) {
        throw reglaIncumplida([{ campo: 'id_orden', mensaje: `La orden ${entrada.id_orden} no es de este cliente.` }]);
      }
    }
    if (entrada.id_pedido) {
      const p = await trx
        .selectFrom('pedidos_repuestos')
        .select('id_cliente')
        .where('id_pedido', '=', entrada.id_pedido)
        .executeTakeFirst();
      if (!p || p.id_cliente !== idCliente) {
        throw reglaIncumplida([
          { campo: 'id_pedido', mensaje: `El pedido ${entrada.id_pedido} no es de este cliente.` },
        ]);
      }
    }
    let responsable: number | null = null;
    if (entrada.seguimiento_requerido) {
      responsable = entrada.id_responsable_seguimiento ?? cliente.id_responsable ?? usuario.id_usuario;
      const u = await trx
        .selectFrom('usuarios')
        .select('id_usuario')
        .where('id_usuario', '=', responsable)
        .where('activo', '=', true)
        .executeTakeFirst();
      if (!u)
        throw reglaIncumplida([
          { campo: 'id_responsable_seguimiento', mensaje: `El usuario ${responsable} no existe o está inactivo.` },
        ]);
    }
    const creada = await trx
      .insertInto('interacciones_cliente')
      .values({
        id_cliente: idCliente,
        fecha,
        tipo: entrada.tipo,
        motivo: entrada.motivo,
        descripcion: entrada.descripcion ?? null,
        resultado: entrada.resultado ?? null,
        seguimiento_requerido: entrada.seguimiento_requerido,
        fecha_seguimiento: entrada.seguimiento_requerido ? entrada.fecha_seguimiento! : null,
        id_responsable_seguimiento: responsable,
        id_orden: entrada.id_orden ?? null,
        id_pedido: entrada.id_pedido ?? null,
        id_usuario: usuario.id_usuario,
        origen: opciones.origen ?? 'manual',
      })
      .returning('id_interaccion')
      .executeTakeFirstOrThrow();
    await registrarActividad(trx, idCliente, fecha, { esContacto: true });
    await recalcularMetricas(trx, { ids: [idCliente] });
    await registrarAuditoria(trx, actor, {
      accion: 'crear',
      entidad: 'interaccion',
      id_entidad: creada.id_interaccion,
      id_cliente: idCliente,
      detalle: { tipo: entrada.tipo, motivo: entrada.motivo },
    });
    return creada.id_interaccion;
  });
  return obtenerInteraccion(db, id);
}

function consultaInteracciones(db: Conexion) {
  return db
    .selectFrom('interacciones_cliente as i')
    .leftJoin('usuarios as u', 'u.id_usuario', 'i.id_usuario')
    .leftJoin('usuarios as r', 'r.id_usuario', 'i.id_responsable_seguimiento')
    .selectAll('i')
    .select(['u.nombre as usuario', 'r.nombre as responsable_seguimiento']);
}

export async function obtenerInteraccion(db: Conexion, id: number) {
  const f = await consultaInteracciones(db).where('i.id_interaccion', '=', id).executeTakeFirst();
  if (!f) throw noEncontrado(`La interacción ${id}`);
  return interaccionApi(f);
}

/** Interacciones de un cliente, las más recientes primero. */
export async function listarInteracciones(
  db: Conexion,
  usuario: Usuario,
  idCliente: number,
  f: { tipo?: string; limit: number; offset: number },
) {
  exigirRol(usuario, TODOS, 'ver interacciones');
  await exigirCliente(db, idCliente);
  let base = db.selectFrom('interacciones_cliente').where('id_cliente', '=', idCliente);
  if (f.tipo) base = base.where('tipo', '=', f.tipo as never);
  let pagina = consultaInteracciones(db).where('i.id_cliente', '=', idCliente);
  if (f.tipo) pagina = pagina.where('i.tipo', '=', f.tipo as never);
  const [filas, total] = await Promise.all([
    pagina.orderBy('i.fecha', 'desc').orderBy('i.id_interaccion', 'desc').limit(f.limit).offset(f.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(total.n), limit: f.limit, offset: f.offset, items: filas.map(interaccionApi) };
}

/** Bandeja de seguimientos pendientes: vencidos, de hoy y próximos (DOMAIN.md: vencido = fecha < hoy). */
export async function bandejaSeguimientos(
  db: Conexion,
  usuario: Usuario,
  f: { id_usuario?: number; todos?: boolean; dias: number },
  hoy: string = hoyEnSantiago(),
) {
  exigirRol(usuario, TODOS, 'ver seguimientos');
  const verTodos = usuario.rol === 'admin' && (f.todos || f.id_usuario !== undefined);
  let consulta = consultaInteracciones(db)
    .innerJoin('clientes as c', 'c.id_cliente', 'i.id_cliente')
    .select(['c.nombre as cliente', 'c.telefono as telefono_cliente'])
    .where('i.seguimiento_requerido', '=', true)
    .where('i.seguimiento_completado_en', 'is', null)
    .where('i.fecha_seguimiento', '<=', sql<string>`${hoy}::date + ${f.dias}::int`);
  if (!verTodos) consulta = consulta.where('i.id_responsable_seguimiento', '=', usuario.id_usuario);
  else if (f.id_usuario) consulta = consulta.where('i.id_responsable_seguimiento', '=', f.id_usuario);
  const filas = await consulta.orderBy('i.fecha_seguimiento').orderBy('i.id_interaccion').limit(500).execute();
  const items = filas.map((fila) => ({
    ...interaccionApi(fila),
    cliente: fila.cliente,
    telefono_cliente: fila.telefono_cliente,
    estado:
      fila.fecha_seguimiento! < hoy
        ? ('vencido' as const)
        : fila.fecha_seguimiento === hoy
          ? ('hoy' as const)
          : ('proximo' as const),
  }));
  return {
    hoy,
    vencidos: items.filter((i) => i.estado === 'vencido'),
    de_hoy: items.filter((i) => i.estado === 'hoy'),
    proximos: items.filter((i) => i.estado === 'proximo'),
  };
}

/** Cuántos seguimientos del usuario vencen hoy o están vencidos (la insignia del encabezado). */
export async function contarSeguimientos(db: Conexion, usuario: Usuario, hoy: string = hoyEnSantiago()) {
  exigirRol(usuario, TODOS, 'ver seguimientos');
  const r = await db
    .selectFrom('interacciones_cliente')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('fecha_seguimiento', '<', hoy).as('vencidos'),
      eb.fn.countAll<number>().filterWhere('fecha_seguimiento', '=', hoy).as('hoy'),
    ])
    .where('seguimiento_requerido', '=', true)
    .where('seguimiento_completado_en', 'is', null)
    .where('id_responsable_seguimiento', '=', usuario.id_usuario)
    .where('fecha_seguimiento', '<=', hoy)
    .executeTakeFirstOrThrow();
  return { vencidos: Number(r.vencidos), hoy: Number(r.hoy) };
}

type CambioSeguimiento =
  | { accion: 'completar'; resultado?: string }
  | { accion: 'reprogramar'; fecha_seguimiento: string }
  | { accion: 'reasignar'; id_usuario: number };

/** Completar, reprogramar o reasignar un seguimiento: su responsable, o un admin/comercial. */
export async function cambiarSeguimiento(
  db: Conexion,
  usuario: Usuario,
  actor: Actor,
  id: number,
  cambio: CambioSeguimiento,
) {
  exigirRol(usuario, REGISTRAR, 'gestionar seguimientos');
  await enTransaccion(db, async (trx) => {
    const s = await trx
      .selectFrom('interacciones_cliente')
      .select([
        'id_cliente',
        'seguimiento_requerido',
        'seguimiento_completado_en',
        'id_responsable_seguimiento',
        'fecha_seguimiento',
        'resultado',
      ])
      .where('id_interaccion', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!s || !s.seguimiento_requerido) throw noEncontrado(`El seguimiento ${id}`);
    if (usuario.rol === 'tecnico' && s.id_responsable_seguimiento !== usuario.id_usuario) {
      throw new ErrorApp(
        'PROHIBIDO',
        'No tiene permiso para esta acción',
        'Solo puede cambiar los seguimientos asignados a usted.',
      );
    }
    if (s.seguimiento_completado_en) {
      throw new ErrorApp(
        'CONFLICTO',
        'El seguimiento ya está completado',
        'Este seguimiento ya fue marcado como hecho.',
      );
    }
    if (cambio.accion === 'completar') {
      await trx
        .updateTable('interacciones_cliente')
        .set({
          seguimiento_completado_en: new Date(),
          resultado: cambio.resultado ? [s.resultado, cambio.resultado].filter(Boolean).join('\n') : s.resultado,
        })
        .where('id_interaccion', '=', id)
        .execute();
    } else if (cambio.accion === 'reprogramar') {
      await trx
        .updateTable('interacciones_cliente')
        .set({ fecha_seguimiento: cambio.fecha_seguimiento })
        .where('id_interaccion', '=', id)
        .execute();
    } else {
      const u = await trx
        .selectFrom('usuarios')
        .select('id_usuario')
        .where('id_usuario', '=', cambio.id_usuario)
        .where('activo', '=', true)
        .executeTakeFirst();
      if (!u)
        throw reglaIncumplida([
          { campo: 'id_usuario', mensaje: `El usuario ${cambio.id_usuario} no existe o está inactivo.` },
        ]);
      await trx
        .updateTable('interacciones_cliente')
        .set({ id_responsable_seguimiento: cambio.id_usuario })
        .where('id_interaccion', '=', id)
        .execute();
    }
    await registrarAuditoria(trx, actor, {
      accion: `seguimiento_${cambio.accion}`,
      entidad: 'interaccion',
      id_entidad: id,
      id_cliente: s.id_cliente,
      detalle: cambio,
    });
  });
  return obtenerInteraccion(db, id);
}
