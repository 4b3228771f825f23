import argon2 from 'argon2';
import { sql, type Kysely } from 'kysely';
import { recalcularActividad } from '../../src/server/clientes/actividad.ts';
import { recalcularMetricas } from '../../src/server/valor/metricas.ts';
import { Azar } from './azar.ts';
import type { Personal } from './contexto.ts';
import { diaDe, instante } from './fechas.ts';
import { ETIQUETAS } from './relacion.ts';

/** Lo que la demostración hace en la base antes y después de generar: vaciar, personal, cierre. */

export const CONTRASENA_DEMO = 'rancho-demo-2026';

/**
 * Tablas de datos que `--reiniciar` vacía. Quedan intactas las de referencia y los valores
 * iniciales editables (regiones, comunas, planes_mantencion, gasto_esperado_tipo, ajustes,
 * plantillas_encuesta) y el registro de migraciones. CASCADE alcanza además a cualquier tabla
 * nueva que apunte a éstas.
 */
const TABLAS_DE_DATOS = [
  'usuarios',
  'sesiones',
  'intentos_login',
  'clientes',
  'etiquetas',
  'clientes_etiquetas',
  'contactos_cliente',
  'consentimientos',
  'equipos',
  'lecturas_horometro',
  'ordenes_trabajo',
  'pedidos_repuestos',
  'cotizaciones',
  'interacciones_cliente',
  'encuestas_satisfaccion',
  'metricas_clientes',
  'plantillas_mensaje',
  'campanas',
  'mensajes',
  'alertas',
  'vistas_guardadas',
  'auditoria',
  'solicitudes_titular',
  'importaciones',
];

/** Tablas cuyos ids pone la demo: al final su secuencia debe seguir desde el máximo. */
const IDENTIDADES: readonly (readonly [string, string])[] = [
  ['clientes', 'id_cliente'],
  ['contactos_cliente', 'id_contacto'],
  ['consentimientos', 'id_consentimiento'],
  ['equipos', 'id_equipo'],
  ['lecturas_horometro', 'id_lectura'],
  ['ordenes_trabajo', 'id_orden'],
  ['pedidos_repuestos', 'id_pedido'],
  ['cotizaciones', 'id_cotizacion'],
  ['encuestas_satisfaccion', 'id_encuesta'],
  ['interacciones_cliente', 'id_interaccion'],
];

export const USUARIOS_DEMO: readonly {
  email: string;
  nombre: string;
  rol: 'admin' | 'comercial' | 'tecnico' | 'lectura';
}[] = [
  { email: 'admin@rancho.cl', nombre: 'Patricia Morales Vidal', rol: 'admin' },
  { email: 'carolina.fuentes@rancho.cl', nombre: 'Carolina Fuentes Rivas', rol: 'comercial' },
  { email: 'matias.rojas@rancho.cl', nombre: 'Matías Rojas Bravo', rol: 'comercial' },
  { email: 'francisca.contreras@rancho.cl', nombre: 'Francisca Contreras Lagos', rol: 'comercial' },
  { email: 'rodrigo.sepulveda@rancho.cl', nombre: 'Rodrigo Sepúlveda Mella', rol: 'comercial' },
  { email: 'luis.araya@rancho.cl', nombre: 'Luis Araya Pino', rol: 'tecnico' },
  { email: 'pedro.vergara@rancho.cl', nombre: 'Pedro Vergara Soto', rol: 'tecnico' },
  { email: 'jorge.pizarro@rancho.cl', nombre: 'Jorge Pizarro Leiva', rol: 'tecnico' },
  { email: 'cristian.munoz@rancho.cl', nombre: 'Cristián Muñoz Salinas', rol: 'tecnico' },
  { email: 'gerencia@rancho.cl', nombre: 'Hernán Valdés Toledo', rol: 'lectura' },
];

export async function contarClientes(db: Kysely<any>): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM clientes`.execute(db);
  return rows[0]?.n ?? 0;
}

export async function vaciarDatos(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ tabla: string }>`
    SELECT table_name AS tabla FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(db);
  const existentes = new Set(rows.map((r) => r.tabla));
  const tablas = TABLAS_DE_DATOS.filter((t) => existentes.has(t));
  await sql`TRUNCATE ${sql.join(tablas.map((t) => sql.table(t)))} RESTART IDENTITY CASCADE`.execute(db);
}

