// Hilo generador de tráfico HTTP. Corre aparte del hilo de la app para que el trabajo del cliente
// (armar peticiones, leer respuestas) no compita con Fastify por el mismo event loop. Recibe
// órdenes del hilo principal (calentar, una tanda secuencial, una carga) y responde con las cifras.
import { parentPort, workerData } from 'node:worker_threads';
import { calentar, ClienteHttp, cronometrar, medirRendimiento, type Rendimiento, type Tanda } from './medir.ts';

export interface DatosTrafico {
  puerto: number;
  cookie: string;
  concurrenciaMaxima: number;
}

export type OrdenTrafico =
  | { tipo: 'calentar'; paths: string[] }
  | { tipo: 'tanda'; paths: string[]; segundosMax: number }
  | { tipo: 'carga'; paths: string[]; concurrencia: number; segundos: number; maxOperaciones: number };

export interface Conexiones {
  /** Conexiones TCP abiertas durante la fase medida: con keep-alive y tras calentar, 0. */
  socketsNuevos: number;
  bytesPorRespuesta: number;
}

export type RespuestaTrafico =
  { ok: true; tanda?: Tanda; carga?: Rendimiento; conexiones: Conexiones } | { ok: false; error: string };

const datos = workerData as DatosTrafico;
const cliente = new ClienteHttp(
  datos.puerto,
  { cookie: datos.cookie, accept: 'application/json' },
  datos.concurrenciaMaxima,
);

/** Recorre una lista de paths en ciclo. */
function ciclo(paths: string[]): () => Promise<void> {
  let i = 0;
  return async () => {
    await cliente.get(paths[i++ % paths.length]!);
  };
}

async function ejecutar(orden: OrdenTrafico): Promise<RespuestaTrafico> {
  const sockets = cliente.socketsAbiertos;
  const respuestas = cliente.respuestas;
  const bytes = cliente.bytes;
  const conexiones = (): Conexiones => ({
    socketsNuevos: cliente.socketsAbiertos - sockets,
    bytesPorRespuesta: Math.round((cliente.bytes - bytes) / Math.max(1, cliente.respuestas - respuestas)),
  });
  switch (orden.tipo) {
    case 'calentar':
      await calentar(ciclo(orden.paths), orden.paths.length);
      return { ok: true, conexiones: conexiones() };
    case 'tanda':
      return {
        ok: true,
        tanda: await cronometrar(ciclo(orden.paths), orden.paths.length, orden.segundosMax),
        conexiones: conexiones(),
      };
    case 'carga': {
      // Abre (o reabre: el servidor cierra las ociosas) las conexiones antes de medir.
      await medirRendimiento(ciclo(orden.paths), { ...orden, segundos: 2, maxOperaciones: orden.concurrencia * 2 });
      const abiertas = cliente.socketsAbiertos;
      const carga = await medirRendimiento(ciclo(orden.paths), orden);
      return { ok: true, carga, conexiones: { ...conexiones(), socketsNuevos: cliente.socketsAbiertos - abiertas } };
    }
  }
}

parentPort!.on('message', (orden: OrdenTrafico) => {
  ejecutar(orden).then(
    (respuesta) => parentPort!.postMessage(respuesta),
    (e: unknown) =>
      parentPort!.postMessage({
        ok: false,
        error: e instanceof Error ? e.message : String(e),
      } satisfies RespuestaTrafico),
  );
});
