import { sql } from 'kysely';
import type { z } from 'zod';
import type { EntidadExportacion, filtrosExportarInteracciones } from '../../shared/importacion.ts';
import type { FiltrosClientes } from '../../shared/listas.ts';
import { listarClientes } from '../clientes/clientes.ts';
import { listarCotizaciones } from '../cotizaciones/cotizaciones.ts';
import type { Conexion } from '../db/tipos.ts';
import { listarEquipos } from '../equipos/equipos.ts';
import { listarOrdenes } from '../ordenes/ordenes.ts';
import { listarPedidos } from '../pedidos/pedidos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';
import type { Rol } from '../usuarios/usuarios.table.ts';
import { rutsDeClientes } from './referencias.ts';

export type TipoColumna =
  'texto' | 'rut' | 'telefono' | 'fecha' | 'fechahora' | 'monto' | 'numero' | 'entero' | 'booleano' | 'opcion';

export interface ColumnaExportacion {
  titulo: string;
  tipo: TipoColumna;
  ancho: number;
  valor: (fila: never) => unknown;
}

/** Una página de filas listas para escribir, con el total del filtro. */
export interface Pagina {
  total: number;
  filas: object[];
}

export interface DefExportacion {
  entidad: EntidadExportacion;
  hoja: string;
  roles: readonly Rol[];
  columnas: ColumnaExportacion[];
  paginas: (db: Conexion, usuario: Usuario, filtros: never) => AsyncGenerator<Pagina>;
}

const PAGINA = 5000;
const TODOS: readonly Rol[] = ['admin', 'comercial', 'tecnico', 'lectura'];
// Ley 21.719: la exportación masiva de datos personales (contacto de clientes, conversaciones con
// ellos) queda en manos de quienes administran la cartera. Las demás planillas son operativas
// (técnicos y lectura las usan) y de cada cliente llevan solo nombre y RUT.
const DATOS_PERSONALES: readonly Rol[] = ['admin', 'comercial'];

const col = <R>(titulo: string, tipo: TipoColumna, valor: (f: R) => unknown, ancho = 14): ColumnaExportacion => ({
  titulo,
  tipo,
  ancho,
  valor: valor as (f: never) => unknown,
});

/** Recorre una lista paginada con los mismos filtros y permisos que su pantalla. */
async function* paginar<T extends object>(
  listar: (limit: number, offset: number) => Promise<{ total: number; items: T[] }>,
  completar?: (items: T[]) => Promise<object[]>,
) {
  for (let offset = 0; ; offset += PAGINA) {
    const r = await listar(PAGINA, offset);
    yield { total: r.total, filas: completar ? await completar(r.items) : r.items };
    if (r.items.length < PAGINA) return;
  }
}

async function porIds<R extends { id: number }>(
  db: Conexion,
  ids: (number | null)[],
  consulta: (ids: number[]) => Promise<R[]>,
): Promise<Map<number, R>> {
  const unicos = [...new Set(ids.filter((i): i is number => i != null))];
  return new Map(unicos.length ? (await consulta(unicos)).map((r) => [r.id, r]) : []);
}

const seriesDe = (db: Conexion, ids: (number | null)[]) =>
  porIds(
    db,
    ids,
    async (b) =>
      (
        await sql<{
          id: number;
          numero_serie: string | null;
        }>`SELECT id_equipo AS id, numero_serie FROM equipos WHERE id_equipo = ANY(${sql.val(b)}::int[])`.execute(db)
      ).rows,
  );

async function conRut<T extends { id_cliente: number }>(db: Conexion, items: T[]) {
  const ruts = await rutsDeClientes(
    db,
    items.map((i) => i.id_cliente),
  );
  return items.map((i) => ({ ...i, rut_cliente: ruts.get(i.id_cliente) ?? null }));
}

