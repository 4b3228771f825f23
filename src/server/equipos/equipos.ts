import { sql } from 'kysely';
import { proximaMantencion, type ProximaMantencion } from '../../shared/mantencion.ts';
import { hoyEnSantiago, fechaEnSantiago } from '../../shared/formato.ts';
import type { EquipoEdicion, EquipoEntrada } from '../../shared/servicios.ts';
import { diferencias, registrarAuditoria, type Actor } from '../auditoria/auditoria.ts';
import { enTransaccion, type Conexion } from '../db/tipos.ts';
import { leerParaEditar } from '../db/versiones.ts';
import { ErrorApp, noEncontrado, reglaIncumplida } from '../http/errores.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';
import { recalcularMetricas } from '../valor/metricas.ts';
import { recalcularPlanEquipos } from './plan.ts';

const ESCRIBIR = ['admin', 'comercial', 'tecnico'] as const;

const COLUMNAS = [
  'e.id_equipo',
  'e.id_cliente',
  'e.tipo',
  'e.marca',
  'e.modelo',
  'e.anio',
  'e.numero_serie',
  'e.horometro',
  'e.fecha_horometro',
  'e.intervalo_horas',
  'e.intervalo_meses',
  'e.activo',
  'e.fecha_alta',
  'e.version',
] as const;

/** Los equipos de un cliente, activos primero. */
export async function equiposDeCliente(db: Conexion, idCliente: number) {
  const filas = await db
    .selectFrom('equipos as e')
    .select(COLUMNAS)
    .where('e.id_cliente', '=', idCliente)
    .orderBy('e.activo', 'desc')
    .orderBy('e.id_equipo')
    .execute();
  return filas.map((f) => ({ ...f, fecha_alta: f.fecha_alta.toISOString() }));
}

async function exigirSerieLibre(db: Conexion, serie: string | null | undefined, excluir?: number) {
  if (!serie) return;
  let q = db.selectFrom('equipos').select(['id_equipo', 'id_cliente']).where('numero_serie', '=', serie);
  if (excluir) q = q.where('id_equipo', '<>', excluir);
  const otro = await q.executeTakeFirst();
  if (otro) {
    throw new ErrorApp(
      'CONFLICTO',
      'Ya existe un equipo con ese número de serie',
      `El número de serie ${serie} ya está registrado (equipo ${otro.id_equipo}).`,
      {
        errores: [{ campo: 'numero_serie', mensaje: 'Ya existe un equipo con ese número de serie.' }],
      },
    );
  }
}

/** Agrega una lectura del horómetro; las horas no pueden bajar respecto de una lectura anterior. */
export async function agregarLectura(
  trx: Conexion,
  idEquipo: number,
  lectura: { fecha: string; horas: number; fuente?: string },
) {
  const previa = await trx
    .selectFrom('lecturas_horometro')
    .select(['fecha', 'horas'])
    .where('id_equipo', '=', idEquipo)
    .where('fecha', '<=', lectura.fecha)
    .orderBy('fecha', 'desc')
    .orderBy('horas', 'desc')
    .limit(1)
    .executeTakeFirst();
  const posterior = await trx
    .selectFrom('lecturas_horometro')
    .select(['fecha', 'horas'])
    .where('id_equipo', '=', idEquipo)
    .where('fecha', '>', lectura.fecha)
    .orderBy('fecha')
    .limit(1)
    .executeTakeFirst();
  if ((previa && lectura.horas < previa.horas) || (posterior && lectura.horas > posterior.horas)) {
    throw reglaIncumplida([
      {
        campo: 'horas',
        mensaje:
          previa && lectura.horas < previa.horas
            ? `El horómetro no puede bajar: el ${previa.fecha} ya marcaba ${previa.horas} h.`
            : `El horómetro no puede superar la lectura posterior del ${posterior!.fecha} (${posterior!.horas} h).`,
      },
    ]);
  }
  await trx
    .insertInto('lecturas_horometro')
    .values({ id_equipo: idEquipo, fecha: lectura.fecha, horas: lectura.horas, fuente: lectura.fuente ?? 'manual' })
    .execute();
  await trx
    .updateTable('equipos')
    .set({ horometro: lectura.horas, fecha_horometro: lectura.fecha })
    .where('id_equipo', '=', idEquipo)
    .where((eb) => eb.or([eb('fecha_horometro', 'is', null), eb('fecha_horometro', '<=', lectura.fecha)]))
    .execute();
}

