import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Conexion } from '../db/tipos.ts';
import { identificador, leerCatalogo, type Tabla } from './catalogo.ts';
import { AJUSTES_SESION, ajustarSesion, escaparCopia, FIN, TITULO, VERSION_FORMATO } from './formato.ts';

/** Rows fetched per round trip: bounds memory whatever the table's size. */
const FILAS_POR_LECTURA = 2000;

export interface ResumenTabla {
  nombre: string;
  filas: number;
}

export interface ResumenRespaldo {
  migracion: string;
  tablas: ResumenTabla[];
  filas: number;
  bytes: number;
  segundos: number;
}

/** The last migration applied to this database (what the data's shape corresponds to). */
export async function ultimaMigracion(db: Conexion): Promise<string | null> {
  const existe = await sql<{ t: string | null }>`SELECT to_regclass('kysely_migration')::text AS t`.execute(db);
  if (!existe.rows[0]?.t) return null;
  const r = await sql<{ name: string | null }>`SELECT max(name) AS name FROM kysely_migration`.execute(db);
  return r.rows[0]?.name ?? null;
}

/**
 * Writes a consistent SQL dump of every table to `salida`: one REPEATABLE READ read-only
 * transaction (a single snapshot, so a running app can keep writing), tables in foreign-key
 * order read through a cursor a few thousand rows at a time, then the sequences' positions.
 */
export async function volcarRespaldo(
  db: Kysely<Database>,
  salida: Writable,
  opciones: { motor?: string; alAvanzar?: (tabla: string, filas: number) => void } = {},
): Promise<ResumenRespaldo> {
  const inicio = performance.now();
  let bytes = 0;
  const escribir = async (texto: string) => {
    bytes += Buffer.byteLength(texto);
    if (!salida.write(texto)) await once(salida, 'drain');
  };
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      await ajustarSesion(trx);
      const migracion = await ultimaMigracion(trx);
      if (!migracion) throw new Error('La base de datos no tiene migraciones aplicadas: no hay nada que respaldar.');
      const version = (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(trx)).rows[0]!.v;
      const { tablas, secuencias } = await leerCatalogo(trx);
      await escribir(
        [
          TITULO,
          `-- formato: ${VERSION_FORMATO}`,
          `-- migracion: ${migracion}`,
          `-- motor: ${opciones.motor ?? 'postgres'} (PostgreSQL ${version})`,
          `-- fecha: ${new Date().toISOString()}`,
          '-- Se restaura con «npm run restore» en una base vacía (aplica las migraciones y carga los datos).',
          ...AJUSTES_SESION.map(([n, v]) => `SET ${n} = '${v}';`),
          '',
        ].join('\n') + '\n',
      );
      const resumen: ResumenTabla[] = [];
      for (const tabla of tablas) {
        const filas = await volcarTabla(trx, tabla, escribir);
        resumen.push({ nombre: tabla.nombre, filas });
        opciones.alAvanzar?.(tabla.nombre, filas);
      }
      for (const s of secuencias) {
        const r = await sql<{ valor: string; llamada: boolean }>`
          SELECT last_value::text AS valor, is_called AS llamada FROM ${sql.table(s)}`.execute(trx);
        const { valor, llamada } = r.rows[0]!;
        await escribir(`SELECT setval('${identificador(s).replaceAll("'", "''")}', ${valor}, ${llamada});\n`);
      }
      const total = resumen.reduce((s, t) => s + t.filas, 0);
      await escribir(`\n${FIN} ${resumen.length} tablas, ${total} filas.\n`);
      return {
        migracion,
        tablas: resumen,
        filas: total,
        bytes,
        segundos: (performance.now() - inicio) / 1000,
      };
    });
}

/** One table as a COPY block; rows that point to another row of the same table come after it. */
async function volcarTabla(trx: Conexion, tabla: Tabla, escribir: (t: string) => Promise<void>): Promise<number> {
  const nombre = identificador(tabla.nombre);
  const columnas = tabla.columnas.map((c) => identificador(c.nombre));
  const seleccion = columnas.map((c, i) => `t.${c}::text AS c${i}`).join(', ');
  const clave = tabla.clave.map((c) => `t.${identificador(c)}`);
  let consulta = `SELECT ${seleccion} FROM ${nombre} t`;
  const auto = tabla.autoReferencia;
  if (auto) {
    // Depth in the self-reference tree; rows outside it (a cycle, impossible to load anyway) go last.
    const [col, ref] = [identificador(auto.columna), identificador(auto.referida)];
    consulta =
      `WITH RECURSIVE nivel AS (SELECT ${ref} AS id, 0 AS n FROM ${nombre} WHERE ${col} IS NULL ` +
      `UNION ALL SELECT h.${ref}, nivel.n + 1 FROM ${nombre} h JOIN nivel ON h.${col} = nivel.id) ` +
      `${consulta} LEFT JOIN nivel ON nivel.id = t.${ref} ORDER BY ${['nivel.n NULLS LAST', ...clave].join(', ')}`;
  } else if (clave.length > 0) consulta += ` ORDER BY ${clave.join(', ')}`;
  await escribir(`COPY ${nombre} (${columnas.join(', ')}) FROM stdin;\n`);
  await sql.raw(`DECLARE respaldo NO SCROLL CURSOR FOR ${consulta}`).execute(trx);
  let filas = 0;
  for (;;) {
    const r = await sql.raw<Record<string, string | null>>(`FETCH ${FILAS_POR_LECTURA} FROM respaldo`).execute(trx);
    if (r.rows.length === 0) break;
    let bloque = '';
    for (const fila of r.rows) {
      let linea = '';
      for (let i = 0; i < columnas.length; i++) linea += (i ? '\t' : '') + escaparCopia(fila[`c${i}`] ?? null);
      bloque += linea + '\n';
    }
    filas += r.rows.length;
    await escribir(bloque);
  }
  await sql.raw('CLOSE respaldo').execute(trx);
  await escribir('\\.\n\n');
  return filas;
}
