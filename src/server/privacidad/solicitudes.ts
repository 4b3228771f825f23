import { sql } from 'kysely';
import { hoyEnSantiago } from '../../shared/formato.ts';
import {
  diasEntre,
  plazoSolicitud,
  type CierreSolicitud,
  type EstadoSolicitud,
  type SolicitudEntrada,
  type TipoSolicitud,
} from '../../shared/privacidad.ts';
import { formatearRut } from '../../shared/rut.ts';
import { registrarAuditoria, type Actor } from '../auditoria/auditoria.ts';
import { enTransaccion, type Conexion } from '../db/tipos.ts';
import { ErrorApp, noEncontrado, reglaIncumplida } from '../http/errores.ts';
import { exigirRol } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';
import { ADMIN } from './politicas.ts';

interface FilaSolicitud {
  id_solicitud: number;
  id_cliente: number;
  cliente: string;
  rut: string;
  tipo: TipoSolicitud;
  estado: EstadoSolicitud;
  recibida_en: string;
  plazo: string;
  cerrada_en: Date | string | null;
  notas: string | null;
  respuesta: string | null;
  registrada_por: string | null;
  cerrada_por: string | null;
}

/** Fila → API: días que quedan del plazo legal (negativos si venció) y si está vencida. */
function solicitudApi(f: FilaSolicitud, hoy: string) {
  const dias = diasEntre(hoy, f.plazo);
  return {
    id_solicitud: f.id_solicitud,
    id_cliente: f.id_cliente,
    cliente: f.cliente,
    rut_formateado: formatearRut(f.rut),
    tipo: f.tipo,
    estado: f.estado,
    recibida_en: f.recibida_en,
    plazo: f.plazo,
    dias_restantes: f.estado === 'abierta' ? dias : null,
    vencida: f.estado === 'abierta' && dias < 0,
    cerrada_en: f.cerrada_en == null ? null : new Date(f.cerrada_en).toISOString(),
    notas: f.notas,
    respuesta: f.respuesta,
    registrada_por: f.registrada_por,
    cerrada_por: f.cerrada_por,
  };
}

function consultaSolicitudes(db: Conexion) {
  return db
    .selectFrom('solicitudes_titular as s')
    .innerJoin('clientes as c', 'c.id_cliente', 's.id_cliente')
    .leftJoin('usuarios as u', 'u.id_usuario', 's.id_usuario')
    .leftJoin('usuarios as uc', 'uc.id_usuario', 's.id_usuario_cierre')
    .select([
      's.id_solicitud',
      's.id_cliente',
      'c.nombre as cliente',
      'c.rut',
      's.tipo',
      's.estado',
      's.recibida_en',
      's.plazo',
      's.cerrada_en',
      's.notas',
      's.respuesta',
      'u.nombre as registrada_por',
      'uc.nombre as cerrada_por',
    ]);
}

