import { sql } from 'kysely';
import {
  nombreComparable,
  normalizarCliente,
  type ClienteEdicion,
  type ClienteEntrada,
  type ClienteNormalizado,
} from '../../shared/clientes.ts';
import { formatearRut } from '../../shared/rut.ts';
import type { FiltrosClientes } from '../../shared/listas.ts';
import { diferencias, registrarAuditoria, type Actor } from '../auditoria/auditoria.ts';
import { enTransaccion, type Conexion } from '../db/tipos.ts';
import { ErrorApp, noEncontrado, reglaIncumplida } from '../http/errores.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';
import {
  buscarClientes as consultarClientes,
  buscarNombresParecidos,
  obtenerFilaCliente,
  type FilaCliente,
  type FilaResumenCliente,
} from './clientes.consultas.ts';

// Políticas del módulo: quién puede qué (STYLE.md 9).
const LEER = TODOS;
const ESCRIBIR = ['admin', 'comercial'] as const;

const CAMPOS_PERSONALES = [
  'nombre',
  'rut',
  'tipo_persona',
  'direccion',
  'comuna',
  'region',
  'codigo_comuna',
  'telefono',
  'email',
  'fecha_nacimiento',
  'fecha_aniversario',
  'id_responsable',
  'notas',
  'canal_preferido',
  'horario_contacto',
  'notas_idioma',
] as const;

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

/** Fila → forma de la API (STYLE.md 6). */
export function clienteApi(fila: FilaCliente) {
  return {
    id_cliente: fila.id_cliente,
    nombre: fila.nombre,
    rut: fila.rut,
    rut_formateado: formatearRut(fila.rut),
    tipo_persona: fila.tipo_persona,
    direccion: fila.direccion,
    comuna: fila.comuna,
    region: fila.region,
    codigo_comuna: fila.codigo_comuna,
    telefono: fila.telefono,
    email: fila.email,
    fecha_registro: iso(fila.fecha_registro)!,
    ultimo_contacto: iso(fila.ultimo_contacto),
    activo: fila.activo,
    fecha_nacimiento: fila.fecha_nacimiento,
    fecha_aniversario: fila.fecha_aniversario,
    id_responsable: fila.id_responsable,
    responsable: fila.responsable,
    notas: fila.notas,
    canal_preferido: fila.canal_preferido,
    horario_contacto: fila.horario_contacto,
    notas_idioma: fila.notas_idioma,
    datos_confirmados_en: iso(fila.datos_confirmados_en),
    archivado: fila.archivado,
    /** Set when this record was merged into another: old links lead there. */
    id_cliente_fusionado_en: fila.id_cliente_fusionado_en,
    bloqueado: fila.bloqueado,
    anonimizado: fila.anonimizado,
    etiquetas: fila.etiquetas,
    version: fila.version,
  };
}
export type ClienteApi = ReturnType<typeof clienteApi>;

export function resumenApi(fila: FilaResumenCliente) {
  return {
    id_cliente: fila.id_cliente,
    nombre: fila.nombre,
    rut: fila.rut,
    rut_formateado: formatearRut(fila.rut),
    comuna: fila.comuna,
    region: fila.region,
    telefono: fila.telefono,
    email: fila.email,
    ultimo_contacto: iso(fila.ultimo_contacto),
    activo: fila.activo,
    archivado: fila.archivado,
    fecha_registro: iso(fila.fecha_registro)!,
    cantidad_equipos: Number(fila.cantidad_equipos ?? 0),
  };
}

export async function listarClientes(db: Conexion, usuario: Usuario, filtros: FiltrosClientes) {
  exigirRol(usuario, LEER, 'ver clientes');
  const { total, filas } = await consultarClientes(db, filtros);
  return { total, limit: filtros.limit, offset: filtros.offset, items: filas.map(resumenApi) };
}

export async function obtenerCliente(db: Conexion, usuario: Usuario, id: number): Promise<ClienteApi> {
  exigirRol(usuario, LEER, 'ver clientes');
  const fila = await obtenerFilaCliente(db, id);
  if (!fila) throw noEncontrado(`El cliente ${id}`);
  return clienteApi(fila);
}

/** Posibles duplicados por nombre (advertencia, no bloquea: lo único único es el RUT). */
export async function clientesParecidos(db: Conexion, usuario: Usuario, nombre: string, excluir?: number) {
  exigirRol(usuario, LEER, 'ver clientes');
  const filas = await buscarNombresParecidos(db, nombreComparable(nombre), excluir);
  return filas
    .filter((f) => f.parecido >= 0.7)
    .map((f) => ({ ...f, rut_formateado: formatearRut(f.rut), parecido: Math.round(f.parecido * 100) / 100 }));
}

