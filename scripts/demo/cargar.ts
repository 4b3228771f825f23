import { sql, type Kysely } from 'kysely';
import * as T from './tablas.ts';
import type { Tabla, Valor } from './tablas.ts';

/**
 * Carga masiva: las filas se acumulan por columnas y cada sentencia inserta miles de ellas con
 * `INSERT … SELECT * FROM unnest($1::int[], $2::text[], …)`. Un parámetro por columna (no por
 * valor) esquiva el límite de 65.535 parámetros de PostgreSQL, el plan es el mismo para cualquier
 * cantidad de filas, y funciona igual en PGlite.
 */

/** Filas por sentencia: más grande apenas acelera y hace crecer la memoria de cada consulta. */
const FILAS_POR_SENTENCIA = 5000;

type Fila<F> = { [K in keyof F]: Valor };

/** Las filas pendientes de una tabla y lo que ya costó insertarla. */
export class Lote<F extends Fila<F>> {
  readonly tabla: Tabla<F>;
  readonly #claves: (keyof F)[];
  readonly #tipos: string[];
  #columnas: Valor[][];
  /** Filas insertadas y milisegundos pasados en la base de datos. */
  insertadas = 0;
  milisegundos = 0;

  constructor(tabla: Tabla<F>) {
    this.tabla = tabla;
    this.#claves = Object.keys(tabla.tipos) as (keyof F)[];
    this.#tipos = this.#claves.map((c) => tabla.tipos[c]);
    this.#columnas = this.#claves.map(() => []);
  }

  agregar(fila: F): void {
    for (let i = 0; i < this.#claves.length; i++) this.#columnas[i]!.push(fila[this.#claves[i]!]);
  }

  get pendientes(): number {
    return this.#columnas[0]!.length;
  }

  /** Inserta todo lo pendiente, en sentencias de hasta FILAS_POR_SENTENCIA filas. */
  async vaciar(db: Kysely<any>): Promise<void> {
    const total = this.pendientes;
    if (total === 0) return;
    const inicio = performance.now();
    const columnas = this.#columnas;
    this.#columnas = this.#claves.map(() => []);
    const destino = sql.join(this.#claves.map((c) => sql.ref(String(c))));
    for (let desde = 0; desde < total; desde += FILAS_POR_SENTENCIA) {
      const hasta = Math.min(total, desde + FILAS_POR_SENTENCIA);
      const arreglos = columnas.map((col, i) => {
        const parte = desde === 0 && hasta === total ? col : col.slice(desde, hasta);
        return sql`${parte}::${sql.raw(this.#tipos[i]!)}[]`;
      });
      await sql`INSERT INTO ${sql.table(this.tabla.nombre)} (${destino}) SELECT * FROM unnest(${sql.join(arreglos)})`.execute(
        db,
      );
    }
    this.insertadas += total;
    this.milisegundos += performance.now() - inicio;
  }
}

/** Un lote por tabla, en el orden en que deben insertarse para que cada clave foránea ya exista. */
export function crearSalida() {
  return {
    clientes: new Lote(T.CLIENTES),
    clientes_etiquetas: new Lote(T.CLIENTES_ETIQUETAS),
    contactos_cliente: new Lote(T.CONTACTOS),
    consentimientos: new Lote(T.CONSENTIMIENTOS),
    equipos: new Lote(T.EQUIPOS),
    lecturas_horometro: new Lote(T.LECTURAS),
    ordenes_trabajo: new Lote(T.ORDENES),
    pedidos_repuestos: new Lote(T.PEDIDOS),
    cotizaciones: new Lote(T.COTIZACIONES),
    encuestas_satisfaccion: new Lote(T.ENCUESTAS),
    interacciones_cliente: new Lote(T.INTERACCIONES),
  };
}

export type Salida = ReturnType<typeof crearSalida>;

/** Inserta lo pendiente de todas las tablas, padres antes que hijos. */
export async function vaciarSalida(db: Kysely<any>, salida: Salida): Promise<void> {
  for (const lote of Object.values(salida)) await lote.vaciar(db);
}
