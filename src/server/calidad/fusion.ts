import { sql } from 'kysely';
import { z } from 'zod';
import { CAMPOS_FUSION, type CampoFusion } from '../../shared/fusion.ts';
import { formatearRut } from '../../shared/rut.ts';
import { registrarAuditoria, type Actor } from '../auditoria/auditoria.ts';
import { recalcularActividad } from '../clientes/actividad.ts';
import { enTransaccion, type Conexion } from '../db/tipos.ts';
import { ErrorApp, noEncontrado } from '../http/errores.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';
import { recalcularMetricas } from '../valor/metricas.ts';

const FUSIONAR = ['admin', 'comercial'] as const;
const DESHACER = ['admin'] as const;

/** Every table whose rows belong to one cliente, with its key: all of them move in a merge. */
const TABLAS_HIJAS = [
  ['interacciones_cliente', 'id_interaccion'],
  ['equipos', 'id_equipo'],
  ['ordenes_trabajo', 'id_orden'],
  ['pedidos_repuestos', 'id_pedido'],
  ['cotizaciones', 'id_cotizacion'],
  ['encuestas_satisfaccion', 'id_encuesta'],
  ['consentimientos', 'id_consentimiento'],
  ['contactos_cliente', 'id_contacto'],
  ['mensajes', 'id_mensaje'],
  ['alertas', 'id_alerta'],
  ['solicitudes_titular', 'id_solicitud'],
] as const;

const COLUMNAS: Record<CampoFusion, readonly string[]> = {
  ...(Object.fromEntries(CAMPOS_FUSION.map((c) => [c, [c]])) as Record<CampoFusion, string[]>),
  comuna: ['comuna', 'codigo_comuna', 'region'],
};

export const pedidoFusion = z.strictObject({
  id_superviviente: z.number().int().positive().max(2_147_483_647),
  id_fusionado: z.number().int().positive().max(2_147_483_647),
  version_superviviente: z.number().int().positive(),
  version_fusionado: z.number().int().positive(),
  /** Per field, whose value stays; a field left out keeps the survivor's, or the other's when the survivor has none. */
  valores: z.partialRecord(z.enum(CAMPOS_FUSION), z.enum(['superviviente', 'fusionado'])).default({}),
});
export type PedidoFusion = z.infer<typeof pedidoFusion>;

type FilaCliente = Record<string, unknown> & { id_cliente: number; version: number; nombre: string; rut: string };

async function leerCliente(db: Conexion, id: number, bloquear: boolean): Promise<FilaCliente | undefined> {
  const r = await sql<FilaCliente>`
    SELECT id_cliente, nombre, rut, tipo_persona, direccion, comuna, codigo_comuna, region, telefono, email,
           fecha_nacimiento, fecha_aniversario, id_responsable, notas, canal_preferido, horario_contacto, notas_idioma,
           archivado, fecha_archivado, anonimizado, bloqueado, id_cliente_fusionado_en, version,
           (SELECT u.nombre FROM usuarios u WHERE u.id_usuario = clientes.id_responsable) AS responsable
    FROM clientes WHERE id_cliente = ${id} ${bloquear ? sql`FOR UPDATE` : sql``}`.execute(db);
  return r.rows[0];
}

async function contarFilas(db: Conexion, id: number): Promise<Record<string, number>> {
  const partes = TABLAS_HIJAS.map(
    ([t]) => sql`SELECT ${t} AS tabla, count(*) AS n FROM ${sql.table(t)} WHERE id_cliente = ${id}`,
  );
  const r = await sql<{ tabla: string; n: number }>`${sql.join(partes, sql` UNION ALL `)}`.execute(db);
  const conteo = Object.fromEntries(r.rows.map((f) => [f.tabla, Number(f.n)]));
  const etiquetas = await db
    .selectFrom('clientes_etiquetas')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id_cliente', '=', id)
    .executeTakeFirstOrThrow();
  return { ...conteo, clientes_etiquetas: Number(etiquetas.n) };
}

const vistaCliente = (c: FilaCliente) => ({
  ...Object.fromEntries(CAMPOS_FUSION.map((k) => [k, c[k] ?? null])),
  id_cliente: c.id_cliente,
  rut_formateado: formatearRut(c.rut),
  region: c.region ?? null,
  responsable: c.responsable ?? null,
  version: c.version,
});

