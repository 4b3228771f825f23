// npm run prueba:caidas [-- --rapida] [--intentos N] [--motor pglite|postgres]
// Mata la app con kill -9 en medio de escrituras concurrentes por HTTP (clientes nuevos,
// interacciones, ediciones), la vuelve a iniciar y comprueba: la base abre, toda escritura que
// recibió un 2xx está, y los índices pasan amcheck. 20 intentos por motor (3 con --rapida).
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openEmbedded, openPostgres } from '../../src/server/db/open.ts';
import {
  ADMIN,
  baseDesechable,
  directorioDesechable,
  iniciarApp,
  iniciarSesion,
  log,
  pedir,
  rut,
  terminar,
  type Destino,
  type ProcesoApp,
} from './comun.ts';
import { revisarIndices } from './integridad.ts';

const { values } = parseArgs({
  options: {
    rapida: { type: 'boolean', default: false },
    intentos: { type: 'string' },
    motor: { type: 'string' },
    escritores: { type: 'string', default: '6' },
  },
});
const INTENTOS = Number(values.intentos ?? (values.rapida ? 3 : 20));
const ESCRITORES = Number(values.escritores);
const MOTORES = values.motor ? [values.motor] : ['pglite', 'postgres'];
if (!MOTORES.every((m) => m === 'pglite' || m === 'postgres') || !(INTENTOS > 0) || !(ESCRITORES > 0)) {
  console.error('Uso: npm run prueba:caidas -- [--rapida] [--intentos N] [--motor pglite|postgres] [--escritores N]');
  process.exit(2);
}

/** What the app acknowledged (2xx) and must therefore still be there after the crash. */
interface Confirmadas {
  clientes: { id: number; nombre: string }[];
  interacciones: { id: number; motivo: string }[];
  /** Per edited cliente: the last acknowledged note, and the one in flight when the app died. */
  ediciones: Map<number, { confirmada: string | null; enVuelo: string | null }>;
}

interface ResultadoMotor {
  motor: string;
  intentos: number;
  escrituras: number;
  perdidas: string[];
  arranqueMs: number[];
  indices: { revisados: number; metodo: string; errores: string[] } | null;
}

const dormir = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One writer: loops over the three kinds of write until `seguir` turns false (the app died). */
async function escritor(
  app: ProcesoApp,
  cookie: string,
  n: number,
  intento: number,
  propio: number,
  conf: Confirmadas,
  seguir: () => boolean,
) {
  let secuencia = 0;
  while (seguir()) {
    secuencia++;
    const marca = `i${intento}-e${n}-${secuencia}`;
    const tipo = secuencia % 3;
    if (tipo === 0) {
      const nombre = `Caída ${marca}`;
      const r = await pedir(app.base, 'POST', '/api/clientes', {
        cookie,
        cuerpo: { nombre, rut: rut(30_000_000 + intento * 100_000 + n * 10_000 + secuencia) },
      });
      if (r.status === 201) conf.clientes.push({ id: r.cuerpo.cliente.id_cliente, nombre });
    } else if (tipo === 1) {
      const motivo = `Llamada ${marca}`;
      const r = await pedir(app.base, 'POST', `/api/clientes/${propio}/interacciones`, {
        cookie,
        cuerpo: { tipo: 'llamada', motivo },
      });
      if (r.status === 201)
        conf.interacciones.push({ id: r.cuerpo.id_interaccion ?? r.cuerpo.interaccion?.id_interaccion, motivo });
    } else {
      const actual = await pedir(app.base, 'GET', `/api/clientes/${propio}`, { cookie });
      if (actual.status !== 200) continue;
      const nota = `Nota ${marca}`;
      const estado = conf.ediciones.get(propio) ?? { confirmada: null, enVuelo: null };
      estado.enVuelo = nota;
      conf.ediciones.set(propio, estado);
      const version = actual.cuerpo.version ?? actual.cuerpo.cliente?.version;
      const r = await pedir(app.base, 'PATCH', `/api/clientes/${propio}`, { cookie, cuerpo: { version, notas: nota } });
      if (r.status === 200) estado.confirmada = nota;
      if (r.status !== 0) estado.enVuelo = null;
    }
  }
}