/** Solicitudes del titular: por defecto las abiertas, la de plazo más próximo primero. */
export async function listarSolicitudes(
  db: Conexion,
  usuario: Usuario,
  f: { estado: EstadoSolicitud | 'todas'; id_cliente?: number; limit: number; offset: number },
  hoy: string = hoyEnSantiago(),
) {
  exigirRol(usuario, ADMIN, 'ver las solicitudes del titular');
  let base = db.selectFrom('solicitudes_titular as s');
  if (f.estado !== 'todas') base = base.where('s.estado', '=', f.estado);
  if (f.id_cliente) base = base.where('s.id_cliente', '=', f.id_cliente);
  let consulta = consultaSolicitudes(db);
  if (f.estado !== 'todas') consulta = consulta.where('s.estado', '=', f.estado);
  if (f.id_cliente) consulta = consulta.where('s.id_cliente', '=', f.id_cliente);
  const [filas, total, vencidas] = await Promise.all([
    consulta
      .orderBy(sql`s.estado = 'abierta'`, 'desc')
      .orderBy('s.plazo')
      .orderBy('s.id_solicitud')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('solicitudes_titular')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('estado', '=', 'abierta')
      .where('plazo', '<', hoy)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    vencidas: Number(vencidas.n),
    limit: f.limit,
    offset: f.offset,
    items: (filas as FilaSolicitud[]).map((x) => solicitudApi(x, hoy)),
  };
}

async function leerSolicitud(db: Conexion, id: number, hoy: string) {
  const fila = await consultaSolicitudes(db).where('s.id_solicitud', '=', id).executeTakeFirst();
  if (!fila) throw noEncontrado(`La solicitud ${id}`);
  return solicitudApi(fila as FilaSolicitud, hoy);
}

/** Registra una solicitud del titular: el plazo legal es la fecha de recepción + 30 días corridos. */
export async function registrarSolicitud(
  db: Conexion,
  usuario: Usuario,
  actor: Actor,
  entrada: SolicitudEntrada,
  hoy: string = hoyEnSantiago(),
) {
  exigirRol(usuario, ADMIN, 'registrar solicitudes del titular');
  const recibida = entrada.recibida_en ?? hoy;
  if (recibida > hoy)
    throw reglaIncumplida([{ campo: 'recibida_en', mensaje: 'La fecha de recepción no puede ser futura.' }]);
  const id = await enTransaccion(db, async (trx) => {
    const cliente = await trx
      .selectFrom('clientes')
      .select('id_cliente')
      .where('id_cliente', '=', entrada.id_cliente)
      .executeTakeFirst();
    if (!cliente)
      throw reglaIncumplida([{ campo: 'id_cliente', mensaje: `El cliente ${entrada.id_cliente} no existe.` }]);
    const { id_solicitud } = await trx
      .insertInto('solicitudes_titular')
      .values({
        id_cliente: entrada.id_cliente,
        tipo: entrada.tipo,
        recibida_en: recibida,
        plazo: plazoSolicitud(recibida),
        notas: entrada.notas || null,
        id_usuario: usuario.id_usuario,
      })
      .returning('id_solicitud')
      .executeTakeFirstOrThrow();
    await registrarAuditoria(trx, actor, {
      accion: 'crear',
      entidad: 'solicitud_titular',
      id_entidad: id_solicitud,
      id_cliente: entrada.id_cliente,
      detalle: { tipo: entrada.tipo, recibida_en: recibida, plazo: plazoSolicitud(recibida) },
    });
    return id_solicitud;
  });
  return leerSolicitud(db, id, hoy);
}

/**
 * Cierra una solicitud abierta (cumplida o rechazada) dentro de la transacción que la cumplió;
 * `idCliente`, si viene, debe ser el de la solicitud.
 */
export async function cerrarSolicitudEn(
  trx: Conexion,
  usuario: Usuario,
  actor: Actor,
  id: number,
  cierre: CierreSolicitud,
  idCliente?: number,
): Promise<void> {
  const actual = await trx
    .selectFrom('solicitudes_titular')
    .select(['id_cliente', 'estado', 'tipo'])
    .where('id_solicitud', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!actual) throw noEncontrado(`La solicitud ${id}`);
  if (idCliente !== undefined && actual.id_cliente !== idCliente)
    throw reglaIncumplida([{ campo: 'id_solicitud', mensaje: 'La solicitud es de otro cliente.' }]);
  if (actual.estado !== 'abierta')
    throw new ErrorApp(
      'CONFLICTO',
      'La solicitud ya está cerrada',
      `La solicitud ${id} ya figura como ${actual.estado}.`,
    );
  await trx
    .updateTable('solicitudes_titular')
    .set({
      estado: cierre.estado,
      cerrada_en: new Date(),
      respuesta: cierre.respuesta || null,
      id_usuario_cierre: usuario.id_usuario,
    })
    .where('id_solicitud', '=', id)
    .execute();
  await registrarAuditoria(trx, actor, {
    accion: cierre.estado === 'cumplida' ? 'cumplir' : 'rechazar',
    entidad: 'solicitud_titular',
    id_entidad: id,
    id_cliente: actual.id_cliente,
    detalle: { tipo: actual.tipo },
  });
}

/** Marca una solicitud como cumplida o rechazada (sale de la lista de abiertas). */
export async function cerrarSolicitud(
  db: Conexion,
  usuario: Usuario,
  actor: Actor,
  id: number,
  cierre: CierreSolicitud,
  hoy: string = hoyEnSantiago(),
) {
  exigirRol(usuario, ADMIN, 'cerrar solicitudes del titular');
  await enTransaccion(db, (trx) => cerrarSolicitudEn(trx, usuario, actor, id, cierre));
  return leerSolicitud(db, id, hoy);
}
