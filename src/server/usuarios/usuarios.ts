import crypto from 'node:crypto';
import argon2 from 'argon2';
import { sql } from 'kysely';
import { registrarAuditoria, type Actor } from '../auditoria/auditoria.ts';
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

const LARGO_MINIMO = 12;

// The passwords that lead every leaked-password list, in English and Spanish, at 12+ characters
// (shorter ones already fail the length rule), plus the obvious ones for this product.
const COMUNES = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789123',
  '111111111111',
  '000000000000',
  '123123123123',
  'qwertyuiopas',
  'qwerty123456',
  '1q2w3e4r5t6y',
  'qwertyuiop123',
  'asdfghjklñ12',
  'password1234',
  'password123456',
  'passwordpassword',
  'contraseña123',
  'contraseña1234',
  'contrasena123',
  'contrasena1234',
  'contraseñasegura',
  'micontraseña1',
  'iloveyou1234',
  'teamo123456789',
  'administrador',
  'administrador1',
  'administrador123',
  'admin1234567',
  'adminadmin123',
  'bienvenido123',
  'bienvenido2024',
  'bienvenido2025',
  'bienvenido2026',
  'ranchoclientes',
  'ranchoclientes1',
  'rancho123456',
  'rancho2025rancho',
  'tractor12345',
  'cosechadora1',
  'johndeere1234',
  'chile1234567',
  'santiago1234',
  'colocolo1234',
]);

/**
 * Password policy (NIST 800-63B style, no composition rules): 12+ characters, not the user's own
 * email, not one of the commonest passwords, not a single repeated character. Spanish message or null.
 */
export function validarPassword(password: string, email = ''): string | null {
  if ([...password].length < LARGO_MINIMO) {
    return `La contraseña debe tener al menos ${LARGO_MINIMO} caracteres; una frase de varias palabras sirve.`;
  }
  const normal = password.trim().toLowerCase();
  const correo = email.trim().toLowerCase();
  if (correo && (normal === correo || normal === correo.split('@')[0])) {
    return 'La contraseña no puede ser su correo. Elija otra.';
  }
  if (COMUNES.has(normal) || /^(.)\1+$/u.test(normal)) {
    return 'Esa contraseña es de las más usadas y se adivina fácil. Elija otra.';
  }
  return null;
}

function exigirPasswordValida(password: string, email: string, campo = 'password'): void {
  const problema = validarPassword(password, email);
  if (problema) throw new ErrorApp('REGLA', 'Contraseña débil', problema, { errores: [{ campo, mensaje: problema }] });
}

export async function crearUsuario(
  db: Conexion,
  datos: { email: string; nombre: string; rol: Rol; password: string },
): Promise<Usuario> {
  const email = datos.email.trim().toLowerCase();
  exigirPasswordValida(datos.password, email);
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
  await exigirSinBloqueo(db, email, datos.ip);
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
  const { password_hash: _h, activo: _a, ...usuario } = fila;
  return { ...(await abrirSesion(db, usuario.id_usuario, datos)), usuario };
}

async function abrirSesion(
  db: Conexion,
  idUsuario: number,
  datos: { ip: string | null; userAgent: string | null; horas: number },
): Promise<{ token: string; expira_en: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expira_en = new Date(Date.now() + datos.horas * 3_600_000);
  await db
    .insertInto('sesiones')
    .values({
      id_sesion: hashToken(token),
      id_usuario: idUsuario,
      expira_en,
      ip: datos.ip,
      user_agent: datos.userAgent,
    })
    .execute();
  return { token, expira_en };
}

