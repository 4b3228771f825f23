import { registrarAuditoria, type Actor } from '../auditoria/auditoria.ts';
import { enTransaccion, type Conexion } from '../db/tipos.ts';
import { ErrorApp, exigirCambios } from '../http/errores.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';

export async function listarEtiquetas(db: Conexion, usuario: Usuario) {
  exigirRol(usuario, TODOS, 'ver etiquetas');
  return db.selectFrom('etiquetas').selectAll().orderBy('nombre').execute();
}

export async function crearEtiqueta(
  db: Conexion,
  usuario: Usuario,
  actor: Actor,
  datos: { nombre: string; color?: string },
) {
  exigirRol(usuario, ['admin', 'comercial'], 'crear etiquetas');
  const nombre = datos.nombre.trim();
  return enTransaccion(db, async (trx) => {
    const existe = await trx
      .selectFrom('etiquetas')
      .select('id_etiqueta')
      .where('nombre', '=', nombre)
      .executeTakeFirst();
    if (existe)
      throw new ErrorApp('CONFLICTO', 'La etiqueta ya existe', `Ya existe la etiqueta «${nombre}».`, {
        errores: [{ campo: 'nombre', mensaje: 'Ya existe.' }],
      });
    const creada = await trx
      .insertInto('etiquetas')
      .values({ nombre, color: datos.color ?? 'gray' })
      .returningAll()
      .executeTakeFirstOrThrow();
    await registrarAuditoria(trx, actor, {
      accion: 'crear',
      entidad: 'etiqueta',
      id_entidad: creada.id_etiqueta,
      detalle: { nombre },
    });
    return creada;
  });
}

export async function editarEtiqueta(
  db: Conexion,
  usuario: Usuario,
  actor: Actor,
  id: number,
  datos: { nombre?: string; color?: string },
) {
  exigirRol(usuario, ['admin'], 'editar etiquetas');
  return enTransaccion(db, async (trx) => {
    if (datos.nombre) {
      const otra = await trx
        .selectFrom('etiquetas')
        .select('id_etiqueta')
        .where('nombre', '=', datos.nombre.trim())
        .where('id_etiqueta', '<>', id)
        .executeTakeFirst();
      if (otra)
        throw new ErrorApp('CONFLICTO', 'La etiqueta ya existe', `Ya existe la etiqueta «${datos.nombre}».`, {
          errores: [{ campo: 'nombre', mensaje: 'Ya existe.' }],
        });
    }
    const r = await trx
      .updateTable('etiquetas')
      .set(
        exigirCambios({
          ...(datos.nombre ? { nombre: datos.nombre.trim() } : {}),
          ...(datos.color ? { color: datos.color } : {}),
        }),
      )
      .where('id_etiqueta', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!r) throw new ErrorApp('NO_ENCONTRADO', `La etiqueta ${id} no existe`, `La etiqueta ${id} no existe.`);
    await registrarAuditoria(trx, actor, { accion: 'editar', entidad: 'etiqueta', id_entidad: id, detalle: datos });
    return r;
  });
}

/** Borrar una etiqueta la quita de sus clientes (los clientes no se tocan). */
export async function borrarEtiqueta(db: Conexion, usuario: Usuario, actor: Actor, id: number) {
  exigirRol(usuario, ['admin'], 'borrar etiquetas');
  await enTransaccion(db, async (trx) => {
    const r = await trx.deleteFrom('etiquetas').where('id_etiqueta', '=', id).returning('nombre').executeTakeFirst();
    if (!r) throw new ErrorApp('NO_ENCONTRADO', `La etiqueta ${id} no existe`, `La etiqueta ${id} no existe.`);
    await registrarAuditoria(trx, actor, {
      accion: 'borrar',
      entidad: 'etiqueta',
      id_entidad: id,
      detalle: { nombre: r.nombre },
    });
  });
}
