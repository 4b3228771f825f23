import { registrarAuditoria, type Actor } from '../auditoria/auditoria.ts';
import { enTransaccion, type Conexion } from '../db/tipos.ts';
import { ErrorApp } from '../http/errores.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';

export async function listarEtiquetas(db: Conexion, usuario: Usuario) {
  exigirRol(usuario, TODOS, 'ver etiquetas');
  return db.selectFrom('etiquetas').selectAll().orderBy('nombre').execute();
}

export async function crearEtiqueta(db: Conexion, usuario: Usuario, actor: Actor, datos: { nombre: string; color?: string }) {
  exigirRol(usuario, ['admin', 'comercial'], 'crear etiquetas');
  const nombre = datos.nombre.trim();
  return enTransaccion(db, async (trx) => {
    const existe = await trx.selectFrom('etiquetas').select('id_etiqueta').where('nombre', '=', nombre).executeTakeFirst();
    if (existe) throw new ErrorApp('CONFLICTO', 'La etiqueta ya existe', `Ya existe la etiqueta «${nombre}».`, { errores: [{ campo: 'nombre', mensaje: 'Ya existe.' }] });
    const creada = await trx.insertInto('etiquetas').values({ nombre, color: datos.color ?? 'gray' }).returningAll().executeTakeFirstOrThrow();
    await registrarAuditoria(trx, actor, { accion: 'crear', entidad: 'etiqueta', id_entidad: creada.id_etiqueta, detalle: { nombre } });
    return creada;
  });
}