async function exigirRutLibre(db: Conexion, rut: string, excluir?: number): Promise<void> {
  let consulta = db
    .selectFrom('clientes')
    .select(['id_cliente', 'nombre', 'id_cliente_fusionado_en'])
    .where('rut', '=', rut);
  if (excluir) consulta = consulta.where('id_cliente', '<>', excluir);
  const otro = await consulta.executeTakeFirst();
  if (otro) throw rutDuplicado(rut, otro);
}

/** A merged record is read-only: its history and its edits belong to the survivor. */
function fusionado(idSuperviviente: number): ErrorApp {
  return new ErrorApp(
    'CONFLICTO',
    'Cliente fusionado',
    `Este cliente se fusionó con el cliente ${idSuperviviente}: sus datos e historia están allí.`,
    { extra: { id_cliente_fusionado_en: idSuperviviente } },
  );
}

function rutDuplicado(rut: string, otro: { id_cliente: number; nombre: string }): ErrorApp {
  return new ErrorApp(
    'CONFLICTO',
    'Ya existe un cliente con ese RUT',
    `El RUT ${formatearRut(rut)} ya pertenece a «${otro.nombre}» (cliente ${otro.id_cliente}).`,
    {
      errores: [{ campo: 'rut', mensaje: `El RUT ya pertenece a «${otro.nombre}».` }],
      extra: { cliente_existente: { id_cliente: otro.id_cliente, nombre: otro.nombre } },
    },
  );
}

async function exigirResponsable(db: Conexion, id: number | null | undefined): Promise<void> {
  if (id == null) return;
  const u = await db
    .selectFrom('usuarios')
    .select('id_usuario')
    .where('id_usuario', '=', id)
    .where('activo', '=', true)
    .executeTakeFirst();
  if (!u) throw reglaIncumplida([{ campo: 'id_responsable', mensaje: `El usuario ${id} no existe o está inactivo.` }]);
}

async function fijarEtiquetas(trx: Conexion, idCliente: number, etiquetas: number[]): Promise<void> {
  const unicas = [...new Set(etiquetas)];
  if (unicas.length > 0) {
    const existentes = await trx
      .selectFrom('etiquetas')
      .select('id_etiqueta')
      .where('id_etiqueta', 'in', unicas)
      .execute();
    const faltan = unicas.filter((id) => !existentes.some((e) => e.id_etiqueta === id));
    if (faltan.length > 0)
      throw reglaIncumplida([{ campo: 'etiquetas', mensaje: `No existen las etiquetas ${faltan.join(', ')}.` }]);
  }
  await trx.deleteFrom('clientes_etiquetas').where('id_cliente', '=', idCliente).execute();
  if (unicas.length > 0) {
    await trx
      .insertInto('clientes_etiquetas')
      .values(unicas.map((id_etiqueta) => ({ id_cliente: idCliente, id_etiqueta })))
      .execute();
  }
}

function validar(entrada: Partial<ClienteEntrada>): ClienteNormalizado {
  const r = normalizarCliente(entrada);
  if (!r.ok) throw reglaIncumplida(r.errores);
  return r.valor;
}

/** Registra un cliente nuevo: reglas de DOMAIN.md, RUT único (409) y auditoría en la misma transacción. */
export async function registrarCliente(db: Conexion, usuario: Usuario, actor: Actor, entrada: ClienteEntrada) {
  exigirRol(usuario, ESCRIBIR, 'registrar clientes');
  const valor = validar(entrada);
  const id = await enTransaccion(db, async (trx) => {
    await exigirRutLibre(trx, valor.rut!);
    await exigirResponsable(trx, valor.id_responsable);
    const creado = await trx
      .insertInto('clientes')
      .values({
        ...valor,
        nombre: valor.nombre!,
        rut: valor.rut!,
        id_responsable: valor.id_responsable ?? usuario.id_usuario,
      })
      .returning('id_cliente')
      .executeTakeFirstOrThrow()
      .catch((e: unknown) => {
        if ((e as { code?: string }).code === '23505')
          throw rutDuplicado(valor.rut!, { id_cliente: 0, nombre: 'otro cliente' });
        throw e;
      });
    if (entrada.etiquetas) await fijarEtiquetas(trx, creado.id_cliente, entrada.etiquetas);
    await trx.insertInto('metricas_clientes').values({ id_cliente: creado.id_cliente }).execute();
    await registrarAuditoria(trx, actor, {
      accion: 'crear',
      entidad: 'cliente',
      id_entidad: creado.id_cliente,
      id_cliente: creado.id_cliente,
      detalle: { datos: valor as Record<string, unknown> },
    });
    return creado.id_cliente;
  });
  const cliente = await obtenerCliente(db, usuario, id);
  const parecidos = await clientesParecidos(db, usuario, cliente.nombre, id);
  return { cliente, posibles_duplicados: parecidos };
}