export async function registrarEquipo(db: Conexion, usuario: Usuario, actor: Actor, entrada: EquipoEntrada) {
  exigirRol(usuario, ESCRIBIR, 'registrar equipos');
  const id = await enTransaccion(db, async (trx) => {
    const cliente = await trx
      .selectFrom('clientes')
      .select('id_cliente')
      .where('id_cliente', '=', entrada.id_cliente)
      .executeTakeFirst();
    if (!cliente)
      throw reglaIncumplida([{ campo: 'id_cliente', mensaje: `El cliente ${entrada.id_cliente} no existe.` }]);
    await exigirSerieLibre(trx, entrada.numero_serie);
    const { horometro, fecha_horometro, ...datos } = entrada;
    const creado = await trx
      .insertInto('equipos')
      .values({ ...datos, numero_serie: datos.numero_serie || null })
      .returning('id_equipo')
      .executeTakeFirstOrThrow();
    if (horometro != null)
      await agregarLectura(trx, creado.id_equipo, {
        fecha: fecha_horometro ?? hoyEnSantiago(),
        horas: horometro,
        fuente: 'alta',
      });
    await recalcularPlanEquipos(trx, { ids: [creado.id_equipo] });
    await recalcularMetricas(trx, { ids: [entrada.id_cliente] });
    await registrarAuditoria(trx, actor, {
      accion: 'crear',
      entidad: 'equipo',
      id_entidad: creado.id_equipo,
      id_cliente: entrada.id_cliente,
      detalle: { datos: entrada },
    });
    return creado.id_equipo;
  });
  return obtenerEquipo(db, usuario, id);
}

export async function editarEquipo(db: Conexion, usuario: Usuario, actor: Actor, id: number, entrada: EquipoEdicion) {
  exigirRol(usuario, ESCRIBIR, 'editar equipos');
  const { version, horometro, fecha_horometro, ...cambios } = entrada;
  await enTransaccion(db, async (trx) => {
    const actual = await leerParaEditar(trx, 'equipos', 'id_equipo', id, version, `El equipo ${id}`);
    if (cambios.numero_serie) await exigirSerieLibre(trx, cambios.numero_serie, id);
    await trx
      .updateTable('equipos')
      .set({ ...cambios, version: sql`version + 1` })
      .where('id_equipo', '=', id)
      .execute();
    if (horometro != null)
      await agregarLectura(trx, id, { fecha: fecha_horometro ?? hoyEnSantiago(), horas: horometro });
    await recalcularPlanEquipos(trx, { ids: [id] });
    await recalcularMetricas(trx, { ids: [actual.id_cliente as number] });
    await registrarAuditoria(trx, actor, {
      accion: 'editar',
      entidad: 'equipo',
      id_entidad: id,
      id_cliente: actual.id_cliente as number,
      detalle: { cambios: diferencias(actual, cambios) },
    });
  });
  return obtenerEquipo(db, usuario, id);
}

export async function registrarLectura(
  db: Conexion,
  usuario: Usuario,
  actor: Actor,
  id: number,
  lectura: { fecha: string; horas: number; fuente?: string },
) {
  exigirRol(usuario, ESCRIBIR, 'registrar lecturas de horómetro');
  if (lectura.fecha > hoyEnSantiago())
    throw reglaIncumplida([{ campo: 'fecha', mensaje: 'La lectura no puede tener fecha futura.' }]);
  await enTransaccion(db, async (trx) => {
    const e = await trx.selectFrom('equipos').select('id_cliente').where('id_equipo', '=', id).executeTakeFirst();
    if (!e) throw noEncontrado(`El equipo ${id}`);
    await agregarLectura(trx, id, lectura);
    await recalcularPlanEquipos(trx, { ids: [id] });
    await recalcularMetricas(trx, { ids: [e.id_cliente] });
    await registrarAuditoria(trx, actor, {
      accion: 'lectura_horometro',
      entidad: 'equipo',
      id_entidad: id,
      id_cliente: e.id_cliente,
      detalle: lectura,
    });
  });
  return obtenerEquipo(db, usuario, id);
}

/** Un equipo con su historial de lecturas, sus servicios y la próxima mantención. */
export async function obtenerEquipo(db: Conexion, usuario: Usuario, id: number) {
  exigirRol(usuario, TODOS, 'ver equipos');
  const e = await db
    .selectFrom('equipos as e')
    .innerJoin('clientes as c', 'c.id_cliente', 'e.id_cliente')
    .select(COLUMNAS)
    .select('c.nombre as cliente')
    .where('e.id_equipo', '=', id)
    .executeTakeFirst();
  if (!e) throw noEncontrado(`El equipo ${id}`);
  const [lecturas, servicios] = await Promise.all([
    db
      .selectFrom('lecturas_horometro')
      .select(['fecha', 'horas', 'fuente'])
      .where('id_equipo', '=', id)
      .orderBy('fecha')
      .execute(),
    db
      .selectFrom('ordenes_trabajo')
      .select(['id_orden', 'numero', 'tipo', 'estado', 'fecha_ingreso', 'fecha_cierre', 'horometro', 'monto_total'])
      .where('id_equipo', '=', id)
      .orderBy('fecha_ingreso', 'desc')
      .execute(),
  ]);
  const [proxima] = await proximasMantenciones(db, [id]);
  return {
    ...e,
    fecha_alta: e.fecha_alta.toISOString(),
    lecturas,
    servicios,
    proxima_mantencion: proxima?.proxima ?? null,
  };
}

