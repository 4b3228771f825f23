import { leerConfig } from '../src/server/config.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { openDatabase } from '../src/server/db/open.ts';
import { hoyEnSantiago } from '../src/shared/formato.ts';
import {
  CONTRASENA_DEMO,
  contarClientes,
  hashDemo,
  prepararPersonal,
  terminarCarga,
  USUARIOS_DEMO,
  vaciarDatos,
} from './demo/base.ts';
import { ESCALAS } from './demo/escalas.ts';
import { decimal, formato, generarDemo, type Medicion } from './demo/generar.ts';
import { ErrorOpciones, leerOpciones, USO, type Opciones } from './demo/opciones.ts';

/**
 * npm run demo: llena la base configurada (la misma que usa la aplicación) con un taller de
 * demostración determinista. Ver `npm run demo -- --ayuda`.
 */

/** Las opciones de la línea de comandos; un error de uso termina con código 2. */
function opcionesOSalir(): Opciones {
  try {
    const leidas = leerOpciones(process.argv.slice(2));
    if (leidas !== 'ayuda') return leidas;
    console.log(USO);
    process.exit(0);
  } catch (e) {
    if (!(e instanceof ErrorOpciones)) throw e;
    console.error(`${e.message}\n\n${USO}`);
    process.exit(2);
  }
}

const opciones = opcionesOSalir();
const config = leerConfig();
const hoy = opciones.hoy ?? hoyEnSantiago();
const escala = ESCALAS[opciones.escala];
const destino = config.databaseUrl
  ? `PostgreSQL (${new URL(config.databaseUrl).pathname.slice(1)})`
  : `embebida en ${config.dataDir}`;
const inicio = performance.now();
try {
  process.exitCode = await cargar();
} catch (e) {
  console.error(`No se pudo cargar la demostración en la base ${destino}: ${(e as Error).message}`);
  console.error(
    'Revise la configuración (DATABASE_URL o RANCHO_DATA_DIR). Si la carga quedó a medias, repítala con --reiniciar.',
  );
  process.exitCode = 1;
}

/** Carga la demostración; devuelve el código de salida. */
async function cargar(): Promise<number> {
  const db = await openDatabase(config);
  try {
    await migrate(db.db);
    const existentes = await contarClientes(db.db);
    if (existentes > 0 && !opciones.reiniciar) {
      console.error(
        `La base de datos ${destino} ya tiene ${formato.format(existentes)} clientes; la demostración no se mezcla con datos existentes.\n` +
          'Para borrarlos y cargar la demostración, ejecute: npm run demo -- --reiniciar\n' +
          '(Se vacían clientes, usuarios y todo su historial; se conservan comunas, planes de mantención y ajustes.)',
      );
      return 1;
    }
    console.log(`Demostración escala ${opciones.escala}, semilla ${opciones.semilla}, hoy ${hoy}, base ${destino}.`);
    if (opciones.reiniciar) {
      await vaciarDatos(db.db);
      console.log('  Datos anteriores eliminados.');
    }
    const preparacion = await prepararPersonal(db.db, await hashDemo(opciones.semilla), hoy);
    const datos = { escala, semilla: opciones.semilla, hoy };
    const resultado = await generarDemo(db.db, datos, preparacion, (linea) => console.log(linea));
    const pasos: Medicion[] = [];
    await terminarCarga(db.db, hoy, (tabla, milisegundos, filas) => pasos.push({ tabla, filas, milisegundos }));
    imprimirTiempos(resultado.tablas, resultado.generacionMs, pasos, performance.now() - inicio);
    imprimirAcceso(resultado.tablas, preparacion.usuariosPrevios);
    return 0;
  } finally {
    await db.close();
  }
}

function imprimirTiempos(tablas: Medicion[], generacionMs: number, pasos: Medicion[], totalMs: number): void {
  const fila = (nombre: string, filas: string, ms: number, porSegundo: string) =>
    `  ${nombre.padEnd(24)}${filas.padStart(12)}${decimal.format(ms / 1000).padStart(10)}${porSegundo.padStart(12)}`;
  console.log(`\n${fila('Tabla', 'Filas', 0, 'Filas/s').replace(' 0,0', '   s')}`);
  for (const t of tablas) {
    console.log(
      fila(
        t.tabla,
        formato.format(t.filas),
        t.milisegundos,
        formato.format(Math.round((t.filas / Math.max(t.milisegundos, 1)) * 1000)),
      ),
    );
  }
  console.log(fila('(generación en JS)', '', generacionMs, ''));
  for (const p of pasos) console.log(fila(p.tabla, p.filas ? formato.format(p.filas) : '', p.milisegundos, ''));
  const total = tablas.reduce((s, t) => s + t.filas, 0);
  console.log(fila('Total', formato.format(total), totalMs, formato.format(Math.round((total / totalMs) * 1000))));
}

function imprimirAcceso(tablas: Medicion[], previos: string[]): void {
  const filas = (nombre: string) => formato.format(tablas.find((t) => t.tabla === nombre)?.filas ?? 0);
  const usuarios = USUARIOS_DEMO.map(
    (u) =>
      `    ${u.email.padEnd(32)}${u.rol}${previos.includes(u.email) ? ' (ya existía: conserva su contraseña)' : ''}`,
  );
  console.log(`
Listo. Para entrar:
  1. Inicie la aplicación con la misma configuración: npm start
  2. Abra ${config.publicUrl}
  3. Correo: admin@rancho.cl   Contraseña: ${CONTRASENA_DEMO}

  Todos los usuarios de la demostración usan la misma contraseña:
${usuarios.join('\n')}

  Se crearon ${filas('clientes')} clientes, ${filas('equipos')} equipos, ${filas('ordenes_trabajo')} órdenes de trabajo,
  ${filas('pedidos_repuestos')} pedidos, ${filas('cotizaciones')} cotizaciones, ${filas('interacciones_cliente')} interacciones y ${filas('encuestas_satisfaccion')} encuestas.
  Pruebe la ficha de "Agrícola El Triunfo" (el ejemplo del seed).`);
}