/**
 * Locks the cliente's row for a change made on the version the user read: 404 if it does not exist,
 * 422 if its data were erased, 409 if someone changed it since.
 */
export async function bloquearParaEditar(trx: Conexion, id: number, version: number) {
  const actual = await trx
    .selectFrom('clientes')
    .selectAll()
    .where('id_cliente', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!actual) throw noEncontrado(`El cliente ${id}`);
  if (actual.anonimizado)
    throw new ErrorApp(
      'REGLA',
      'Cliente anonimizado',
      'Los datos de este cliente fueron suprimidos y no se pueden editar.',
    );
  if (actual.id_cliente_fusionado_en) throw fusionado(actual.id_cliente_fusionado_en);
  if (actual.version !== version) {
    throw new ErrorApp(
      'CONFLICTO',
      'Otra persona modificó este cliente',
      'El cliente cambió desde que lo abrió. Recargue la ficha para ver los datos actuales y vuelva a aplicar su cambio.',
      { extra: { version_actual: actual.version } },
    );
  }
  return actual;
}

/** Edita datos de contacto y preferencias; la versión evita pisar un cambio ajeno (409). */
export async function editarCliente(db: Conexion, usuario: Usuario, actor: Actor, id: number, entrada: ClienteEdicion) {
  exigirRol(usuario, ESCRIBIR, 'editar clientes');
  const { version, etiquetas, ...cambios } = entrada;
  const valor = validar(cambios);
  await enTransaccion(db, async (trx) => {
    const actual = await bloquearParaEditar(trx, id, version);
    if (valor.rut && valor.rut !== actual.rut) await exigirRutLibre(trx, valor.rut, id);
    if (valor.id_responsable !== undefined) await exigirResponsable(trx, valor.id_responsable);
    const antes = Object.fromEntries(CAMPOS_PERSONALES.map((c) => [c, actual[c]]));
    const cambio = diferencias(antes, valor as Record<string, unknown>);
    const etiquetasAntes = etiquetas
      ? (await trx.selectFrom('clientes_etiquetas').select('id_etiqueta').where('id_cliente', '=', id).execute())
          .map((e) => e.id_etiqueta)
          .sort()
      : undefined;
    if (etiquetas) {
      await fijarEtiquetas(trx, id, etiquetas);
      const despues = [...new Set(etiquetas)].sort();
      if (JSON.stringify(etiquetasAntes) !== JSON.stringify(despues)) cambio.etiquetas = [etiquetasAntes, despues];
    }
    await trx
      .updateTable('clientes')
      .set({ ...valor, version: sql`version + 1`, actualizado_en: new Date() })
      .where('id_cliente', '=', id)
      .execute();
    await registrarAuditoria(trx, actor, {
      accion: 'editar',
      entidad: 'cliente',
      id_entidad: id,
      id_cliente: id,
      detalle: { cambios: cambio },
    });
  });
  return obtenerCliente(db, usuario, id);
}

/** Archivar oculta al cliente de las listas; nada se borra (DOMAIN.md). */
export async function archivarCliente(db: Conexion, usuario: Usuario, actor: Actor, id: number, archivar: boolean) {
  exigirRol(usuario, ESCRIBIR, archivar ? 'archivar clientes' : 'restaurar clientes');
  await enTransaccion(db, async (trx) => {
    const previo = await trx
      .selectFrom('clientes')
      .select('id_cliente_fusionado_en')
      .where('id_cliente', '=', id)
      .executeTakeFirst();
    if (previo?.id_cliente_fusionado_en) throw fusionado(previo.id_cliente_fusionado_en);
    const r = await trx
      .updateTable('clientes')
      .set({
        archivado: archivar,
        fecha_archivado: archivar ? new Date() : null,
        version: sql`version + 1`,
        actualizado_en: new Date(),
      })
      .where('id_cliente', '=', id)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw noEncontrado(`El cliente ${id}`);
    await registrarAuditoria(trx, actor, {
      accion: archivar ? 'archivar' : 'restaurar',
      entidad: 'cliente',
      id_entidad: id,
      id_cliente: id,
    });
  });
  return obtenerCliente(db, usuario, id);
}
