import { sql } from 'kysely';
import { formatearFecha } from '../../shared/formato.ts';
import { formatearRut } from '../../shared/rut.ts';
import type { Conexion } from '../db/tipos.ts';
import { arreglos, buscarPorClaves } from './masivo.ts';
import type { Fila } from './tipos.ts';

const conValor = <T>(v: T | null | undefined): v is T => v != null;

/** Registros existentes por su clave externa (`rut`, `numero_serie`, `numero`), en bloques. */
export async function existentesPorClave<R extends Record<string, unknown>>(
  db: Conexion,
  tabla: string,
  clave: string,
  claves: readonly string[],
  columnas: string,
): Promise<Map<string, R>> {
  const filas = await buscarPorClaves(
    claves,
    async (bloque) =>
      (
        await sql<R>`SELECT ${sql.raw(columnas)} FROM ${sql.table(tabla)} WHERE ${sql.ref(clave)} = ANY(${sql.val(bloque)}::text[])`.execute(
          db,
        )
      ).rows,
  );
  return new Map(filas.map((f) => [String(f[clave]), f]));
}

/** ¿La fila trae algún valor distinto del registro existente? (Las celdas vacías no cuentan: conservan.) */
export function difiere(
  valor: Record<string, unknown>,
  existente: Record<string, unknown>,
  campos: readonly string[],
): boolean {
  return campos.some((c) => valor[c] != null && String(valor[c]) !== String(existente[c] ?? ''));
}

/** Cada `rut_cliente` a su `id_cliente`; un RUT que no existe es un error de la fila. */
export async function resolverClientes<T extends { rut_cliente: string | null; id_cliente?: number }>(
  db: Conexion,
  filas: Fila<T>[],
): Promise<void> {
  const existentes = await existentesPorClave<{ id_cliente: number; rut: string }>(
    db,
    'clientes',
    'rut',
    filas.map((f) => f.valor.rut_cliente).filter(conValor),
    'id_cliente, rut',
  );
  for (const f of filas) {
    const rut = f.valor.rut_cliente;
    if (!rut) continue;
    const c = existentes.get(rut);
    if (c) f.valor.id_cliente = c.id_cliente;
    else
      f.errores.push({
        campo: 'rut_cliente',
        mensaje: `No existe un cliente con RUT ${formatearRut(rut)}: impórtelo antes en Clientes.`,
      });
  }
}

/** Cada `numero_serie` a su `id_equipo`, que debe ser del mismo cliente de la fila. */
export async function resolverEquipos<
  T extends { numero_serie: string | null; id_cliente?: number; id_equipo?: number | null },
>(db: Conexion, filas: Fila<T>[]): Promise<void> {
  const existentes = await existentesPorClave<{ id_equipo: number; numero_serie: string; id_cliente: number }>(
    db,
    'equipos',
    'numero_serie',
    filas.map((f) => f.valor.numero_serie).filter(conValor),
    'id_equipo, numero_serie, id_cliente',
  );
  for (const f of filas) {
    const serie = f.valor.numero_serie;
    if (!serie) continue;
    const e = existentes.get(serie);
    if (!e)
      f.errores.push({
        campo: 'numero_serie',
        mensaje: `No existe un equipo con N° de serie ${serie}: impórtelo antes en Equipos.`,
      });
    else if (f.valor.id_cliente !== undefined && e.id_cliente !== f.valor.id_cliente) {
      f.errores.push({ campo: 'numero_serie', mensaje: `El equipo ${serie} no es de este cliente.` });
    } else f.valor.id_equipo = e.id_equipo;
  }
}

/** RUT de unos clientes, para decir de quién es un registro que la fila intenta tomar. */
export async function rutsDeClientes(db: Conexion, ids: readonly number[]): Promise<Map<number, string>> {
  const filas = await buscarPorClaves(
    ids,
    async (bloque) =>
      (
        await sql<{
          id_cliente: number;
          rut: string;
        }>`SELECT id_cliente, rut FROM clientes WHERE id_cliente = ANY(${sql.val(bloque.map(Number))}::int[])`.execute(
          db,
        )
      ).rows,
  );
  return new Map(filas.map((f) => [f.id_cliente, f.rut]));
}

/**
 * Marca el error de las filas que toman un registro existente de otro cliente (una orden, un
 * equipo): al reimportar nunca se cambia el dueño de un registro.
 */
export async function exigirMismoDueno<T extends { id_cliente?: number }>(
  db: Conexion,
  filas: Fila<T>[],
  existente: (f: Fila<T>) => { id_cliente: number } | undefined,
  campo: string,
  mensaje: (rutDueno: string) => string,
): Promise<void> {
  const ajenas = filas.filter((f) => {
    const e = existente(f);
    return e && f.valor.id_cliente !== undefined && e.id_cliente !== f.valor.id_cliente;
  });
  if (ajenas.length === 0) return;
  const ruts = await rutsDeClientes(
    db,
    ajenas.map((f) => existente(f)!.id_cliente),
  );
  for (const f of ajenas)
    f.errores.push({ campo, mensaje: mensaje(formatearRut(ruts.get(existente(f)!.id_cliente) ?? '')) });
}

