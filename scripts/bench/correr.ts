// Cómo se mide un escenario: la app por HTTP desde un hilo generador de tráfico y el piso (SQL
// directo) en este hilo, con las mismas entradas, calentados y en tandas alternadas.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { crearRng, type Escenario, type Rng } from './escenarios.ts';
import type { Aciertos, ResultadoEscenario } from './informe.ts';
import {
  calentar,
  ClienteHttp,
  cronometrar,
  medirRendimiento,
  resumir,
  type Latencias,
  type Operacion,
  type Tanda,
} from './medir.ts';
import type { DatosTrafico, OrdenTrafico, RespuestaTrafico } from './trafico.ts';

export const CONCURRENCIA = 32;
export const CALENTAMIENTO = 50;
/** Entradas distintas de la fase de carga; se recorren en ciclo (app y piso, las mismas). */
export const ENTRADAS_CARGA = 20_000;
const MAX_OPERACIONES_CARGA = 2_000_000;
const SEGUNDOS_MAX_SECUENCIAL = 120;
/** La fase c=1 se reparte en tandas alternadas app, piso, app, piso… */
export const TANDAS = 4;

/** El hilo que hace las peticiones HTTP, con su propio Agent keep-alive. */
export function iniciarTrafico(puerto: number, cookie: string): Worker {
  return new Worker(new URL('./trafico.ts', import.meta.url), {
    workerData: { puerto, cookie, concurrenciaMaxima: CONCURRENCIA } satisfies DatosTrafico,
  });
}

/** El generador de la fase, adelantado `desde` entradas (peticion y piso sacan lo mismo del generador). */
function rngEn(e: Escenario, fase: string, desde = 0): Rng {
  const rng = crearRng(`${e.nombre}:${fase}`);
  for (let i = 0; i < desde; i++) e.peticion(rng);
  return rng;
}

/** Una operación de piso desde la entrada `desde` de la fase; vuelve a empezar cada `largo` entradas, como la app. */
function operacionPiso(e: Escenario, fase: string, desde = 0, largo = Number.POSITIVE_INFINITY): Operacion {
  let rng = rngEn(e, fase, desde);
  let n = 0;
  return () => {
    if (n > 0 && n % largo === 0) rng = rngEn(e, fase);
    n++;
    return e.piso(rng);
  };
}

function rutas(e: Escenario, fase: string, n: number): string[] {
  const rng = rngEn(e, fase);
  return Array.from({ length: n }, () => e.peticion(rng).path);
}

/** Antes de medir: la respuesta de la app y la del piso coinciden para unas cuantas entradas. */
export async function compararAppYPiso(escenarios: Escenario[], puerto: number, cookie: string): Promise<void> {
  const cliente = new ClienteHttp(puerto, { cookie, accept: 'application/json' }, 1);
  try {
    for (const e of escenarios) {
      for (let i = 0; i < 5; i++) {
        const { path: ruta } = e.peticion(crearRng(`${e.nombre}:comparar:${i}`));
        const cuerpo: unknown = JSON.parse((await cliente.get(ruta)).toString('utf8'));
        const diferencia = await e.comparar(crearRng(`${e.nombre}:comparar:${i}`), cuerpo);
        if (diferencia)
          throw new Error(`${e.nombre}: la app y el piso no devuelven lo mismo para ${ruta}: ${diferencia}`);
      }
    }
  } finally {
    cliente.cerrar();
  }
}

async function ordenar(trafico: Worker, orden: OrdenTrafico) {
  trafico.postMessage(orden);
  const [respuesta] = (await once(trafico, 'message')) as [RespuestaTrafico];
  if (!respuesta.ok) throw new Error(respuesta.error);
  return respuesta;
}

/**
 * Un escenario: calentar app y piso; c=1 en tandas alternadas app/piso con las mismas entradas
 * (así una deriva de la máquina afecta a ambos por igual), turnándose en ir primero (el segundo
 * encuentra en caché las filas que leyó el primero); luego la carga de la app y la del piso.
 */