/** RUT of the cliente and serial number of the machine, for rows that carry both ids (órdenes, pedidos). */
async function conRutYSerie<T extends { id_cliente: number; id_equipo: number | null }>(db: Conexion, items: T[]) {
  const series = await seriesDe(
    db,
    items.map((i) => i.id_equipo),
  );
  return (await conRut(db, items)).map((i) => ({
    ...i,
    numero_serie: i.id_equipo ? (series.get(i.id_equipo)?.numero_serie ?? null) : null,
  }));
}

type ItemCliente = Awaited<ReturnType<typeof listarClientes>>['items'][number] & {
  tipo_persona: string | null;
  direccion: string | null;
  fecha_nacimiento: string | null;
  fecha_aniversario: string | null;
  canal_preferido: string | null;
  horario_contacto: string | null;
  notas_idioma: string | null;
  responsable: string | null;
};

const clientes: DefExportacion = {
  entidad: 'clientes',
  hoja: 'Clientes',
  roles: DATOS_PERSONALES,
  columnas: [
    col<ItemCliente>('Nombre', 'texto', (c) => c.nombre, 36),
    col<ItemCliente>('RUT', 'rut', (c) => c.rut),
    col<ItemCliente>('Tipo de persona', 'opcion', (c) => c.tipo_persona),
    col<ItemCliente>('Dirección', 'texto', (c) => c.direccion, 30),
    col<ItemCliente>('Comuna', 'texto', (c) => c.comuna, 18),
    col<ItemCliente>('Región', 'texto', (c) => c.region, 22),
    col<ItemCliente>('Teléfono', 'telefono', (c) => c.telefono, 18),
    col<ItemCliente>('Correo', 'texto', (c) => c.email, 28),
    col<ItemCliente>('Fecha de nacimiento', 'fecha', (c) => c.fecha_nacimiento),
    col<ItemCliente>('Aniversario', 'fecha', (c) => c.fecha_aniversario),
    col<ItemCliente>('Responsable', 'texto', (c) => c.responsable, 22),
    col<ItemCliente>('Equipos activos', 'entero', (c) => c.cantidad_equipos, 10),
    col<ItemCliente>('Fecha de registro', 'fecha', (c) => c.fecha_registro),
    col<ItemCliente>('Último contacto', 'fecha', (c) => c.ultimo_contacto),
    col<ItemCliente>('Activo', 'booleano', (c) => c.activo, 8),
    col<ItemCliente>('Archivado', 'booleano', (c) => c.archivado, 10),
    col<ItemCliente>('Canal preferido', 'opcion', (c) => c.canal_preferido, 14),
    col<ItemCliente>('Horario de contacto', 'texto', (c) => c.horario_contacto, 30),
    col<ItemCliente>('Idioma y trato', 'texto', (c) => c.notas_idioma, 30),
  ],
  paginas: (db, usuario, filtros: Omit<FiltrosClientes, 'limit' | 'offset'>) =>
    paginar(
      (limit, offset) => listarClientes(db, usuario, { ...filtros, limit, offset }),
      async (items) => {
        const extra = await porIds(
          db,
          items.map((i) => i.id_cliente),
          async (b) =>
            (
              await sql<{
                id: number;
                tipo_persona: string | null;
                direccion: string | null;
                fecha_nacimiento: string | null;
                fecha_aniversario: string | null;
                canal_preferido: string | null;
                horario_contacto: string | null;
                notas_idioma: string | null;
                responsable: string | null;
              }>`
              SELECT c.id_cliente AS id, c.tipo_persona, c.direccion, c.fecha_nacimiento, c.fecha_aniversario,
                     c.canal_preferido, c.horario_contacto, c.notas_idioma, u.nombre AS responsable
              FROM clientes c LEFT JOIN usuarios u ON u.id_usuario = c.id_responsable
              WHERE c.id_cliente = ANY(${sql.val(b)}::int[])`.execute(db)
            ).rows,
        );
        return items.map((i) => ({ ...extra.get(i.id_cliente), ...i }));
      },
    ),
};

