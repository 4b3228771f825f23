import { calcularDv } from '../src/shared/rut.ts';
import type { Conexion } from '../src/server/db/tipos.ts';

let secuencia = 0;

/** A valid, unique RUT (canonical form) for tests. */
export function rutValido(cuerpo?: number): string {
  const n = String(cuerpo ?? 20_000_000 + ++secuencia * 7 + Math.floor(Math.random() * 5));
  return `${n}-${calcularDv(n)}`;
}

/** Inserts a cliente directly (with its metrics row), filling in what the test doesn't care about. */
export async function crearCliente(
  db: Conexion,
  datos: Partial<{
    nombre: string;
    rut: string;
    comuna: string;
    region: string;
    codigo_comuna: string;
    telefono: string;
    email: string;
    archivado: boolean;
  }> = {},
): Promise<number> {
  const { id_cliente } = await db
    .insertInto('clientes')
    .values({
      nombre: datos.nombre ?? `Cliente ${++secuencia}`,
      rut: datos.rut ?? rutValido(),
      comuna: datos.comuna ?? 'Chillán',
      region: datos.region ?? 'Ñuble',
      codigo_comuna: datos.codigo_comuna ?? '16101',
      telefono: datos.telefono ?? null,
      email: datos.email ?? null,
      archivado: datos.archivado ?? false,
    })
    .returning('id_cliente')
    .executeTakeFirstOrThrow();
  await db.insertInto('metricas_clientes').values({ id_cliente }).execute();
  return id_cliente;
}

export async function crearEquipo(
  db: Conexion,
  idCliente: number,
  datos: Partial<{
    tipo: 'tractor' | 'cosechadora' | 'sembradora' | 'pulverizador' | 'enfardadora' | 'otro';
    marca: string;
    modelo: string;
  }> = {},
): Promise<number> {
  const { id_equipo } = await db
    .insertInto('equipos')
    .values({
      id_cliente: idCliente,
      tipo: datos.tipo ?? 'tractor',
      marca: datos.marca ?? 'John Deere',
      modelo: datos.modelo ?? '6130J',
    })
    .returning('id_equipo')
    .executeTakeFirstOrThrow();
  return id_equipo;
}