/**
 * Un solo hash argon2id para todos los usuarios de la demo (hashear diez veces tomaría segundos).
 * La sal sale de la semilla para que la base quede idéntica byte a byte en cada corrida; la
 * contraseña de la demo es pública, así que una sal fija no protege ni expone nada más.
 */
export async function hashDemo(semilla: number): Promise<string> {
  const azar = new Azar(semilla ^ 0x5a17);
  const sal = Buffer.from(Array.from({ length: 16 }, () => azar.entero(0, 255)));
  return argon2.hash(CONTRASENA_DEMO, { type: argon2.argon2id, salt: sal });
}

export interface Preparacion {
  personal: Personal;
  etiquetas: Map<string, number>;
  idPlantilla: number | null;
  /** Correos de la demo que ya existían: conservan su contraseña. */
  usuariosPrevios: string[];
}

/** Crea el personal y las etiquetas de la demo; si un correo ya existe, lo deja como está. */
export async function prepararPersonal(db: Kysely<any>, hash: string, hoy: string): Promise<Preparacion> {
  const creadoEn = instante(diaDe(hoy) - 6 * 365 - 30, 540);
  const filas = USUARIOS_DEMO.map((u) => sql`(${u.email}, ${u.nombre}, ${u.rol}, ${hash}, ${creadoEn}::timestamptz)`);
  const { rows: nuevos } = await sql<{ email: string }>`
    INSERT INTO usuarios (email, nombre, rol, password_hash, creado_en) VALUES ${sql.join(filas)}
    ON CONFLICT (email) DO NOTHING RETURNING email`.execute(db);
  const { rows } = await sql<{ id_usuario: number; email: string; rol: string }>`
    SELECT id_usuario, email, rol FROM usuarios
    WHERE email IN (${sql.join(USUARIOS_DEMO.map((u) => u.email))}) ORDER BY id_usuario`.execute(db);
  const porRol = (rol: string) => rows.filter((r) => r.rol === rol).map((r) => r.id_usuario);
  const [admin] = porRol('admin');
  const comerciales = porRol('comercial');
  const tecnicos = porRol('tecnico');
  if (admin === undefined || comerciales.length === 0 || tecnicos.length === 0) {
    throw new Error('Los usuarios de la demo existen con otros roles; use --reiniciar para empezar de cero.');
  }
  const { rows: etiquetas } = await sql<{ id_etiqueta: number; nombre: string }>`
    INSERT INTO etiquetas (nombre, color)
    VALUES ${sql.join(ETIQUETAS.map(([nombre, color]) => sql`(${nombre}, ${color})`))}
    ON CONFLICT (nombre) DO UPDATE SET color = EXCLUDED.color
    RETURNING id_etiqueta, nombre`.execute(db);
  const { rows: plantillas } = await sql<{ id: number | null }>`
    SELECT min(id_plantilla) AS id FROM plantillas_encuesta WHERE activa`.execute(db);
  const creados = new Set(nuevos.map((n) => n.email));
  return {
    personal: { admin, comerciales, tecnicos },
    etiquetas: new Map(etiquetas.map((e) => [e.nombre, e.id_etiqueta])),
    idPlantilla: plantillas[0]?.id ?? null,
    usuariosPrevios: USUARIOS_DEMO.map((u) => u.email).filter((e) => !creados.has(e)),
  };
}

/** Lo que se hace una vez cargado todo: secuencias, métricas en cero, actividad y estadísticas. */
export async function terminarCarga(
  db: Kysely<any>,
  hoy: string,
  medir: (paso: string, ms: number, filas: number) => void,
): Promise<void> {
  let inicio = performance.now();
  for (const [tabla, columna] of IDENTIDADES) {
    await sql`SELECT setval(pg_get_serial_sequence(${tabla}, ${columna}), max(${sql.ref(columna)}))
              FROM ${sql.table(tabla)} HAVING max(${sql.ref(columna)}) IS NOT NULL`.execute(db);
  }
  medir('secuencias', performance.now() - inicio, 0);

  // Las métricas salen del mismo recálculo por conjuntos que usa el trabajo nocturno.
  inicio = performance.now();
  const metricas = await recalcularMetricas(db, { hoy, ahora: new Date(instante(diaDe(hoy), 360)) });
  medir('metricas_clientes', performance.now() - inicio, metricas);

  inicio = performance.now();
  const actualizados = await recalcularActividad(db, hoy);
  medir('recalcularActividad', performance.now() - inicio, actualizados);

  inicio = performance.now();
  await sql`ANALYZE`.execute(db);
  medir('ANALYZE', performance.now() - inicio, 0);
}