export async function medirEscenario(
  e: Escenario,
  trafico: Worker,
  opciones: { peticiones: number; segundos: number },
  /** Los contadores de la memoria de la app (caché de fichas), para contar los aciertos de cada fase. */
  memoria: () => Aciertos = () => ({ aciertos: 0, fallos: 0 }),
): Promise<ResultadoEscenario> {
  const aciertosDesde = (inicio: Aciertos): Aciertos => {
    const ahora = memoria();
    return { aciertos: ahora.aciertos - inicio.aciertos, fallos: ahora.fallos - inicio.fallos };
  };
  await ordenar(trafico, { tipo: 'calentar', paths: rutas(e, 'calentamiento', CALENTAMIENTO) });
  await calentar(operacionPiso(e, 'calentamiento'), CALENTAMIENTO);

  const n = opciones.peticiones;
  const inicioC1 = memoria();
  const rutasC1 = rutas(e, 'c1', n);
  const tandasApp: Tanda[] = [];
  const tandasPiso: Tanda[] = [];
  let socketsC1 = 0;
  for (let b = 0; b < TANDAS; b++) {
    const desde = Math.floor((b * n) / TANDAS);
    const hasta = Math.floor(((b + 1) * n) / TANDAS);
    if (hasta === desde) continue;
    const app = async () => {
      const r = await ordenar(trafico, {
        tipo: 'tanda',
        paths: rutasC1.slice(desde, hasta),
        segundosMax: SEGUNDOS_MAX_SECUENCIAL / TANDAS,
      });
      tandasApp.push(r.tanda!);
      socketsC1 += r.conexiones.socketsNuevos;
    };
    const piso = async () => {
      tandasPiso.push(
        await cronometrar(operacionPiso(e, 'c1', desde), hasta - desde, SEGUNDOS_MAX_SECUENCIAL / TANDAS),
      );
    };
    // Whoever goes second finds the same rows already in the database's cache: take turns.
    if (b % 2 === 0) {
      await app();
      await piso();
    } else {
      await piso();
      await app();
    }
  }

  const memoriaC1 = aciertosDesde(inicioC1);
  const inicioC32 = memoria();
  const carga = { concurrencia: CONCURRENCIA, segundos: opciones.segundos, maxOperaciones: MAX_OPERACIONES_CARGA };
  const r = await ordenar(trafico, { tipo: 'carga', paths: rutas(e, 'carga', ENTRADAS_CARGA), ...carga });
  const memoriaC32 = aciertosDesde(inicioC32);
  // Como la app: abrir (o reabrir: el pool cierra las ociosas) las conexiones antes de medir.
  await medirRendimiento(operacionPiso(e, 'calentamiento'), {
    ...carga,
    segundos: 2,
    maxOperaciones: CONCURRENCIA * 2,
  });
  const c32Piso = await medirRendimiento(operacionPiso(e, 'carga', 0, ENTRADAS_CARGA), carga);
  return {
    nombre: e.nombre,
    descripcion: e.descripcion,
    objetivoP95Ms: e.objetivoP95Ms,
    app: {
      c1: resumir(tandasApp),
      c32: r.carga!,
      socketsNuevosC1: socketsC1,
      socketsNuevosC32: r.conexiones.socketsNuevos,
      bytesPorRespuesta: r.conexiones.bytesPorRespuesta,
      memoria: { c1: memoriaC1, c32: memoriaC32 },
    },
    piso: { c1: resumir(tandasPiso), c32: c32Piso },
  };
}

/**
 * The machine's own HTTP round trip: the same client thread against a bare node:http server that
 * answers `{}` at once (no framework, no session, no database). No endpoint can answer faster, so
 * it bounds the ratio an endpoint can reach over its SQL on this machine.
 */
export async function medirHttpVacio(peticiones = 2_000): Promise<Latencias> {
  const servidor = http.createServer((_req, res) => {
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end('{}');
  });
  servidor.listen(0, '127.0.0.1');
  await once(servidor, 'listening');
  const trafico = iniciarTrafico((servidor.address() as AddressInfo).port, '');
  try {
    await ordenar(trafico, { tipo: 'calentar', paths: Array.from({ length: 200 }, () => '/') });
    const r = await ordenar(trafico, {
      tipo: 'tanda',
      paths: Array.from({ length: peticiones }, () => '/'),
      segundosMax: SEGUNDOS_MAX_SECUENCIAL,
    });
    return resumir([r.tanda!]);
  } finally {
    await trafico.terminate();
    servidor.close();
  }
}