/** Both customers side by side with how much history each has, and the fields where they differ. */
export async function vistaPreviaFusion(db: Conexion, usuario: Usuario, idA: number, idB: number) {
  exigirRol(usuario, TODOS, 'ver una fusión de clientes');
  const [a, b] = await Promise.all([leerCliente(db, idA, false), leerCliente(db, idB, false)]);
  if (!a) throw noEncontrado(`El cliente ${idA}`);
  if (!b) throw noEncontrado(`El cliente ${idB}`);
  return {
    clientes: [
      { ...vistaCliente(a), historia: await contarFilas(db, idA) },
      { ...vistaCliente(b), historia: await contarFilas(db, idB) },
    ],
    diferencias: CAMPOS_FUSION.filter((k) => JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null)),
  };
}

function exigirFusionable(c: FilaCliente, version: number) {
  if (c.id_cliente_fusionado_en)
    throw new ErrorApp(
      'CONFLICTO',
      'Cliente ya fusionado',
      `«${c.nombre}» ya fue fusionado con el cliente ${String(c.id_cliente_fusionado_en)}.`,
    );
  if (c.anonimizado)
    throw new ErrorApp(
      'REGLA',
      'Cliente anonimizado',
      `Los datos de «${c.nombre}» fueron suprimidos; no se puede fusionar.`,
    );
  if (c.version !== version)
    throw new ErrorApp(
      'CONFLICTO',
      'Otra persona modificó este cliente',
      `«${c.nombre}» cambió desde que abrió la comparación. Vuelva a abrirla para ver los datos actuales.`,
      { extra: { id_cliente: c.id_cliente, version_actual: c.version } },
    );
}

/**
 * Merges one cliente into another in one transaction: the chosen values land on the survivor,
 * every row of every table moves to it (recorded, so it can be undone), the merged record stays
 * archived with a pointer to the survivor (old links resolve), metrics and activity are
 * recomputed, and both sides get an audit row. Both rows are locked first, in id order, so two
 * merges or an edit racing this one wait instead of splitting history; writes that race it land on
 * the survivor (trigger f_cliente_vigente, migration 0009).
 */
export async function fusionarClientes(db: Conexion, usuario: Usuario, actor: Actor, pedido: PedidoFusion) {
  exigirRol(usuario, FUSIONAR, 'fusionar clientes');
  const { id_superviviente: s, id_fusionado: f } = pedido;
  if (s === f) throw new ErrorApp('REGLA', 'Mismo cliente', 'Elija dos clientes distintos para fusionar.');
  const id_fusion = await enTransaccion(db, async (trx) => {
    const bloqueados = new Map<number, FilaCliente>();
    for (const id of [s, f].sort((x, y) => x - y)) {
      const c = await leerCliente(trx, id, true);
      if (!c) throw noEncontrado(`El cliente ${id}`);
      bloqueados.set(id, c);
    }
    const sup = bloqueados.get(s)!;
    const fus = bloqueados.get(f)!;
    exigirFusionable(sup, pedido.version_superviviente);
    exigirFusionable(fus, pedido.version_fusionado);

    const cambios: Record<string, unknown> = {};
    const elegidos: Record<string, 'superviviente' | 'fusionado'> = {};
    for (const campo of CAMPOS_FUSION) {
      const eleccion =
        pedido.valores[campo] ?? (sup[campo] == null && fus[campo] != null ? 'fusionado' : 'superviviente');
      elegidos[campo] = eleccion;
      if (eleccion === 'fusionado') for (const col of COLUMNAS[campo]) cambios[col] = fus[col] ?? null;
    }

    const conteoAntes = await contarFilas(trx, s);
    // One principal contact per customer: the survivor's stays principal, the other's becomes a plain contact.
    const sinPrincipal = (
      await sql<{ id_contacto: number }>`
        UPDATE contactos_cliente SET principal = false
        WHERE id_cliente = ${f} AND principal AND EXISTS (SELECT 1 FROM contactos_cliente WHERE id_cliente = ${s} AND principal)
        RETURNING id_contacto`.execute(trx)
    ).rows.map((r) => r.id_contacto);
    const movidos: Record<string, number[]> = { contactos_sin_principal: sinPrincipal };
    for (const [tabla, clave] of TABLAS_HIJAS) {
      const r = await sql<{ id: number }>`
        UPDATE ${sql.table(tabla)} SET id_cliente = ${s} WHERE id_cliente = ${f} RETURNING ${sql.ref(clave)} AS id`.execute(
        trx,
      );
      movidos[tabla] = r.rows.map((x) => Number(x.id)).sort((x, y) => x - y);
    }
    // Tags: the survivor gets the union; remember which were the merged one's and which were new.
    const etiquetasFusionado = (
      await trx.selectFrom('clientes_etiquetas').select('id_etiqueta').where('id_cliente', '=', f).execute()
    ).map((e) => e.id_etiqueta);
    const nuevas = etiquetasFusionado.length
      ? (
          await trx
            .insertInto('clientes_etiquetas')
            .values(etiquetasFusionado.map((id_etiqueta) => ({ id_cliente: s, id_etiqueta })))
            .onConflict((oc) => oc.columns(['id_cliente', 'id_etiqueta']).doNothing())
            .returning('id_etiqueta')
            .execute()
        ).map((e) => e.id_etiqueta)
      : [];
    await trx.deleteFrom('clientes_etiquetas').where('id_cliente', '=', f).execute();
    movidos.etiquetas_fusionado = etiquetasFusionado;
    movidos.etiquetas_agregadas = nuevas;

    const ahora = new Date();
    await trx
      .updateTable('clientes')
      .set({
        archivado: true,
        fecha_archivado: ahora,
        id_cliente_fusionado_en: s,
        version: sql`version + 1`,
        actualizado_en: ahora,
      })
      .where('id_cliente', '=', f)
      .execute();
    const { version } = await trx
      .updateTable('clientes')
      .set({ ...(cambios as object), version: sql`version + 1`, actualizado_en: ahora })
      .where('id_cliente', '=', s)
      .returning('version')
      .executeTakeFirstOrThrow();
    await recalcularActividad(trx, undefined, [s, f]);
    await recalcularMetricas(trx, { ids: [s, f] });

    const resumen = Object.fromEntries(Object.entries(movidos).map(([t, ids]) => [t, ids.length]));
    await registrarAuditoria(trx, actor, {
      accion: 'fusionar',
      entidad: 'cliente',
      id_entidad: f,
      id_cliente: f,
      detalle: { superviviente: s },
    });
    await registrarAuditoria(trx, actor, {
      accion: 'fusionar',
      entidad: 'cliente',
      id_entidad: s,
      id_cliente: s,
      detalle: { fusionado: f, movidos: resumen, valores: elegidos },
    });
    const { id_auditoria } = await trx
      .selectFrom('auditoria')
      .select((eb) => eb.fn.max('id_auditoria').as('id_auditoria'))
      .where('id_cliente', 'in', [s, f])
      .executeTakeFirstOrThrow();
    const r = await trx
      .insertInto('fusiones')
      .values({
        id_superviviente: s,
        id_fusionado: f,
        id_usuario: usuario.id_usuario,
        antes_superviviente: JSON.stringify(sup),
        antes_fusionado: JSON.stringify(fus),
        movidos: JSON.stringify(movidos),
        conteo_superviviente: JSON.stringify(conteoAntes),
        version_superviviente: version,
        id_auditoria: Number(id_auditoria),
      })
      .returning('id_fusion')
      .executeTakeFirstOrThrow();
    return r.id_fusion;
  });
  return { id_fusion, id_cliente: s };
}

