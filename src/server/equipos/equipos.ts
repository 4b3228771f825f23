import type { Conexion } from '../db/tipos.ts';

/** Los equipos de un cliente, activos primero. */
export async function equiposDeCliente(db: Conexion, idCliente: number) {
  return db
    .selectFrom('equipos')
    .select(['id_equipo', 'tipo', 'marca', 'modelo', 'anio', 'numero_serie', 'horometro', 'fecha_horometro', 'activo'])
    .where('id_cliente', '=', idCliente)
    .orderBy('activo', 'desc')
    .orderBy('id_equipo')
    .execute();
}
