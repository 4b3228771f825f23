import { sql } from 'kysely';
import { nombreComparable } from '../../shared/clientes.ts';
import type { ClientePar, ParDuplicado } from '../../shared/fusion.ts';
import { formatearRut } from '../../shared/rut.ts';
import { similitud, trigramas } from '../../shared/similitud.ts';
import { registrarAuditoria, type Actor } from '../auditoria/auditoria.ts';
import { enTransaccion, type Conexion } from '../db/tipos.ts';
import { ErrorApp } from '../http/errores.ts';
import { conResumen } from '../kpis/cache.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';

const ESCRIBIR = ['admin', 'comercial'] as const;
const CLAVE_RESUMEN = 'duplicados';
const VIGENCIA_MS = 60 * 60_000;
/** Pairs below this score are noise (two farmers named alike in different places). */
const PUNTAJE_MINIMO = 40;
/** A phone or mail shared by more customers than this is an office's, not a duplicate sign. */
const GRUPO_MAXIMO = 8;
const MAXIMO_PARES = 5000;
const UMBRAL_NOMBRE = 0.6;

/**
 * How much each sign says "same customer" (0–1). Signs combine as independent evidence:
 * 1 − Π(1 − p), so a name match plus a shared phone scores above either alone.
 */
const PESO = {
  rut: 0.95,
  email: 0.8,
  telefono: 0.75,
  rutTraspuesto: 0.6,
  nombreIgualComuna: 0.6,
  nombreIgualSinComuna: 0.55,
  /** Alone it stays under the list's floor: homonym companies of two comunas are the usual case. */
  nombreIgualOtraComuna: 0.35,
} as const;

interface Fila {
  id_cliente: number;
  nombre: string;
  rut: string;
  telefono: string | null;
  email: string | null;
  codigo_comuna: string | null;
  comuna: string | null;
}

/**
 * Every likely duplicate pair of the base, best first: the same RUT body with another check
 * digit, the same mail or phone, the same name once accents and "Ltda.", "SpA", "S.A." are
 * ignored, or a very similar name (trigrams) in the same comuna. Runs in memory over one read of
 * the customers; names are compared within each comuna (and among those without one), the rest
 * by exact keys, so the scan stays linear in practice on the 50k base.
 */