/**
 * Undoes a merge while nothing new was written to either customer since: no later audit row for
 * either, the survivor's version unchanged and every moved row still there and no other new row.
 * Moves exactly the recorded rows back and restores both records as they were.
 */
export async function deshacerFusion(db: Conexion, usuario: Usuario, actor: Actor, idFusion: number) {
  exigirRol(usuario, DESHACER, 'deshacer fusiones');
  return enTransaccion(db, async (trx) => {
    const fusion = await trx
      .selectFrom('fusiones')
      .selectAll()
      .where('id_fusion', '=', idFusion)
      .forUpdate()
      .executeTakeFirst();
    if (!fusion) throw noEncontrado(`La fusión ${idFusion}`);
    if (fusion.deshecha_en) throw new ErrorApp('CONFLICTO', 'Fusión ya deshecha', 'Esta fusión ya se deshizo.');
    const s = fusion.id_superviviente;
    const f = fusion.id_fusionado;
    for (const id of [s, f].sort((x, y) => x - y)) await leerCliente(trx, id, true);
    const sup = (await leerCliente(trx, s, false))!;
    const noSePuede = (detalle: string) =>
      new ErrorApp('CONFLICTO', 'La fusión ya no se puede deshacer', `${detalle} Corrija los datos a mano.`);
    if (sup.version !== fusion.version_superviviente) throw noSePuede(`«${sup.nombre}» se editó después de la fusión.`);
    const posterior = await trx
      .selectFrom('auditoria')
      .select('id_auditoria')
      .where('id_cliente', 'in', [s, f])
      .where('id_auditoria', '>', fusion.id_auditoria)
      .limit(1)
      .executeTakeFirst();
    if (posterior) throw noSePuede('Se registraron cambios en alguno de los dos clientes después de la fusión.');
    const movidos = fusion.movidos as Record<string, number[]>;
    const antesF = fusion.antes_fusionado as FilaCliente;
    const antesS = fusion.antes_superviviente as FilaCliente;
    const conteoAntes = fusion.conteo_superviviente as Record<string, number>;
    const conteo = await contarFilas(trx, s);
    // The survivor's rows must be exactly its own plus the moved ones: nothing added since.
    if (TABLAS_HIJAS.some(([t]) => (conteo[t] ?? 0) !== (conteoAntes[t] ?? 0) + (movidos[t]?.length ?? 0)))
      throw noSePuede('El cliente que se conservó tiene historia nueva desde la fusión.');

    // The merged record first stops pointing at the survivor, or the trigger would send rows back.
    const restaurar = (c: FilaCliente) =>
      Object.fromEntries(CAMPOS_FUSION.flatMap((k) => COLUMNAS[k]).map((col) => [col, c[col] ?? null]));
    await trx
      .updateTable('clientes')
      .set({
        ...(restaurar(antesF) as object),
        archivado: Boolean(antesF.archivado),
        fecha_archivado: (antesF.fecha_archivado as string | null) ?? null,
        id_cliente_fusionado_en: null,
        version: sql`version + 1`,
        actualizado_en: new Date(),
      })
      .where('id_cliente', '=', f)
      .execute();
    for (const [tabla, clave] of TABLAS_HIJAS) {
      const ids = movidos[tabla] ?? [];
      if (ids.length === 0) continue;
      const r = await sql`UPDATE ${sql.table(tabla)} SET id_cliente = ${f}
        WHERE id_cliente = ${s} AND ${sql.ref(clave)} = ANY(${sql.val(ids)}::bigint[])`.execute(trx);
      if (Number(r.numAffectedRows) !== ids.length)
        throw noSePuede(`Faltan registros de ${tabla} movidos por la fusión.`);
    }
    if (movidos.contactos_sin_principal?.length)
      await trx
        .updateTable('contactos_cliente')
        .set({ principal: true })
        .where('id_contacto', 'in', movidos.contactos_sin_principal)
        .execute();
    if (movidos.etiquetas_agregadas?.length)
      await trx
        .deleteFrom('clientes_etiquetas')
        .where('id_cliente', '=', s)
        .where('id_etiqueta', 'in', movidos.etiquetas_agregadas)
        .execute();
    if (movidos.etiquetas_fusionado?.length)
      await trx
        .insertInto('clientes_etiquetas')
        .values(movidos.etiquetas_fusionado.map((id_etiqueta) => ({ id_cliente: f, id_etiqueta })))
        .execute();
    await trx
      .updateTable('clientes')
      .set({ ...(restaurar(antesS) as object), version: sql`version + 1`, actualizado_en: new Date() })
      .where('id_cliente', '=', s)
      .execute();
    await recalcularActividad(trx, undefined, [s, f]);
    await recalcularMetricas(trx, { ids: [s, f] });
    await trx
      .updateTable('fusiones')
      .set({ deshecha_en: new Date(), id_usuario_deshace: usuario.id_usuario })
      .where('id_fusion', '=', idFusion)
      .execute();
    for (const [id, otro] of [
      [s, f],
      [f, s],
    ] as const) {
      await registrarAuditoria(trx, actor, {
        accion: 'deshacer_fusion',
        entidad: 'cliente',
        id_entidad: id,
        id_cliente: id,
        detalle: { id_fusion: idFusion, otro_cliente: otro },
      });
    }
    return { id_superviviente: s, id_fusionado: f };
  });
}

/** The merges a cliente took part in, newest first (the ficha shows them, with undo for admins). */
export async function fusionesDeCliente(db: Conexion, usuario: Usuario, id: number) {
  exigirRol(usuario, TODOS, 'ver fusiones');
  return sql<{
    id_fusion: number;
    id_superviviente: number;
    id_fusionado: number;
    nombre_superviviente: string;
    nombre_fusionado: string;
    fecha: Date;
    deshecha_en: Date | null;
    usuario: string | null;
  }>`
    SELECT x.id_fusion, x.id_superviviente, x.id_fusionado, s.nombre AS nombre_superviviente, f.nombre AS nombre_fusionado,
           x.fecha, x.deshecha_en, u.nombre AS usuario
    FROM fusiones x JOIN clientes s ON s.id_cliente = x.id_superviviente JOIN clientes f ON f.id_cliente = x.id_fusionado
    LEFT JOIN usuarios u ON u.id_usuario = x.id_usuario
    WHERE x.id_superviviente = ${id} OR x.id_fusionado = ${id}
    ORDER BY x.fecha DESC, x.id_fusion DESC`
    .execute(db)
    .then((r) => r.rows);
}
