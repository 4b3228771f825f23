import { sql } from 'kysely';
import { ErrorApp } from '../http/errores.ts';
import type { Conexion } from './tipos.ts';

type TablaVersionada = 'clientes' | 'equipos' | 'ordenes_trabajo' | 'pedidos_repuestos' | 'cotizaciones';

/**
 * Reads a row for update and checks the version the edit was based on: a stale version is a 409,
 * so no edit silently overwrites another (DESIGN.md "Updates carry the version").
 */
export async function leerParaEditar<T extends TablaVersionada>(
  trx: Conexion,
  tabla: T,
  columnaId: string,
  id: number,
  version: number,
  que: string,
): Promise<Record<string, unknown> & { version: number }> {
  const fila = (
    await sql<Record<string, unknown> & { version: number }>`
    SELECT * FROM ${sql.table(tabla)} WHERE ${sql.ref(columnaId)} = ${id} FOR UPDATE`.execute(trx)
  ).rows[0];
  if (!fila) throw new ErrorApp('NO_ENCONTRADO', `${que} no existe`, `${que} no existe o fue eliminado.`);
  if (fila.version !== version) {
    throw new ErrorApp(
      'CONFLICTO',
      'Otra persona modificó este registro',
      `${que} cambió desde que lo abrió. Recargue para ver los datos actuales y vuelva a aplicar su cambio.`,
      { extra: { version_actual: fila.version } },
    );
  }
  return fila;
}