export async function buscarPares(db: Conexion): Promise<ParDuplicado[]> {
  const filas = await sql<Fila>`
    SELECT id_cliente, nombre, rut, telefono, email, codigo_comuna, comuna FROM clientes
    WHERE NOT archivado AND NOT anonimizado AND id_cliente_fusionado_en IS NULL`.execute(db);
  const porId = new Map(filas.rows.map((f) => [f.id_cliente, f]));
  const senales = new Map<string, { a: number; b: number; p: number[]; razones: string[] }>();
  const anotar = (x: number, y: number, p: number, razon: string) => {
    const [a, b] = x < y ? [x, y] : [y, x];
    const clave = `${a}:${b}`;
    const s = senales.get(clave) ?? { a, b, p: [], razones: [] };
    s.p.push(p);
    s.razones.push(razon);
    senales.set(clave, s);
  };
  const porGrupo = (grupos: Map<string, number[]>, cada: (x: number, y: number, clave: string) => void) => {
    for (const [clave, ids] of grupos) {
      if (ids.length < 2 || ids.length > GRUPO_MAXIMO) continue;
      for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) cada(ids[i]!, ids[j]!, clave);
    }
  };
  const agrupar = (clave: (f: Fila) => string | null) => {
    const grupos = new Map<string, number[]>();
    for (const f of filas.rows) {
      const k = clave(f);
      if (!k) continue;
      const g = grupos.get(k);
      if (g) g.push(f.id_cliente);
      else grupos.set(k, [f.id_cliente]);
    }
    return grupos;
  };

  // RUTs are stored in one canonical form, so a format typed differently can no longer differ;
  // what older data still brings is the same body under another check digit.
  porGrupo(
    agrupar((f) => f.rut.split('-')[0]!),
    (x, y) =>
      anotar(x, y, PESO.rut, `Mismo RUT con otro dígito verificador (${porId.get(x)!.rut} y ${porId.get(y)!.rut})`),
  );
  porGrupo(
    agrupar((f) => f.email),
    (x, y, email) => anotar(x, y, PESO.email, `Mismo correo (${email})`),
  );
  porGrupo(
    agrupar((f) => f.telefono),
    (x, y, fono) => anotar(x, y, PESO.telefono, `Mismo teléfono (${fono})`),
  );

  const claves = new Map(filas.rows.map((f) => [f.id_cliente, nombreComparable(f.nombre)]));
  porGrupo(
    agrupar((f) => claves.get(f.id_cliente) || null),
    (x, y) => {
      const [cx, cy] = [porId.get(x)!.codigo_comuna, porId.get(y)!.codigo_comuna];
      if (cx === cy) anotar(x, y, PESO.nombreIgualComuna, 'Mismo nombre (sin tildes ni forma societaria)');
      else if (!cx || !cy) anotar(x, y, PESO.nombreIgualSinComuna, 'Mismo nombre (una ficha no tiene comuna)');
      else anotar(x, y, PESO.nombreIgualOtraComuna, 'Mismo nombre en otra comuna');
    },
  );

  // Similar but not equal names, within each comuna: an all-pairs similarity join with prefix
  // filtering. With each name's trigrams ordered rarest first, two names of similarity ≥ t share
  // at least one of the first |x| − ⌈t·|x|⌉ + 1 trigrams of each, so only those are indexed and
  // only names sharing one are compared; "agrícola" shared by half a comuna costs nothing.
  const frecuencia = new Map<number, number>();
  const tri = new Map<number, Int32Array>();
  for (const f of filas.rows) {
    const t = trigramas(claves.get(f.id_cliente)!);
    tri.set(f.id_cliente, t);
    for (const g of t) frecuencia.set(g, (frecuencia.get(g) ?? 0) + 1);
  }
  const porRareza = (x: number, y: number) => frecuencia.get(x)! - frecuencia.get(y)! || x - y;
  for (const ids of agrupar((f) => f.codigo_comuna ?? 'sin comuna').values()) {
    if (ids.length < 2) continue;
    const indice = new Map<number, number[]>();
    const visto = new Map<number, number>();
    for (const [i, id] of ids.entries()) {
      const t = tri.get(id)!;
      if (t.length === 0) continue;
      const prefijo = Array.from(t)
        .sort(porRareza)
        .slice(0, t.length - Math.ceil(UMBRAL_NOMBRE * t.length) + 1);
      for (const g of prefijo) {
        for (const j of indice.get(g) ?? []) {
          if (visto.get(j) === i) continue;
          visto.set(j, i);
          const otro = ids[j]!;
          if (claves.get(otro) === claves.get(id)) continue;
          const s = similitud(t, tri.get(otro)!);
          if (s >= UMBRAL_NOMBRE) anotar(otro, id, 0.8 * s * s, `Nombre muy parecido (${Math.round(s * 100)} %)`);
        }
      }
      for (const g of prefijo) {
        const lista = indice.get(g);
        if (lista) lista.push(i);
        else indice.set(g, [i]);
      }
    }
  }

  const resumen = (id: number): ClientePar => {
    const f = porId.get(id)!;
    return {
      id_cliente: f.id_cliente,
      nombre: f.nombre,
      rut_formateado: formatearRut(f.rut),
      comuna: f.comuna,
      telefono: f.telefono,
      email: f.email,
    };
  };
  const puntuados: { a: number; b: number; puntaje: number; razones: string[] }[] = [];
  for (const s of senales.values()) {
    const puntaje = Math.round(100 * (1 - s.p.reduce((resto, p) => resto * (1 - p), 1)));
    if (puntaje >= PUNTAJE_MINIMO) puntuados.push({ a: s.a, b: s.b, puntaje, razones: s.razones });
  }
  const orden = new Intl.Collator('es').compare;
  return puntuados
    .sort((x, y) => y.puntaje - x.puntaje || x.a - y.a || x.b - y.b)
    .slice(0, MAXIMO_PARES)
    .map((p) => ({ ...p, a: resumen(p.a), b: resumen(p.b) }))
    .sort((x, y) => y.puntaje - x.puntaje || orden(x.a.nombre, y.a.nombre) || x.a.id_cliente - y.a.id_cliente);
}

