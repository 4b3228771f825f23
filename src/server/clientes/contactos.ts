import type { Selectable } from 'kysely';
import {
  normalizarContacto,
  type ContactoEdicion,
  type ContactoEntrada,
  type ContactoNormalizado,
} from '../../shared/contactos.ts';
import { diferencias, registrarAuditoria, type Actor } from '../auditoria/auditoria.ts';
import { enTransaccion, type Conexion } from '../db/tipos.ts';
import { ErrorApp, noEncontrado, reglaIncumplida } from '../http/errores.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';
import type { ContactosClienteTable } from './clientes.table.ts';

// Políticas: todos ven a quién llamar (el técnico también); admin y comercial mantienen la lista.
const LEER = TODOS;
const ESCRIBIR = ['admin', 'comercial'] as const;
const MAXIMO_POR_CLIENTE = 30;

/** Fila → forma de la API. */
function contactoApi(f: Selectable<ContactosClienteTable>) {
  return {
    id_contacto: f.id_contacto,
    id_cliente: f.id_cliente,
    nombre: f.nombre,
    cargo: f.cargo,
    telefono: f.telefono,
    email: f.email,
    notas: f.notas,
    principal: f.principal,
  };
}
export type ContactoApi = ReturnType<typeof contactoApi>;

async function exigirClienteEditable(trx: Conexion, id: number): Promise<void> {
  const c = await trx
    .selectFrom('clientes')
    .select(['anonimizado'])
    .where('id_cliente', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!c) throw noEncontrado(`El cliente ${id}`);
  if (c.anonimizado)
    throw new ErrorApp(
      'REGLA',
      'Cliente anonimizado',
      'Los datos de este cliente fueron suprimidos: no se le agregan contactos.',
    );
}

function validar(entrada: ContactoEdicion): ContactoNormalizado {
  const r = normalizarContacto(entrada);
  if (!r.ok) throw reglaIncumplida(r.errores);
  return r.valor;
}

/** Only one principal contact: marking one unmarks the others, in the same transaction. */
async function desmarcarPrincipal(trx: Conexion, idCliente: number, excepto?: number): Promise<void> {
  let q = trx
    .updateTable('contactos_cliente')
    .set({ principal: false })
    .where('id_cliente', '=', idCliente)
    .where('principal', '=', true);
  if (excepto) q = q.where('id_contacto', '<>', excepto);
  await q.execute();
}

/** Contact people of a cliente, the principal one first. */
export async function listarContactos(db: Conexion, usuario: Usuario, idCliente: number) {
  exigirRol(usuario, LEER, 'ver clientes');
  const existe = await db
    .selectFrom('clientes')
    .select('id_cliente')
    .where('id_cliente', '=', idCliente)
    .executeTakeFirst();
  if (!existe) throw noEncontrado(`El cliente ${idCliente}`);
  const filas = await db
    .selectFrom('contactos_cliente')
    .selectAll()
    .where('id_cliente', '=', idCliente)
    .orderBy('principal', 'desc')
    .orderBy('id_contacto')
    .execute();
  return { items: filas.map(contactoApi) };
}

/** Adds a contact person (owner, administrator…) to a cliente; audited. */
export async function agregarContacto(
  db: Conexion,
  usuario: Usuario,
  actor: Actor,
  idCliente: number,
  entrada: ContactoEntrada,
): Promise<ContactoApi> {
  exigirRol(usuario, ESCRIBIR, 'editar clientes');
  const valor = validar(entrada);
  return enTransaccion(db, async (trx) => {
    await exigirClienteEditable(trx, idCliente);
    const { n } = await trx
      .selectFrom('contactos_cliente')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id_cliente', '=', idCliente)
      .executeTakeFirstOrThrow();
    if (Number(n) >= MAXIMO_POR_CLIENTE)
      throw reglaIncumplida([
        { campo: 'nombre', mensaje: `Un cliente tiene a lo más ${MAXIMO_POR_CLIENTE} contactos; elimine alguno.` },
      ]);
    if (valor.principal) await desmarcarPrincipal(trx, idCliente);
    const fila = await trx
      .insertInto('contactos_cliente')
      .values({ ...valor, nombre: valor.nombre!, id_cliente: idCliente })
      .returningAll()
      .executeTakeFirstOrThrow();
    await registrarAuditoria(trx, actor, {
      accion: 'crear',
      entidad: 'contacto_cliente',
      id_entidad: fila.id_contacto,
      id_cliente: idCliente,
      detalle: { datos: valor as Record<string, unknown> },
    });
    return contactoApi(fila);
  });
}

async function leerContacto(trx: Conexion, idCliente: number, idContacto: number) {
  const fila = await trx
    .selectFrom('contactos_cliente')
    .selectAll()
    .where('id_contacto', '=', idContacto)
    .where('id_cliente', '=', idCliente)
    .forUpdate()
    .executeTakeFirst();
  if (!fila) throw noEncontrado(`El contacto ${idContacto} de este cliente`);
  return fila;
}

/** Changes a contact person; the audit keeps what changed. */
export async function editarContacto(
  db: Conexion,
  usuario: Usuario,
  actor: Actor,
  idCliente: number,
  idContacto: number,
  entrada: ContactoEdicion,
): Promise<ContactoApi> {
  exigirRol(usuario, ESCRIBIR, 'editar clientes');
  const valor = validar(entrada);
  return enTransaccion(db, async (trx) => {
    await exigirClienteEditable(trx, idCliente);
    const antes = await leerContacto(trx, idCliente, idContacto);
    const cambios = diferencias(antes, valor as Record<string, unknown>);
    if (Object.keys(cambios).length === 0) return contactoApi(antes);
    if (valor.principal) await desmarcarPrincipal(trx, idCliente, idContacto);
    const fila = await trx
      .updateTable('contactos_cliente')
      .set(valor)
      .where('id_contacto', '=', idContacto)
      .returningAll()
      .executeTakeFirstOrThrow();
    await registrarAuditoria(trx, actor, {
      accion: 'editar',
      entidad: 'contacto_cliente',
      id_entidad: idContacto,
      id_cliente: idCliente,
      detalle: { cambios },
    });
    return contactoApi(fila);
  });
}

/** Removes a contact person (someone who left the company); the audit keeps who it was. */
export async function eliminarContacto(
  db: Conexion,
  usuario: Usuario,
  actor: Actor,
  idCliente: number,
  idContacto: number,
): Promise<void> {
  exigirRol(usuario, ESCRIBIR, 'editar clientes');
  await enTransaccion(db, async (trx) => {
    const antes = await leerContacto(trx, idCliente, idContacto);
    await trx.deleteFrom('contactos_cliente').where('id_contacto', '=', idContacto).execute();
    await registrarAuditoria(trx, actor, {
      accion: 'eliminar',
      entidad: 'contacto_cliente',
      id_entidad: idContacto,
      id_cliente: idCliente,
      detalle: { datos: { nombre: antes.nombre, cargo: antes.cargo } },
    });
  });
}
