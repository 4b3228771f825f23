import { sql } from 'kysely';
import { hoyEnSantiago } from '../../shared/formato.ts';
import { formatearRut } from '../../shared/rut.ts';
import { registrarAuditoria, type Actor } from '../auditoria/auditoria.ts';
import type { Conexion } from '../db/tipos.ts';
import { noEncontrado } from '../http/errores.ts';
import { exigirRol } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';
import { ADMIN } from './politicas.ts';

// Columns that are ours, not the titular's: secrets (a survey link's hash) and derived search text.
const OMITIDAS = new Set(['busqueda', 'token_hash']);

type Fila = Record<string, unknown>;

/** Every table of the schema with an `id_cliente` column: a table added later is exported too. */
async function tablasConCliente(db: Conexion): Promise<string[]> {
  const r = await sql<{ tabla: string }>`
    SELECT c.table_name AS tabla FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND c.column_name = 'id_cliente' AND t.table_type = 'BASE TABLE'
    ORDER BY c.table_name`.execute(db);
  return r.rows.map((f) => f.tabla);
}

const limpiar = (filas: Fila[]) =>
  filas.map((f) => Object.fromEntries(Object.entries(f).filter(([k]) => !OMITIDAS.has(k))));

/**
 * Todo lo que el taller guarda sobre un cliente (derecho de acceso y portabilidad, Ley 21.719):
 * su registro y las filas de cada tabla que lo nombra, más las lecturas de horómetro de sus equipos
 * y los nombres de sus etiquetas. Las claves de `datos` son los nombres de las tablas.
 */
export async function reunirDatosPersonales(db: Conexion, id: number) {
  const cliente = await db.selectFrom('clientes').selectAll().where('id_cliente', '=', id).executeTakeFirst();
  if (!cliente) throw noEncontrado(`El cliente ${id}`);
  const datos: Record<string, Fila[]> = {};
  for (const tabla of await tablasConCliente(db)) {
    if (tabla === 'clientes') continue;
    const r = await sql<Fila>`SELECT * FROM ${sql.table(tabla)} WHERE id_cliente = ${id} ORDER BY 1`.execute(db);
    datos[tabla] = limpiar(r.rows);
  }
  datos.lecturas_horometro = (
    await sql<Fila>`SELECT l.* FROM lecturas_horometro l JOIN equipos e ON e.id_equipo = l.id_equipo
                    WHERE e.id_cliente = ${id} ORDER BY l.id_equipo, l.fecha`.execute(db)
  ).rows;
  datos.etiquetas = (
    await sql<Fila>`SELECT t.id_etiqueta, t.nombre FROM clientes_etiquetas ce JOIN etiquetas t USING (id_etiqueta)
                    WHERE ce.id_cliente = ${id} ORDER BY t.nombre`.execute(db)
  ).rows;
  const [titular] = limpiar([cliente as Fila]);
  return {
    generado_en: new Date().toISOString(),
    aviso:
      'Datos personales que Rancho Clientes guarda sobre el titular (Ley 21.719, derechos de acceso y portabilidad).',
    titular: { ...titular, rut_formateado: formatearRut(cliente.rut) },
    datos,
  };
}
export type DatosPersonales = Awaited<ReturnType<typeof reunirDatosPersonales>>;

/** Reúne los datos y deja la exportación en la auditoría (quién, cuándo, en qué formato, cuántas filas). */
export async function exportarDatosPersonales(
  db: Conexion,
  usuario: Usuario,
  actor: Actor,
  id: number,
  formato: 'json' | 'pdf',
) {
  exigirRol(usuario, ADMIN, 'exportar los datos personales de un cliente');
  const datos = await reunirDatosPersonales(db, id);
  await registrarAuditoria(db, actor, {
    accion: 'exportar',
    entidad: 'datos_personales',
    id_entidad: id,
    id_cliente: id,
    detalle: {
      formato,
      filas: Object.fromEntries(Object.entries(datos.datos).map(([t, f]) => [t, f.length])),
    },
  });
  return { datos, hoy: hoyEnSantiago() };
}