type ItemEquipo = Awaited<ReturnType<typeof listarEquipos>>['items'][number] & { rut_cliente: string | null };
const equipos: DefExportacion = {
  entidad: 'equipos',
  hoja: 'Equipos',
  roles: TODOS,
  columnas: [
    col<ItemEquipo>('RUT cliente', 'rut', (e) => e.rut_cliente),
    col<ItemEquipo>('Cliente', 'texto', (e) => e.cliente, 30),
    col<ItemEquipo>('Tipo', 'opcion', (e) => e.tipo),
    col<ItemEquipo>('Marca', 'texto', (e) => e.marca),
    col<ItemEquipo>('Modelo', 'texto', (e) => e.modelo),
    col<ItemEquipo>('Año', 'entero', (e) => e.anio, 8),
    col<ItemEquipo>('N° de serie', 'texto', (e) => e.numero_serie, 18),
    col<ItemEquipo>('Horómetro', 'numero', (e) => e.horometro, 10),
    col<ItemEquipo>('Fecha del horómetro', 'fecha', (e) => e.fecha_horometro),
    col<ItemEquipo>('Intervalo de mantención (horas)', 'entero', (e) => e.intervalo_horas),
    col<ItemEquipo>('Intervalo de mantención (meses)', 'entero', (e) => e.intervalo_meses),
    col<ItemEquipo>('Activo', 'booleano', (e) => e.activo, 8),
    col<ItemEquipo>('Fecha de alta', 'fecha', (e) => e.fecha_alta),
  ],
  paginas: (db, usuario, f: Omit<Parameters<typeof listarEquipos>[2], 'limit' | 'offset'>) =>
    paginar(
      (limit, offset) => listarEquipos(db, usuario, { ...f, limit, offset }),
      (items) => conRut(db, items),
    ),
};

type ItemOrden = Awaited<ReturnType<typeof listarOrdenes>>['items'][number] & {
  rut_cliente: string | null;
  numero_serie: string | null;
};
const ordenes: DefExportacion = {
  entidad: 'ordenes',
  hoja: 'Órdenes de trabajo',
  roles: TODOS,
  columnas: [
    col<ItemOrden>('N° de orden', 'texto', (o) => o.numero),
    col<ItemOrden>('RUT cliente', 'rut', (o) => o.rut_cliente),
    col<ItemOrden>('Cliente', 'texto', (o) => o.cliente, 30),
    col<ItemOrden>('N° de serie', 'texto', (o) => o.numero_serie, 18),
    col<ItemOrden>('Equipo', 'texto', (o) => o.equipo, 24),
    col<ItemOrden>('Tipo', 'opcion', (o) => o.tipo),
    col<ItemOrden>('Estado', 'opcion', (o) => o.estado),
    col<ItemOrden>('Fecha de ingreso', 'fecha', (o) => o.fecha_ingreso),
    col<ItemOrden>('Fecha de cierre', 'fecha', (o) => o.fecha_cierre),
    col<ItemOrden>('Horómetro', 'numero', (o) => o.horometro, 10),
    col<ItemOrden>('Monto', 'monto', (o) => o.monto_total),
    col<ItemOrden>('Técnico', 'texto', (o) => o.tecnico, 22),
    col<ItemOrden>('Descripción', 'texto', (o) => o.descripcion, 40),
  ],
  paginas: (db, usuario, f: Omit<Parameters<typeof listarOrdenes>[2], 'limit' | 'offset'>) =>
    paginar(
      (limit, offset) => listarOrdenes(db, usuario, { ...f, limit, offset }),
      (items) => conRutYSerie(db, items),
    ),
};