export interface Lectura {
  serie: string;
  fecha: string;
  horas: number;
}

/**
 * El horómetro no baja con el tiempo (la regla de `agregarLectura`), comprobado en bloque contra
 * las lecturas guardadas y las demás filas del archivo. Marca el error en la fila que lo rompe.
 */
export async function verificarHorometros<T>(
  db: Conexion,
  filas: Fila<T>[],
  lectura: (v: T) => Lectura | null,
): Promise<void> {
  const delArchivo = filas
    .map((f) => ({ f, l: lectura(f.valor) }))
    .filter((x): x is { f: Fila<T>; l: Lectura } => x.l !== null);
  if (delArchivo.length === 0) return;
  const guardadas = await buscarPorClaves(
    delArchivo.map((x) => x.l.serie),
    async (bloque) =>
      (
        await sql<Lectura>`SELECT e.numero_serie AS serie, l.fecha, l.horas
          FROM lecturas_horometro l JOIN equipos e ON e.id_equipo = l.id_equipo
          WHERE e.numero_serie = ANY(${sql.val(bloque)}::text[])`.execute(db)
      ).rows,
  );
  const porSerie = new Map<string, { l: Lectura; f?: Fila<T> }[]>();
  const agregar = (e: { l: Lectura; f?: Fila<T> }) => {
    const lista = porSerie.get(e.l.serie);
    if (lista) lista.push(e);
    else porSerie.set(e.l.serie, [e]);
  };
  for (const l of guardadas) agregar({ l: { ...l, horas: Number(l.horas) } });
  for (const x of delArchivo) agregar(x);
  for (const lista of porSerie.values()) {
    for (const actual of lista) {
      if (!actual.f || actual.f.errores.some((e) => e.campo === 'horometro')) continue;
      const { fecha, horas } = actual.l;
      const previa = lista.find((o) => o !== actual && o.l.fecha <= fecha && o.l.horas > horas);
      const posterior = previa ? undefined : lista.find((o) => o !== actual && o.l.fecha > fecha && o.l.horas < horas);
      if (previa) {
        actual.f.errores.push({
          campo: 'horometro',
          mensaje: `Horómetro: no puede bajar; el ${formatearFecha(previa.l.fecha)} ya marcaba ${previa.l.horas} h.`,
        });
      } else if (posterior) {
        actual.f.errores.push({
          campo: 'horometro',
          mensaje: `Horómetro: no puede superar la lectura posterior del ${formatearFecha(posterior.l.fecha)} (${posterior.l.horas} h).`,
        });
      }
    }
  }
}

/**
 * Guarda las lecturas del horómetro (sin repetir una lectura con las mismas horas, para que
 * reimportar no duplique) y deja en cada equipo la lectura más reciente, como `agregarLectura`.
 */
export async function registrarLecturas(trx: Conexion, lecturas: readonly Lectura[], fuente: string): Promise<void> {
  if (lecturas.length === 0) return;
  const columnas = [
    { tipo: 'text' as const, valor: (l: Lectura) => l.serie },
    { tipo: 'date' as const, valor: (l: Lectura) => l.fecha },
    { tipo: 'numeric' as const, valor: (l: Lectura) => l.horas },
  ];
  await sql`
    INSERT INTO lecturas_horometro (id_equipo, fecha, horas, fuente)
    SELECT DISTINCT ON (e.id_equipo, u.horas) e.id_equipo, u.fecha, u.horas, ${fuente}
    FROM ${arreglos(columnas, lecturas)} AS u(serie, fecha, horas)
    JOIN equipos e ON e.numero_serie = u.serie
    WHERE NOT EXISTS (SELECT 1 FROM lecturas_horometro l WHERE l.id_equipo = e.id_equipo AND l.horas = u.horas)
    ORDER BY e.id_equipo, u.horas, u.fecha`.execute(trx);
  await sql`
    UPDATE equipos e SET horometro = l.horas, fecha_horometro = l.fecha
    FROM (
      SELECT DISTINCT ON (l.id_equipo) l.id_equipo, l.fecha, l.horas
      FROM lecturas_horometro l JOIN equipos q ON q.id_equipo = l.id_equipo
      WHERE q.numero_serie = ANY(${sql.val([...new Set(lecturas.map((l) => l.serie))])}::text[])
      ORDER BY l.id_equipo, l.fecha DESC, l.horas DESC
    ) l
    WHERE e.id_equipo = l.id_equipo AND (e.horometro IS DISTINCT FROM l.horas OR e.fecha_horometro IS DISTINCT FROM l.fecha)`.execute(
    trx,
  );
}
