import { filtrosClientes } from '../../shared/listas.ts';
import type { Conexion } from '../db/tipos.ts';
import { ErrorApp, noEncontrado, reglaIncumplida } from '../http/errores.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';

/** Vistas guardadas: búsquedas de clientes con nombre, propias de cada usuario. */
export async function listarVistas(db: Conexion, usuario: Usuario) {
  exigirRol(usuario, TODOS, 'ver vistas guardadas');
  return db
    .selectFrom('vistas_guardadas')
    .select(['id_vista', 'nombre', 'filtros'])
    .where('id_usuario', '=', usuario.id_usuario)
    .orderBy('nombre')
    .execute();
}

export async function guardarVista(
  db: Conexion,
  usuario: Usuario,
  datos: { nombre: string; filtros: Record<string, unknown> },
) {
  exigirRol(usuario, TODOS, 'guardar vistas');
  // The filters must be ones the customer list understands, so a saved view always opens.
  const { limit: _l, offset: _o, ...sinPagina } = datos.filtros;
  const r = filtrosClientes.safeParse(Object.fromEntries(Object.entries(sinPagina).map(([k, v]) => [k, String(v)])));
  if (!r.success) {
    throw reglaIncumplida(
      r.error.issues.map((i) => ({
        campo: `filtros.${i.path.join('.') || (i as { keys?: string[] }).keys?.join(',') || ''}`,
        mensaje: i.message,
      })),
    );
  }
  const existe = await db
    .selectFrom('vistas_guardadas')
    .select('id_vista')
    .where('id_usuario', '=', usuario.id_usuario)
    .where('nombre', '=', datos.nombre)
    .executeTakeFirst();
  if (existe) {
    throw new ErrorApp(
      'CONFLICTO',
      'Ya tiene una vista con ese nombre',
      `Ya existe su vista «${datos.nombre}»; elija otro nombre.`,
      {
        errores: [{ campo: 'nombre', mensaje: 'Ya existe una vista con ese nombre.' }],
      },
    );
  }
  return db
    .insertInto('vistas_guardadas')
    .values({ id_usuario: usuario.id_usuario, nombre: datos.nombre, filtros: JSON.stringify(sinPagina) })
    .returning(['id_vista', 'nombre', 'filtros'])
    .executeTakeFirstOrThrow();
}

export async function borrarVista(db: Conexion, usuario: Usuario, id: number) {
  exigirRol(usuario, TODOS, 'borrar vistas');
  const r = await db
    .deleteFrom('vistas_guardadas')
    .where('id_vista', '=', id)
    .where('id_usuario', '=', usuario.id_usuario)
    .executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw noEncontrado(`La vista ${id}`);
}