type ItemPedido = Awaited<ReturnType<typeof listarPedidos>>['items'][number] & {
  rut_cliente: string | null;
  numero_serie: string | null;
};
const pedidos: DefExportacion = {
  entidad: 'pedidos',
  hoja: 'Pedidos de repuestos',
  roles: TODOS,
  columnas: [
    col<ItemPedido>('N° de pedido', 'texto', (p) => p.numero),
    col<ItemPedido>('RUT cliente', 'rut', (p) => p.rut_cliente),
    col<ItemPedido>('Cliente', 'texto', (p) => p.cliente, 30),
    col<ItemPedido>('N° de serie', 'texto', (p) => p.numero_serie, 18),
    col<ItemPedido>('Fecha', 'fecha', (p) => p.fecha),
    col<ItemPedido>('Estado', 'opcion', (p) => p.estado),
    col<ItemPedido>('Fecha de entrega', 'fecha', (p) => p.fecha_entrega),
    col<ItemPedido>('Monto', 'monto', (p) => p.monto_total),
    col<ItemPedido>('Ítems', 'entero', (p) => (Array.isArray(p.items) ? p.items.length : 0), 8),
  ],
  paginas: (db, usuario, f: Omit<Parameters<typeof listarPedidos>[2], 'limit' | 'offset'>) =>
    paginar(
      (limit, offset) => listarPedidos(db, usuario, { ...f, limit, offset }),
      (items) => conRutYSerie(db, items),
    ),
};

type ItemCotizacion = Awaited<ReturnType<typeof listarCotizaciones>>['items'][number] & {
  rut_cliente: string | null;
  numero_orden: string | null;
  numero_pedido: string | null;
};
const cotizaciones: DefExportacion = {
  entidad: 'cotizaciones',
  hoja: 'Cotizaciones',
  roles: TODOS,
  columnas: [
    col<ItemCotizacion>('N° de cotización', 'texto', (q) => q.numero),
    col<ItemCotizacion>('RUT cliente', 'rut', (q) => q.rut_cliente),
    col<ItemCotizacion>('Cliente', 'texto', (q) => q.cliente, 30),
    col<ItemCotizacion>('Fecha', 'fecha', (q) => q.fecha),
    col<ItemCotizacion>('Vencimiento', 'fecha', (q) => q.fecha_vencimiento),
    col<ItemCotizacion>('Estado', 'opcion', (q) => q.estado),
    col<ItemCotizacion>('Fecha de resolución', 'fecha', (q) => q.fecha_resolucion),
    col<ItemCotizacion>('Monto', 'monto', (q) => q.monto_total),
    col<ItemCotizacion>('Descripción', 'texto', (q) => q.descripcion, 40),
    col<ItemCotizacion>('N° de orden', 'texto', (q) => q.numero_orden),
    col<ItemCotizacion>('N° de pedido', 'texto', (q) => q.numero_pedido),
  ],
  paginas: (db, usuario, f: Omit<Parameters<typeof listarCotizaciones>[2], 'limit' | 'offset'>) =>
    paginar(
      (limit, offset) => listarCotizaciones(db, usuario, { ...f, limit, offset }),
      async (items) => {
        const numeros = async (tabla: string, columna: string, ids: (number | null)[]) =>
          porIds(
            db,
            ids,
            async (b) =>
              (
                await sql<{
                  id: number;
                  numero: string | null;
                }>`SELECT ${sql.ref(columna)} AS id, numero FROM ${sql.table(tabla)} WHERE ${sql.ref(columna)} = ANY(${sql.val(b)}::int[])`.execute(
                  db,
                )
              ).rows,
          );
        const [o, p] = await Promise.all([
          numeros(
            'ordenes_trabajo',
            'id_orden',
            items.map((q) => q.id_orden),
          ),
          numeros(
            'pedidos_repuestos',
            'id_pedido',
            items.map((q) => q.id_pedido),
          ),
        ]);
        return (await conRut(db, items)).map((q) => ({
          ...q,
          numero_orden: q.id_orden ? (o.get(q.id_orden)?.numero ?? null) : null,
          numero_pedido: q.id_pedido ? (p.get(q.id_pedido)?.numero ?? null) : null,
        }));
      },
    ),
};

