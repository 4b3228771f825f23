import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { limiteConfirmacion, type Faltante } from '../../shared/completitud.ts';
import { rutBuscable } from '../../shared/rut.ts';
import { plegar } from '../../shared/texto.ts';
import { buscarComuna, buscarRegion } from '../../shared/territorio.ts';
import type { FiltrosClientes } from '../../shared/listas.ts';
import type { Conexion } from '../db/tipos.ts';
import { totalRecordado } from './conteos.ts';
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

/** The folded words of a search, at most eight: each must appear (or, corrected, a word like it). */
function palabrasDeBusqueda(q: string): string[] {
  return plegar(q).split(' ').filter(Boolean).slice(0, 8);
}

/** `%texto%` for LIKE, with LIKE's own wildcards in the text taken literally. */
const contiene = (texto: string) => `%${texto.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/**
 * Condición de búsqueda: cada palabra aparece en nombre, RUT, email, comuna o teléfono; con
 * `parecidas`, también puede aparecer en su lugar una palabra de los nombres que se le parece
 * (errores de tipeo).
 */
function aplicarTexto(consulta: Consulta, q: string, parecidas: Map<string, string[]> | null): Consulta {
  const rut = rutBuscable(q);
  if (rut) {
    // RUT o teléfono: dígitos seguidos dentro del texto de búsqueda.
    return consulta.where('c.busqueda', 'like', `%${rut.toLowerCase()}%`);
  }
  for (const palabra of palabrasDeBusqueda(q)) {
    const otras = parecidas?.get(palabra) ?? [];
    consulta =
      otras.length > 0
        ? consulta.where((eb) => eb.or([palabra, ...otras].map((p) => eb('c.busqueda', 'like', contiene(p)))))
        : consulta.where('c.busqueda', 'like', contiene(palabra));
  }
  return consulta;
}

/**
 * For each word of the search (four letters or more), up to five words of the clientes' names and
 * comunas that look like it (pg_trgm similarity), from the dictionary the triggers of migration 0013
 * keep. Comparing against a few thousand distinct words is cheap even for a typo in «agrícola»,
 * which against every cliente's text would match most of the trigram index.
 */
async function palabrasParecidas(db: Conexion, q: string): Promise<Map<string, string[]>> {
  const palabras = palabrasDeBusqueda(q).filter((p) => p.length >= 4);
  if (palabras.length === 0) return new Map();
  const r = await sql<{ palabra: string; parecida: string }>`
    SELECT b.palabra, p.palabra AS parecida FROM unnest(${sql.val(palabras)}::text[]) AS b(palabra)
    CROSS JOIN LATERAL (
      SELECT d.palabra FROM palabras_busqueda d WHERE d.palabra % b.palabra AND d.palabra <> b.palabra
      ORDER BY similarity(d.palabra, b.palabra) DESC, d.palabra LIMIT 5) p`.execute(db);
  const parecidas = new Map<string, string[]>();
  for (const { palabra, parecida } of r.rows) parecidas.set(palabra, [...(parecidas.get(palabra) ?? []), parecida]);
  return parecidas;
}

/**
 * «Al cliente `c` le falta …», the one definition the list filter `falta=` and the data-quality
 * panel share, so a number on the panel and the list it opens always agree. Consent counts when some
 * channel's latest decision is a grant (DOMAIN.md "Consent"); equipment, when a machine is in use.
 * The two set conditions are uncorrelated `NOT IN` (id_cliente is never null): PostgreSQL hashes
 * the set once instead of probing an index per cliente, which keeps the panel near 100 ms on 50k.
 */
export function condicionFalta(falta: Faltante, ahora: Date = new Date()): RawBuilder<boolean> {
  switch (falta) {
    case 'telefono':
      return sql<boolean>`c.telefono IS NULL`;
    case 'email':
      return sql<boolean>`c.email IS NULL`;
    case 'comuna':
      return sql<boolean>`c.codigo_comuna IS NULL`;
    case 'responsable':
      return sql<boolean>`c.id_responsable IS NULL`;
    case 'equipos':
      return sql<boolean>`c.id_cliente NOT IN (SELECT e.id_cliente FROM equipos e WHERE e.activo)`;
    case 'consentimiento':
      return sql<boolean>`c.id_cliente NOT IN (SELECT k.id_cliente FROM (
        SELECT DISTINCT ON (id_cliente, canal) id_cliente, otorgado FROM consentimientos
        ORDER BY id_cliente, canal, fecha DESC, id_consentimiento DESC) k WHERE k.otorgado)`;
    case 'confirmacion':
      return sql<boolean>`(c.datos_confirmados_en IS NULL OR c.datos_confirmados_en < ${limiteConfirmacion(ahora)})`;
  }
}

/** Some channel of `c` whose latest consent row (by fecha, then id) is a grant. */
export const tieneConsentimiento = sql<boolean>`EXISTS (
  SELECT 1 FROM consentimientos k WHERE k.id_cliente = c.id_cliente AND k.otorgado
    AND NOT EXISTS (SELECT 1 FROM consentimientos k2 WHERE k2.id_cliente = k.id_cliente AND k2.canal = k.canal
                      AND (k2.fecha, k2.id_consentimiento) > (k.fecha, k.id_consentimiento)))`;

function aplicarFiltros(
  consulta: Consulta,
  f: FiltrosClientes,
  parecidas: Map<string, string[]> | null = null,
): Consulta | null {
  if (f.q?.trim()) consulta = aplicarTexto(consulta, f.q, parecidas);
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
  // Anonymised clientes have nothing left to complete: the panel leaves them out too.
  if (f.falta) consulta = consulta.where('c.anonimizado', '=', false).where(condicionFalta(f.falta));
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

function ordenar(consulta: Consulta, orden: NonNullable<FiltrosClientes['orden']>, q: string): Consulta {
  switch (orden) {
    case 'relevancia':
      return q
        ? consulta.orderBy(sql`word_similarity(${q}, c.busqueda)`, 'desc').orderBy(sql`lower(c.nombre)`)
        : consulta.orderBy(sql`lower(c.nombre)`);
    case 'nombre':
    case '-nombre':
      return consulta.orderBy(sql`lower(c.nombre)`, orden === 'nombre' ? 'asc' : 'desc');
    case 'rut':
      return consulta.orderBy(sql`length(c.rut)`).orderBy('c.rut');
    case 'comuna':
    case 'region':
      return consulta.orderBy(`c.${orden}`).orderBy(sql`lower(c.nombre)`);
    default: {
      const campo = orden.replace('-', '') as 'fecha_registro' | 'ultimo_contacto';
      return consulta.orderBy(
        `c.${campo}`,
        (orden.startsWith('-') ? sql`desc nulls last` : sql`asc nulls first`) as never,
      );
    }
  }
}

/** Past this many matches a text search is ordered by name instead of by relevance. */
const MUCHAS_COINCIDENCIAS = 1000;

async function pagina(db: Conexion, f: FiltrosClientes, parecidas: Map<string, string[]> | null) {
  const base = aplicarFiltros(db.selectFrom('clientes as c'), f, parecidas);
  if (!base) return { total: 0, ids: [] as number[] };
  const { limit: _l, offset: _o, orden: _r, ...filtros } = f;
  const clave = JSON.stringify([
    [...(parecidas ?? [])],
    Object.entries(filtros).sort(([a], [b]) => a.localeCompare(b)),
  ]);
  const contar = () =>
    totalRecordado(db, clave, async () =>
      Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    );
  const texto = f.q?.trim() ? plegar(f.q) : '';
  const orden = f.orden ?? (texto ? 'relevancia' : 'nombre');
  // The page's ids first (an index-only walk for the plain list); the rows and their machines are
  // read for those 25 only, not for every row an OFFSET skips.
  const idsEn = async (o: NonNullable<FiltrosClientes['orden']>) =>
    (
      await ordenar(base, o, texto)
        .select('c.id_cliente')
        .orderBy('c.id_cliente')
        .limit(f.limit)
        .offset(f.offset)
        .execute()
    ).map((r) => r.id_cliente);
  if (texto && orden === 'relevancia') {
    // Ranking reads every match; for a word in thousands of names («agrícola», «ltda») every one
    // contains it and the ranking is the name order anyway, which the name index walks for free.
    const total = await contar();
    if (total === 0) return { total, ids: [] as number[] };
    return { total, ids: await idsEn(total > MUCHAS_COINCIDENCIAS ? 'nombre' : 'relevancia') };
  }
  const [ids, total] = await Promise.all([idsEn(orden), contar()]);
  return { total, ids };
}

/**
 * The list's rule for typos, shared by the list and a campaign's recipients: search exactly, and
 * only when that does not fill a page look again with the dictionary's words like each searched one.
 */
async function conErratasSiFaltan<T>(
  db: Conexion,
  q: string | undefined,
  porPagina: number,
  buscar: (parecidas: Map<string, string[]> | null) => Promise<T>,
  cuantos: (r: T) => number,
): Promise<T> {
  const exacto = await buscar(null);
  if (!q?.trim() || rutBuscable(q) || cuantos(exacto) >= porPagina) return exacto;
  const parecidas = await palabrasParecidas(db, q);
  return parecidas.size > 0 ? buscar(parecidas) : exacto;
}

/**
 * Una página de clientes con el total, filtrada y ordenada. La búsqueda por texto primero busca
 * coincidencias exactas (rápido, con el índice de trigramas); solo si no llenan una página agrega las
 * aproximadas, que toleran errores de tipeo. La regla no depende de la página pedida, así que todas
 * las páginas de una búsqueda son coherentes.
 */
export async function buscarClientes(db: Conexion, f: FiltrosClientes) {
  const r = await conErratasSiFaltan(
    db,
    f.q,
    f.limit,
    (parecidas) => pagina(db, f, parecidas),
    (p) => p.total,
  );
  if (r.ids.length === 0) return { total: r.total, filas: [] };
  const [filas, equipos] = await Promise.all([
    db.selectFrom('clientes as c').select(COLUMNAS_RESUMEN).where('c.id_cliente', 'in', r.ids).execute(),
    db
      .selectFrom('equipos')
      .select(['id_cliente', (eb) => eb.fn.countAll<number>().as('n')])
      .where('id_cliente', 'in', r.ids)
      .where('activo', '=', true)
      .groupBy('id_cliente')
      .execute(),
  ]);
  const porId = new Map(filas.map((x) => [x.id_cliente, x]));
  const nEquipos = new Map(equipos.map((e) => [e.id_cliente, Number(e.n)]));
  return {
    total: r.total,
    filas: r.ids.map((id) => ({ ...porId.get(id)!, cantidad_equipos: nEquipos.get(id) ?? 0 })),
  };
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

/** The list's default page size: how many exact matches make typo corrections unnecessary. */
const PAGINA = 25;

/** Every cliente id the list's filters keep (no paging): the recipients of a campaign. */
export async function idsClientesFiltrados(
  db: Conexion,
  f: Omit<FiltrosClientes, 'limit' | 'offset' | 'orden'>,
): Promise<number[]> {
  const ids = async (parecidas: Map<string, string[]> | null) => {
    const base = aplicarFiltros(db.selectFrom('clientes as c'), { ...f, limit: 1, offset: 0 }, parecidas);
    if (!base) return [];
    return (await base.select('c.id_cliente').orderBy('c.id_cliente').execute()).map((r) => r.id_cliente);
  };
  return conErratasSiFaltan(db, f.q, PAGINA, ids, (r) => r.length);
}
