import crypto from 'node:crypto';
import argon2 from 'argon2';
import { sql } from 'kysely';
import { ErrorApp } from '../http/errores.ts';
import { enTransaccion, type Conexion } from '../db/tipos.ts';
import type { Rol } from './usuarios.table.ts';

/** The signed-in user as every use case sees it. */
export interface Usuario {
  id_usuario: number;
  email: string;
  nombre: string;
  rol: Rol;
}

const VENTANA_MINUTOS = 15;
const MAX_FALLOS_EMAIL = 5;
const MAX_FALLOS_IP = 30;

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** A password policy a workshop can live with: 10+ characters, not only letters or only digits. */
export function validarPassword(password: string): string | null {
  if (password.length < 10) return 'La contraseña debe tener al menos 10 caracteres.';
  if (/^[a-zA-Z]+$/.test(password) || /^\d+$/.test(password)) {
    return 'La contraseña debe combinar letras con números o símbolos.';
  }
  return null;
}

export async function crearUsuario(
  db: Conexion,
  datos: { email: string; nombre: string; rol: Rol; password: string },
): Promise<Usuario> {
  const problema = validarPassword(datos.password);
  if (problema)
    throw new ErrorApp('REGLA', 'Contraseña débil', problema, { errores: [{ campo: 'password', mensaje: problema }] });
  const email = datos.email.trim().toLowerCase();
  const existe = await db.selectFrom('usuarios').select('id_usuario').where('email', '=', email).executeTakeFirst();
  if (existe) {
    throw new ErrorApp('CONFLICTO', 'Ya existe un usuario con ese correo', `El correo ${email} ya está registrado.`, {
      errores: [{ campo: 'email', mensaje: 'Ya existe un usuario con ese correo.' }],
    });
  }
  return db
    .insertInto('usuarios')
    .values({ email, nombre: datos.nombre.trim(), rol: datos.rol, password_hash: await hashPassword(datos.password) })
    .returning(['id_usuario', 'email', 'nombre', 'rol'])
    .executeTakeFirstOrThrow();
}

/**
 * Creates the first admin when there is no user yet: from the environment when given, else
 * `admin@rancho.local` with a random password that is returned once (to print) and kept nowhere.
 */
export async function asegurarAdministrador(
  db: Conexion,
  email: string | null,
  password: string | null,
): Promise<{ email: string; password: string | null } | null> {
  // Two instances starting together on an empty database: the lock lets one create it, the other sees it.
  return enTransaccion(db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('rancho:primer_administrador'))`.execute(trx);
    const hay = await trx.selectFrom('usuarios').select('id_usuario').limit(1).executeTakeFirst();
    if (hay) return null;
    const generada = password ? null : `${crypto.randomBytes(9).toString('base64url')}-1`;
    const cuenta = { email: email ?? 'admin@rancho.local', password: password ?? generada! };
    await crearUsuario(trx, { ...cuenta, nombre: 'Administrador', rol: 'admin' });
    return { email: cuenta.email, password: generada };
  });
}

/**
 * Signs in: throttled per email and per address (failed attempts in the last 15 minutes are kept
 * in the database, so every instance sees them), then a new session replaces nothing the caller had.
 */
export async function iniciarSesion(
  db: Conexion,
  datos: { email: string; password: string; ip: string | null; userAgent: string | null; horas: number },
): Promise<{ token: string; usuario: Usuario; expira_en: Date }> {
  const email = datos.email.trim().toLowerCase();
  const desde = new Date(Date.now() - VENTANA_MINUTOS * 60_000);
  const fallos = await db
    .selectFrom('intentos_login')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('email', '=', email).as('por_email'),
      eb.fn
        .countAll<number>()
        .filterWhere('ip', '=', datos.ip ?? '')
        .as('por_ip'),
    ])
    .where('fecha', '>', desde)
    .where('exitoso', '=', false)
    .where((eb) => eb.or([eb('email', '=', email), eb('ip', '=', datos.ip ?? '')]))
    .executeTakeFirstOrThrow();
  if (Number(fallos.por_email) >= MAX_FALLOS_EMAIL || Number(fallos.por_ip) >= MAX_FALLOS_IP) {
    throw new ErrorApp(
      'DEMASIADOS_INTENTOS',
      'Demasiados intentos fallidos',
      `Por seguridad, espere ${VENTANA_MINUTOS} minutos antes de volver a intentar con este correo.`,
    );
  }
  const fila = await db
    .selectFrom('usuarios')
    .select(['id_usuario', 'email', 'nombre', 'rol', 'password_hash', 'activo'])
    .where('email', '=', email)
    .executeTakeFirst();
  // Verify against a dummy hash when the user does not exist, so timing does not reveal it.
  const hash = fila?.password_hash ?? (await hashFicticio());
  const valida = await argon2.verify(hash, datos.password).catch(() => false);
  const exitoso = Boolean(fila && fila.activo && valida);
  await db.insertInto('intentos_login').values({ email, ip: datos.ip, exitoso }).execute();
  if (!exitoso || !fila) {
    throw new ErrorApp(
      'NO_AUTENTICADO',
      'Correo o contraseña incorrectos',
      'Revise el correo y la contraseña e intente de nuevo.',
    );
  }
  const token = crypto.randomBytes(32).toString('base64url');
  const expira_en = new Date(Date.now() + datos.horas * 3_600_000);
  await db
    .insertInto('sesiones')
    .values({
      id_sesion: hashToken(token),
      id_usuario: fila.id_usuario,
      expira_en,
      ip: datos.ip,
      user_agent: datos.userAgent,
    })
    .execute();
  const { password_hash: _h, activo: _a, ...usuario } = fila;
  return { token, usuario, expira_en };
}

let ficticio: Promise<string> | undefined;
function hashFicticio(): Promise<string> {
  ficticio ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  return ficticio;
}

/** The user behind a session token, or null when missing, unknown or expired. */
export async function usuarioDeSesion(db: Conexion, token: string | undefined): Promise<Usuario | null> {
  if (!token) return null;
  const fila = await db
    .selectFrom('sesiones')
    .innerJoin('usuarios', 'usuarios.id_usuario', 'sesiones.id_usuario')
    .select(['usuarios.id_usuario', 'usuarios.email', 'usuarios.nombre', 'usuarios.rol'])
    .where('sesiones.id_sesion', '=', hashToken(token))
    .where('sesiones.expira_en', '>', new Date())
    .where('usuarios.activo', '=', true)
    .executeTakeFirst();
  return fila ?? null;
}

export async function cerrarSesion(db: Conexion, token: string | undefined): Promise<void> {
  if (token) await db.deleteFrom('sesiones').where('id_sesion', '=', hashToken(token)).execute();
}

export async function listarUsuarios(db: Conexion): Promise<Usuario[]> {
  return db
    .selectFrom('usuarios')
    .select(['id_usuario', 'email', 'nombre', 'rol'])
    .where('activo', '=', true)
    .orderBy('nombre')
    .execute();
}