/**
 * The finder's page: the last scan (kept an hour in `resumenes`, shared by every instance) minus
 * the pairs resolved since — merged, archived or marked "no son duplicados".
 */
export async function listarDuplicados(
  db: Conexion,
  usuario: Usuario,
  opciones: { limit: number; offset: number; recalcular?: boolean },
) {
  exigirRol(usuario, TODOS, 'ver posibles duplicados');
  if (opciones.recalcular) await db.deleteFrom('resumenes').where('clave', '=', CLAVE_RESUMEN).execute();
  const inicio = performance.now();
  const escaneo = await conResumen(db, CLAVE_RESUMEN, VIGENCIA_MS, async () => ({ pares: await buscarPares(db) }));
  const ms = Math.round(performance.now() - inicio);
  const ids = [...new Set(escaneo.pares.flatMap((p) => [p.a.id_cliente, p.b.id_cliente]))];
  const [vigentes, descartados] = await Promise.all([
    ids.length
      ? sql<{ id_cliente: number }>`SELECT id_cliente FROM clientes WHERE id_cliente = ANY(${sql.val(ids)}::int[])
          AND NOT archivado AND NOT anonimizado AND id_cliente_fusionado_en IS NULL`.execute(db)
      : { rows: [] },
    db.selectFrom('duplicados_descartados').select(['id_menor', 'id_mayor']).execute(),
  ]);
  const vigente = new Set(vigentes.rows.map((r) => r.id_cliente));
  const descartado = new Set(descartados.map((d) => `${d.id_menor}:${d.id_mayor}`));
  const pares = escaneo.pares.filter(
    (p) =>
      vigente.has(p.a.id_cliente) &&
      vigente.has(p.b.id_cliente) &&
      !descartado.has(`${p.a.id_cliente}:${p.b.id_cliente}`),
  );
  return {
    total: pares.length,
    calculado_en: escaneo.calculado_en,
    ms,
    items: pares.slice(opciones.offset, opciones.offset + opciones.limit),
  };
}

/** "No son el mismo cliente": the pair leaves the finder for good (audited, can be reverted). */
export async function descartarPar(
  db: Conexion,
  usuario: Usuario,
  actor: Actor,
  idA: number,
  idB: number,
  descartar: boolean,
) {
  exigirRol(usuario, ESCRIBIR, 'resolver posibles duplicados');
  if (idA === idB)
    throw new ErrorApp('REGLA', 'Mismo cliente', 'Un par de duplicados necesita dos clientes distintos.');
  const [id_menor, id_mayor] = idA < idB ? [idA, idB] : [idB, idA];
  const existen = await db
    .selectFrom('clientes')
    .select('id_cliente')
    .where('id_cliente', 'in', [id_menor, id_mayor])
    .execute();
  if (existen.length !== 2)
    throw new ErrorApp('NO_ENCONTRADO', 'Cliente no encontrado', 'Alguno de los dos clientes no existe.');
  await enTransaccion(db, async (trx) => {
    if (descartar) {
      await trx
        .insertInto('duplicados_descartados')
        .values({ id_menor, id_mayor, id_usuario: usuario.id_usuario })
        .onConflict((oc) => oc.columns(['id_menor', 'id_mayor']).doNothing())
        .execute();
    } else {
      await trx
        .deleteFrom('duplicados_descartados')
        .where('id_menor', '=', id_menor)
        .where('id_mayor', '=', id_mayor)
        .execute();
    }
    for (const [id, otro] of [
      [id_menor, id_mayor],
      [id_mayor, id_menor],
    ] as const) {
      await registrarAuditoria(trx, actor, {
        accion: descartar ? 'descartar_duplicado' : 'restaurar_duplicado',
        entidad: 'cliente',
        id_entidad: id,
        id_cliente: id,
        detalle: { otro_cliente: otro },
      });
    }
  });
}