async function probarMotor(motor: 'pglite' | 'postgres'): Promise<ResultadoMotor> {
  const pg = motor === 'postgres' ? await baseDesechable('rancho_caidas') : null;
  const dir = motor === 'pglite' ? directorioDesechable('rancho-caidas') : null;
  const destino: Destino = pg ? { databaseUrl: pg.url } : { dataDir: dir!.dir };
  const resultado: ResultadoMotor = { motor, intentos: 0, escrituras: 0, perdidas: [], arranqueMs: [], indices: null };
  let app: ProcesoApp | null = null;
  try {
    app = await iniciarApp(destino);
    // Sessions live in the database: the same cookie keeps working after every restart.
    const cookie = await iniciarSesion(app.base, ADMIN.email, ADMIN.password);
    const propios: number[] = [];
    for (let n = 0; n < ESCRITORES; n++) {
      const r = await pedir(app.base, 'POST', '/api/clientes', {
        cookie,
        cuerpo: { nombre: `Cliente del escritor ${n}`, rut: rut(29_000_000 + n) },
      });
      if (r.status !== 201)
        throw new Error(`No se pudo crear el cliente base: ${r.status} ${JSON.stringify(r.cuerpo)}`);
      propios.push(r.cuerpo.cliente.id_cliente);
    }
    const todas: Confirmadas = { clientes: [], interacciones: [], ediciones: new Map() };
    for (let intento = 1; intento <= INTENTOS; intento++) {
      const conf: Confirmadas = { clientes: [], interacciones: [], ediciones: new Map() };
      let vivo = true;
      const escritores = propios.map((p, n) => escritor(app!, cookie, n, intento, p, conf, () => vivo));
      await dormir(300 + Math.random() * 1200);
      await app.detener('SIGKILL');
      vivo = false;
      await Promise.all(escritores);
      const t0 = performance.now();
      app = await iniciarApp(destino);
      resultado.arranqueMs.push(performance.now() - t0);
      resultado.intentos++;
      resultado.escrituras += conf.clientes.length + conf.interacciones.length;
      // Right after the restart, through the API: the new clientes and the last note of each edit.
      for (const c of conf.clientes) {
        const r = await pedir(app.base, 'GET', `/api/clientes/${c.id}`, { cookie });
        const nombre = r.cuerpo?.nombre ?? r.cuerpo?.cliente?.nombre;
        if (r.status !== 200 || nombre !== c.nombre) {
          resultado.perdidas.push(
            `intento ${intento}: el cliente ${c.id} «${c.nombre}» confirmado no está (${r.status})`,
          );
        }
      }
      for (const [id, e] of conf.ediciones) {
        if (!e.confirmada) continue;
        resultado.escrituras++;
        const r = await pedir(app.base, 'GET', `/api/clientes/${id}`, { cookie });
        const notas = r.cuerpo?.notas ?? r.cuerpo?.cliente?.notas;
        if (notas !== e.confirmada && notas !== e.enVuelo) {
          resultado.perdidas.push(
            `intento ${intento}: la edición «${e.confirmada}» del cliente ${id} se perdió (hay «${notas}»)`,
          );
        }
      }
      todas.interacciones.push(...conf.interacciones);
      log(
        `${motor} intento ${intento}/${INTENTOS}: ${conf.clientes.length} clientes, ${conf.interacciones.length} interacciones, ` +
          `${[...conf.ediciones.values()].filter((e) => e.confirmada).length} ediciones confirmadas; reinicio en ${Math.round(resultado.arranqueMs.at(-1)!)} ms`,
      );
    }
    await app.detener('SIGTERM');
    app = null;
    // Interacciones, straight from the database once the app is stopped.
    const db = pg ? openPostgres(pg.url, { max: 1 }) : await openEmbedded(dir!.dir);
    try {
      const ids = todas.interacciones.map((i) => i.id);
      const presentes = new Map<number, string>();
      for (let i = 0; i < ids.length; i += 1000) {
        const r = await sql<{ id: number; motivo: string }>`
          SELECT id_interaccion::int AS id, motivo FROM interacciones_cliente WHERE id_interaccion = ANY (${ids.slice(i, i + 1000)}::bigint[])`.execute(
          db.db,
        );
        for (const f of r.rows) presentes.set(f.id, f.motivo);
      }
      for (const i of todas.interacciones) {
        if (presentes.get(i.id) !== i.motivo)
          resultado.perdidas.push(`la interacción ${i.id} «${i.motivo}» confirmada no está`);
      }
    } finally {
      await db.close();
    }
    resultado.indices = await revisarIndices(destino);
    return resultado;
  } finally {
    await app?.detener('SIGKILL');
    await pg?.borrar();
    dir?.borrar();
  }
}

const resultados: ResultadoMotor[] = [];
const fallas: string[] = [];
for (const motor of MOTORES as ('pglite' | 'postgres')[]) {
  try {
    resultados.push(await probarMotor(motor));
  } catch (e) {
    fallas.push(`${motor}: la prueba no pudo completarse: ${(e as Error).message}`);
  }
}

console.log(`\nPrueba de caídas (kill -9 durante escrituras, ${ESCRITORES} escritores concurrentes por HTTP)`);
for (const r of resultados) {
  const orden = [...r.arranqueMs].sort((a, b) => a - b);
  console.log(
    `  ${r.motor}: ${r.intentos} caídas, ${r.escrituras} escrituras confirmadas revisadas, ${r.perdidas.length} perdidas; ` +
      `la base abrió las ${r.arranqueMs.length} veces (reinicio mediano ${Math.round(orden[Math.floor(orden.length / 2)] ?? 0)} ms, máx. ${Math.round(orden.at(-1) ?? 0)} ms); ` +
      `índices: ${r.indices?.revisados ?? 0} revisados con ${r.indices?.metodo ?? '—'}, ${r.indices?.errores.length ?? 0} con errores`,
  );
  if (r.intentos < INTENTOS) fallas.push(`${r.motor}: solo ${r.intentos} de ${INTENTOS} intentos`);
  if (r.escrituras === 0) fallas.push(`${r.motor}: ninguna escritura confirmada: la prueba no probó nada`);
  fallas.push(...r.perdidas.map((p) => `${r.motor}: ${p}`));
  fallas.push(...(r.indices?.errores ?? []).map((e) => `${r.motor}: ${e}`));
}
terminar('Prueba de caídas', fallas);
