import { sql } from 'kysely';
import type { FiltrosAuditoria } from '../../shared/privacidad.ts';
import type { Conexion } from '../db/tipos.ts';
import { exigirRol } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';

/**
 * La página de auditoría (solo admin): quién hizo qué, cuándo, sobre qué y con qué cambios,
 * filtrada por usuario, cliente, acción, entidad y fechas de Santiago; lo más reciente primero.
 * Solo lectura: no hay ruta que cambie ni borre un registro (y la base lo impide, migración 0011).
 */
export async function listarAuditoria(db: Conexion, usuario: Usuario, f: FiltrosAuditoria) {
  exigirRol(usuario, ['admin'], 'ver la auditoría');
  let base = db.selectFrom('auditoria as a');
  if (f.id_usuario) base = base.where('a.id_usuario', '=', f.id_usuario);
  if (f.id_cliente) base = base.where('a.id_cliente', '=', f.id_cliente);
  if (f.accion) base = base.where('a.accion', '=', f.accion);
  if (f.entidad) base = base.where('a.entidad', '=', f.entidad);
  if (f.desde) base = base.where(sql<boolean>`a.fecha >= ${f.desde}::date::timestamp AT TIME ZONE 'America/Santiago'`);
  if (f.hasta)
    base = base.where(sql<boolean>`a.fecha < (${f.hasta}::date + 1)::timestamp AT TIME ZONE 'America/Santiago'`);
  const [filas, total] = await Promise.all([
    base
      .leftJoin('usuarios as u', 'u.id_usuario', 'a.id_usuario')
      .leftJoin('clientes as c', 'c.id_cliente', 'a.id_cliente')
      .select([
        'a.id_auditoria',
        'a.fecha',
        'a.id_usuario',
        'u.nombre as usuario',
        'a.accion',
        'a.entidad',
        'a.id_entidad',
        'a.id_cliente',
        'c.nombre as cliente',
        'a.detalle',
        'a.ip',
      ])
      .orderBy('a.fecha', 'desc')
      .orderBy('a.id_auditoria', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    limit: f.limit,
    offset: f.offset,
    items: filas.map((a) => ({
      ...a,
      id_auditoria: Number(a.id_auditoria),
      fecha: new Date(a.fecha).toISOString(),
    })),
  };
}