interface ItemInteraccion {
  fecha: Date;
  cliente: string;
  rut: string;
  tipo: string;
  motivo: string;
  descripcion: string | null;
  resultado: string | null;
  seguimiento_requerido: boolean;
  fecha_seguimiento: string | null;
  seguimiento_completado_en: Date | null;
  usuario: string | null;
  origen: string;
}

/** La lista de interacciones es por cliente; la exportación cruza clientes, con rango de fechas. */
async function* paginasInteracciones(
  db: Conexion,
  f: z.output<typeof filtrosExportarInteracciones>,
): AsyncGenerator<Pagina> {
  const donde = sql.join(
    [
      sql`true`,
      ...(f.id_cliente ? [sql`i.id_cliente = ${f.id_cliente}`] : []),
      ...(f.tipo ? [sql`i.tipo = ${f.tipo}`] : []),
      ...(f.desde ? [sql`(i.fecha AT TIME ZONE 'America/Santiago')::date >= ${f.desde}::date`] : []),
      ...(f.hasta ? [sql`(i.fecha AT TIME ZONE 'America/Santiago')::date <= ${f.hasta}::date`] : []),
    ],
    sql` AND `,
  );
  const { n } = (
    await sql<{ n: number }>`SELECT count(*)::int AS n FROM interacciones_cliente i WHERE ${donde}`.execute(db)
  ).rows[0]!;
  for (let offset = 0; ; offset += PAGINA) {
    const filas = (
      await sql<ItemInteraccion>`
        SELECT i.fecha, c.nombre AS cliente, c.rut, i.tipo, i.motivo, i.descripcion, i.resultado, i.seguimiento_requerido,
               i.fecha_seguimiento, i.seguimiento_completado_en, u.nombre AS usuario, i.origen
        FROM interacciones_cliente i
        JOIN clientes c ON c.id_cliente = i.id_cliente
        LEFT JOIN usuarios u ON u.id_usuario = i.id_usuario
        WHERE ${donde}
        ORDER BY i.fecha DESC, i.id_interaccion DESC
        LIMIT ${PAGINA} OFFSET ${offset}`.execute(db)
    ).rows;
    yield { total: n, filas };
    if (filas.length < PAGINA) return;
  }
}

const interacciones: DefExportacion = {
  entidad: 'interacciones',
  hoja: 'Interacciones',
  roles: DATOS_PERSONALES,
  columnas: [
    col<ItemInteraccion>('Fecha', 'fechahora', (i) => i.fecha, 17),
    col<ItemInteraccion>('Cliente', 'texto', (i) => i.cliente, 30),
    col<ItemInteraccion>('RUT cliente', 'rut', (i) => i.rut),
    col<ItemInteraccion>('Tipo', 'opcion', (i) => i.tipo, 10),
    col<ItemInteraccion>('Motivo', 'texto', (i) => i.motivo, 30),
    col<ItemInteraccion>('Descripción', 'texto', (i) => i.descripcion, 40),
    col<ItemInteraccion>('Resultado', 'texto', (i) => i.resultado, 30),
    col<ItemInteraccion>('Requiere seguimiento', 'booleano', (i) => i.seguimiento_requerido, 10),
    col<ItemInteraccion>('Fecha de seguimiento', 'fecha', (i) => i.fecha_seguimiento),
    col<ItemInteraccion>('Seguimiento completado', 'fechahora', (i) => i.seguimiento_completado_en, 17),
    col<ItemInteraccion>('Registrado por', 'texto', (i) => i.usuario, 22),
    col<ItemInteraccion>('Origen', 'opcion', (i) => i.origen, 12),
  ],
  paginas: (db, _usuario, f: z.output<typeof filtrosExportarInteracciones>) => paginasInteracciones(db, f),
};

export const EXPORTACIONES: Record<EntidadExportacion, DefExportacion> = {
  clientes,
  equipos,
  ordenes,
  pedidos,
  cotizaciones,
  interacciones,
};