/** Próxima mantención de varios equipos, con la pauta del equipo o la de su tipo y marca. */
export async function proximasMantenciones(
  db: Conexion,
  ids: number[],
  hoy: string = hoyEnSantiago(),
): Promise<{ id_equipo: number; ultimo_servicio: string | null; proxima: ProximaMantencion }[]> {
  if (ids.length === 0) return [];
  const [equipos, lecturas] = await Promise.all([
    sql<{
      id_equipo: number;
      fecha_alta: Date;
      intervalo_horas: number | null;
      intervalo_meses: number | null;
      servicio_fecha: string | null;
      servicio_horometro: number | null;
    }>`
      SELECT e.id_equipo, e.fecha_alta,
             coalesce(e.intervalo_horas, pm.intervalo_horas, pt.intervalo_horas) AS intervalo_horas,
             coalesce(e.intervalo_meses, pm.intervalo_meses, pt.intervalo_meses) AS intervalo_meses,
             s.fecha AS servicio_fecha, s.horometro AS servicio_horometro
      FROM equipos e
      LEFT JOIN planes_mantencion pm ON pm.tipo = e.tipo AND lower(pm.marca) = lower(e.marca)
      LEFT JOIN planes_mantencion pt ON pt.tipo = e.tipo AND pt.marca IS NULL
      LEFT JOIN LATERAL (
        SELECT coalesce(o.fecha_cierre, o.fecha_ingreso)::text AS fecha, o.horometro
        FROM ordenes_trabajo o
        WHERE o.id_equipo = e.id_equipo AND o.estado IN ('terminada', 'entregada')
        ORDER BY coalesce(o.fecha_cierre, o.fecha_ingreso) DESC LIMIT 1
      ) s ON true
      WHERE e.id_equipo = ANY(${sql.val(ids)}::int[])`.execute(db),
    db.selectFrom('lecturas_horometro').select(['id_equipo', 'fecha', 'horas']).where('id_equipo', 'in', ids).execute(),
  ]);
  return equipos.rows.map((e) => ({
    id_equipo: e.id_equipo,
    ultimo_servicio: e.servicio_fecha,
    proxima: proximaMantencion({
      ultimoServicio: e.servicio_fecha
        ? { fecha: e.servicio_fecha, horometro: e.servicio_horometro == null ? null : Number(e.servicio_horometro) }
        : null,
      alta: fechaEnSantiago(e.fecha_alta),
      intervaloMeses: e.intervalo_meses,
      intervaloHoras: e.intervalo_horas,
      lecturas: lecturas
        .filter((l) => l.id_equipo === e.id_equipo)
        .map((l) => ({ fecha: l.fecha, horas: Number(l.horas) })),
      hoy,
    }),
  }));
}

export async function listarEquipos(
  db: Conexion,
  usuario: Usuario,
  f: {
    id_cliente?: number;
    tipo?: string;
    marca?: string;
    q?: string;
    activo?: boolean;
    limit: number;
    offset: number;
  },
) {
  exigirRol(usuario, TODOS, 'ver equipos');
  let base = db.selectFrom('equipos as e').innerJoin('clientes as c', 'c.id_cliente', 'e.id_cliente');
  if (f.id_cliente) base = base.where('e.id_cliente', '=', f.id_cliente);
  if (f.tipo) base = base.where('e.tipo', '=', f.tipo as never);
  if (f.marca) base = base.where(sql`lower(e.marca)`, '=', f.marca.toLowerCase());
  if (f.activo !== undefined) base = base.where('e.activo', '=', f.activo);
  if (f.q) {
    const patron = `%${f.q.toLowerCase()}%`;
    base = base.where((eb) =>
      eb.or([
        eb(sql`lower(e.modelo)`, 'like', patron),
        eb(sql`lower(e.numero_serie)`, 'like', patron),
        eb(sql`lower(e.marca)`, 'like', patron),
      ]),
    );
  }
  const [filas, total] = await Promise.all([
    base
      .select(COLUMNAS)
      .select('c.nombre as cliente')
      .orderBy('e.id_equipo', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    limit: f.limit,
    offset: f.offset,
    items: filas.map((x) => ({ ...x, fecha_alta: x.fecha_alta.toISOString() })),
  };
}
