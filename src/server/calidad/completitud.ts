import { sql } from 'kysely';
import { FALTANTES, MESES_CONFIRMACION, NOMBRE_FALTANTE, type Faltante } from '../../shared/completitud.ts';
import { registrarAuditoria, type Actor } from '../auditoria/auditoria.ts';
import { bloquearParaEditar, obtenerCliente } from '../clientes/clientes.ts';
import { condicionFalta } from '../clientes/clientes.consultas.ts';
import { enTransaccion, type Conexion } from '../db/tipos.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';

// Políticas: todos ven cuánto falta; quienes editan clientes confirman sus datos (STYLE.md 9).
const VER = TODOS;
const CONFIRMAR = ['admin', 'comercial'] as const;

const porcentaje = (n: number, total: number) => (total === 0 ? 0 : Math.round((n / total) * 1000) / 10);

/**
 * The completeness panel: of the clientes in the portfolio (not archived, not anonymised), how many
 * lack each datum. One pass over clientes with one FILTER per gap, using the very conditions of the
 * list's `falta=` filter, so each number opens exactly the clientes it counts.
 */
export async function panelCompletitud(db: Conexion, usuario: Usuario, ahora: Date = new Date()) {
  exigirRol(usuario, VER, 'ver la calidad de datos');
  const columnas = FALTANTES.map((f) => sql`count(*) FILTER (WHERE ${condicionFalta(f, ahora)}) AS ${sql.id(f)}`);
  const r = await sql<Record<'total' | Faltante, number | string>>`
    SELECT count(*) AS total, ${sql.join(columnas)}
    FROM clientes c
    WHERE NOT c.archivado AND NOT c.anonimizado`.execute(db);
  const fila = r.rows[0]!;
  const total = Number(fila.total);
  return {
    total,
    meses_confirmacion: MESES_CONFIRMACION,
    calculado_en: ahora.toISOString(),
    items: FALTANTES.map((falta) => {
      const cantidad = Number(fila[falta]);
      return { falta, etiqueta: NOMBRE_FALTANTE[falta], cantidad, porcentaje: porcentaje(cantidad, total) };
    }),
  };
}

/** "Confirmar datos": someone checked the cliente's data with them today (audited, versioned). */
export async function confirmarDatos(db: Conexion, usuario: Usuario, actor: Actor, id: number, version: number) {
  exigirRol(usuario, CONFIRMAR, 'confirmar datos de clientes');
  await enTransaccion(db, async (trx) => {
    const actual = await bloquearParaEditar(trx, id, version);
    const ahora = new Date();
    await trx
      .updateTable('clientes')
      .set({ datos_confirmados_en: ahora, version: sql`version + 1`, actualizado_en: ahora })
      .where('id_cliente', '=', id)
      .execute();
    await registrarAuditoria(trx, actor, {
      accion: 'confirmar_datos',
      entidad: 'cliente',
      id_entidad: id,
      id_cliente: id,
      detalle: {
        cambios: {
          datos_confirmados_en: [
            actual.datos_confirmados_en ? new Date(actual.datos_confirmados_en).toISOString() : null,
            ahora.toISOString(),
          ],
        },
      },
    });
  });
  return obtenerCliente(db, usuario, id);
}
