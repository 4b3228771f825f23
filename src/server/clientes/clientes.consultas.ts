import { sql, type SelectQueryBuilder } from 'kysely';
import { rutBuscable } from '../../shared/rut.ts';
import { plegar } from '../../shared/texto.ts';
import { buscarComuna, buscarRegion } from '../../shared/territorio.ts';
import type { FiltrosClientes } from '../../shared/listas.ts';
import type { Conexion } from '../db/tipos.ts';
import type { Database } from '../db/schema.ts';

const COLUMNAS_RESUMEN = [
  'c.id_cliente',
  'c.nombre',
  'c.rut',
  'c.comuna',
  'c.region',
  'c.telefono',
  'c.email',
  'c.ultimo_contacto',
  'c.activo',
  'c.archivado',
  'c.fecha_registro',
] as const;

export type FilaResumenCliente = Awaited<ReturnType<typeof buscarClientes>>['filas'][number];

type Consulta = SelectQueryBuilder<Database & { c: Database['clientes'] }, 'c', object>;

/** Condición de búsqueda: cada palabra aparece (o casi, por trigramas) en nombre, RUT, email, comuna o teléfono. */
function aplicarTexto(consulta: Consulta, q: string): Consulta {
  const rut = rutBuscable(q);
  if (rut) {
    // RUT o teléfono: dígitos seguidos dentro del texto de búsqueda.
    return consulta.where('c.busqueda', 'like', `%${rut.toLowerCase()}%`);
  }
  const palabras = plegar(q).split(' ').filter(Boolean).slice(0, 8);
  for (const palabra of palabras) {
    const patron = `%${palabra.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    consulta =
      palabra.length >= 4
        ? consulta.where((eb) => eb.or([eb('c.busqueda', 'like', patron), sql<boolean>`${palabra} <% c.busqueda`]))
        : consulta.where('c.busqueda', 'like', patron);
  }
  return consulta;
}

function aplicarFiltros(consulta: Consulta, f: FiltrosClientes): Consulta | null {
  if (f.q?.trim()) consulta = aplicarTexto(consulta, f.q);
  if (!f.archivados) consulta = consulta.where('c.archivado', '=', false);
  if (f.region) {
    const r = buscarRegion(f.region);
    if (!r) return null;
    consulta = consulta.where('c.region', '=', r.region);
  }
  if (f.comuna) {
    const c = buscarComuna(f.comuna);
    if (!c) return null;
    consulta = consulta.where('c.codigo_comuna', '=', c.codigo_comuna);
  }
  if (f.activo !== undefined) consulta = consulta.where('c.activo', '=', f.activo);
  if (f.id_responsable) consulta = consulta.where('c.id_responsable', '=', f.id_responsable);
  if (f.segmento || f.potencial) {
    const { segmento, potencial } = f;
    consulta = consulta.where(({ exists, selectFrom }) => {
      let m = selectFrom('metricas_clientes as m')
        .select(sql`1`.as('x'))
        .whereRef('m.id_cliente', '=', 'c.id_cliente');
      if (segmento) m = m.where('m.segmento_abc', '=', segmento);
      if (potencial) m = m.where('m.potencial_alto', '=', potencial === 'alto');
      return exists(m);
    });
  }
  if (f.etiqueta) {
    const id = f.etiqueta;
    consulta = consulta.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('clientes_etiquetas as ce')
          .select(sql`1`.as('x'))
          .whereRef('ce.id_cliente', '=', 'c.id_cliente')
          .where('ce.id_etiqueta', '=', id),
      ),
    );
  }
  if (f.tipo_equipo || f.marca_equipo) {
    const { tipo_equipo: tipo, marca_equipo: marca } = f;
    consulta = consulta.where(({ exists, selectFrom }) => {
      let equipos = selectFrom('equipos as e')
        .select(sql`1`.as('x'))
        .whereRef('e.id_cliente', '=', 'c.id_cliente');
      if (tipo) equipos = equipos.where('e.tipo', '=', plegar(tipo) as never);
      if (marca) equipos = equipos.where(sql`lower(e.marca)`, '=', marca.trim().toLowerCase());
      return exists(equipos);
    });
  }
  return consulta;
}

/** Una página de clientes con el total, filtrada y ordenada. */
export async function buscarClientes(db: Conexion, f: FiltrosClientes) {
  const base = aplicarFiltros(db.selectFrom('clientes as c'), f);
  if (!base) return { total: 0, filas: [] };
  const orden = f.orden ?? (f.q?.trim() ? 'relevancia' : 'nombre');
  let pagina = base
    .select(COLUMNAS_RESUMEN)
    .select((eb) =>
      eb
        .selectFrom('equipos as e')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('e.id_cliente', '=', 'c.id_cliente')
        .where('e.activo', '=', true)
        .as('cantidad_equipos'),
    );
  const q = f.q?.trim() ? plegar(f.q) : '';
  switch (orden) {
    case 'relevancia':
      pagina = q
        ? pagina.orderBy(sql`word_similarity(${q}, c.busqueda)`, 'desc').orderBy(sql`lower(c.nombre)`)
        : pagina.orderBy(sql`lower(c.nombre)`);
      break;
    case 'nombre':
    case '-nombre':
      pagina = pagina.orderBy(sql`lower(c.nombre)`, orden === 'nombre' ? 'asc' : 'desc');
      break;
    case 'rut':
      pagina = pagina.orderBy(sql`length(c.rut)`).orderBy('c.rut');
      break;
    case 'comuna':
    case 'region':
      pagina = pagina.orderBy(`c.${orden}`).orderBy(sql`lower(c.nombre)`);
      break;
    default: {
      const campo = orden.replace('-', '') as 'fecha_registro' | 'ultimo_contacto';
      pagina = pagina.orderBy(
        `c.${campo}`,
        (orden.startsWith('-') ? sql`desc nulls last` : sql`asc nulls first`) as never,
      );
    }
  }
  const [filas, total] = await Promise.all([
    pagina.orderBy('c.id_cliente').limit(f.limit).offset(f.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(total.n), filas };
}

/** El registro completo de un cliente, con su responsable y etiquetas. */
export async function obtenerFilaCliente(db: Conexion, id: number) {
  return db
    .selectFrom('clientes as c')
    .leftJoin('usuarios as u', 'u.id_usuario', 'c.id_responsable')
    .selectAll('c')
    .select('u.nombre as responsable')
    .select((eb) =>
      sql<{ id_etiqueta: number; nombre: string; color: string }[]>`coalesce((
        SELECT json_agg(json_build_object('id_etiqueta', t.id_etiqueta, 'nombre', t.nombre, 'color', t.color) ORDER BY t.nombre)
        FROM clientes_etiquetas ce JOIN etiquetas t ON t.id_etiqueta = ce.id_etiqueta
        WHERE ce.id_cliente = ${eb.ref('c.id_cliente')}), '[]')`.as('etiquetas'),
    )
    .where('c.id_cliente', '=', id)
    .executeTakeFirst();
}
export type FilaCliente = NonNullable<Awaited<ReturnType<typeof obtenerFilaCliente>>>;

/** Clientes de nombre muy parecido (sin tildes ni forma societaria), para advertir un posible duplicado. */
export async function buscarNombresParecidos(db: Conexion, nombreComparable: string, excluir?: number) {
  if (nombreComparable.length < 3) return [];
  let consulta = db
    .selectFrom('clientes as c')
    .select(['c.id_cliente', 'c.nombre', 'c.rut', 'c.comuna'])
    .select(sql<number>`word_similarity(${nombreComparable}, c.busqueda)`.as('parecido'))
    .where(sql<boolean>`${nombreComparable} <% c.busqueda`)
    .where('c.archivado', '=', false);
  if (excluir) consulta = consulta.where('c.id_cliente', '<>', excluir);
  return consulta.orderBy('parecido', 'desc').limit(5).execute();
}

/** Every cliente id the list's filters keep (no paging): the recipients of a campaign. */
export async function idsClientesFiltrados(
  db: Conexion,
  f: Omit<FiltrosClientes, 'limit' | 'offset' | 'orden'>,
): Promise<number[]> {
  const base = aplicarFiltros(db.selectFrom('clientes as c'), { ...f, limit: 1, offset: 0 });
  if (!base) return [];
  return (await base.select('c.id_cliente').orderBy('c.id_cliente').execute()).map((r) => r.id_cliente);
}