const HORA_SANTIAGO = new Intl.DateTimeFormat('es-CL', {
  timeZone: 'America/Santiago',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * 429 while the email (5) or the address (30) has too many failures in the window, saying when
 * to retry: the moment the oldest failure that still counts leaves the window. Blocked attempts
 * are not recorded, so waiting is enough (an attacker cannot extend the lockout of a blocked email).
 */
async function exigirSinBloqueo(db: Conexion, email: string, ip: string | null): Promise<void> {
  const desde = new Date(Date.now() - VENTANA_MINUTOS * 60_000);
  const fallos = await db
    .selectFrom('intentos_login')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('email', '=', email).as('por_email'),
      eb.fn
        .countAll<number>()
        .filterWhere('ip', '=', ip ?? '')
        .as('por_ip'),
    ])
    .where('fecha', '>', desde)
    .where('exitoso', '=', false)
    .where((eb) => eb.or([eb('email', '=', email), eb('ip', '=', ip ?? '')]))
    .executeTakeFirstOrThrow();
  const porEmail = Number(fallos.por_email) >= MAX_FALLOS_EMAIL;
  if (!porEmail && Number(fallos.por_ip) < MAX_FALLOS_IP) return;
  const limite = porEmail ? MAX_FALLOS_EMAIL : MAX_FALLOS_IP;
  const decisivo = await db
    .selectFrom('intentos_login')
    .select('fecha')
    .where('fecha', '>', desde)
    .where('exitoso', '=', false)
    .where(porEmail ? 'email' : 'ip', '=', porEmail ? email : (ip ?? ''))
    .orderBy('fecha', 'desc')
    .offset(limite - 1)
    .limit(1)
    .executeTakeFirst();
  const libre = new Date((decisivo ? new Date(decisivo.fecha).getTime() : Date.now()) + VENTANA_MINUTOS * 60_000);
  const segundos = Math.max(1, Math.ceil((libre.getTime() - Date.now()) / 1000));
  const minutos = Math.ceil(segundos / 60);
  // The clock time is rounded up: "a las 21:45" must not be a minute too early.
  const hora = HORA_SANTIAGO.format(new Date(Math.ceil(libre.getTime() / 60_000) * 60_000));
  const espera = `espere ${minutos} ${minutos === 1 ? 'minuto' : 'minutos'} (podrá intentar de nuevo a las ${hora})`;
  throw new ErrorApp(
    'DEMASIADOS_INTENTOS',
    'Demasiados intentos fallidos',
    porEmail
      ? `Por seguridad, este correo quedó bloqueado tras ${MAX_FALLOS_EMAIL} intentos fallidos: ${espera}. Si olvidó la contraseña, avise a un administrador.`
      : `Por seguridad, esta conexión quedó bloqueada tras ${MAX_FALLOS_IP} intentos fallidos: ${espera}.`,
    { extra: { reintentar_en: libre.toISOString(), reintentar_en_segundos: segundos } },
  );
}

/**
 * Changes one's own password: the current one must be right (a wrong one counts as a failed
 * sign-in, so the throttle covers it), the new one must pass the policy, and every other session
 * of the user ends; the caller gets a fresh session (rotation).
 */
export async function cambiarPassword(
  db: Conexion,
  usuario: Usuario,
  actor: Actor,
  datos: { actual: string; nueva: string; ip: string | null; userAgent: string | null; horas: number },
): Promise<{ token: string; expira_en: Date }> {
  await exigirSinBloqueo(db, usuario.email, datos.ip);
  const fila = await db
    .selectFrom('usuarios')
    .select('password_hash')
    .where('id_usuario', '=', usuario.id_usuario)
    .executeTakeFirstOrThrow();
  if (!(await argon2.verify(fila.password_hash, datos.actual).catch(() => false))) {
    await db.insertInto('intentos_login').values({ email: usuario.email, ip: datos.ip, exitoso: false }).execute();
    throw new ErrorApp(
      'REGLA',
      'La contraseña actual no es correcta',
      'Revise la contraseña actual e intente de nuevo.',
      {
        errores: [{ campo: 'actual', mensaje: 'La contraseña actual no es correcta.' }],
      },
    );
  }
  exigirPasswordValida(datos.nueva, usuario.email, 'nueva');
  if (datos.nueva === datos.actual) {
    const mensaje = 'La contraseña nueva debe ser distinta de la actual.';
    throw new ErrorApp('REGLA', 'Contraseña repetida', mensaje, { errores: [{ campo: 'nueva', mensaje }] });
  }
  const password_hash = await hashPassword(datos.nueva);
  return enTransaccion(db, async (tx) => {
    await tx.updateTable('usuarios').set({ password_hash }).where('id_usuario', '=', usuario.id_usuario).execute();
    const { numDeletedRows } = await tx
      .deleteFrom('sesiones')
      .where('id_usuario', '=', usuario.id_usuario)
      .executeTakeFirst();
    await registrarAuditoria(tx, actor, {
      accion: 'cambiar_password',
      entidad: 'usuario',
      id_entidad: usuario.id_usuario,
      detalle: { sesiones_cerradas: Number(numDeletedRows) },
    });
    return abrirSesion(tx, usuario.id_usuario, datos);
  });
}

let ficticio: Promise<string> | undefined;
function hashFicticio(): Promise<string> {
  ficticio ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  return ficticio;
}

/** The user behind a session token and when the session ends, or null when missing, unknown or expired. */
export async function sesionVigente(
  db: Conexion,
  token: string | undefined,
): Promise<{ usuario: Usuario; expira_en: Date } | null> {
  if (!token) return null;
  const fila = await db
    .selectFrom('sesiones')
    .innerJoin('usuarios', 'usuarios.id_usuario', 'sesiones.id_usuario')
    .select(['usuarios.id_usuario', 'usuarios.email', 'usuarios.nombre', 'usuarios.rol', 'sesiones.expira_en'])
    .where('sesiones.id_sesion', '=', hashToken(token))
    .where('sesiones.expira_en', '>', new Date())
    .where('usuarios.activo', '=', true)
    .executeTakeFirst();
  if (!fila) return null;
  const { expira_en, ...usuario } = fila;
  return { usuario, expira_en: new Date(expira_en) };
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
