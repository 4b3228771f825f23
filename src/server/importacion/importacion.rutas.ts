import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  consultaImportacion,
  filtrosExportarInteracciones,
  formatoArchivo,
  type EntidadExportacion,
} from '../../shared/importacion.ts';
import { filtrosClientes } from '../../shared/listas.ts';
import { filtrosCotizaciones, filtrosEquipos, filtrosOrdenes, filtrosPedidos } from '../../shared/servicios.ts';
import { actorDe, usuarioDe } from '../http/contexto.ts';
import { ErrorApp } from '../http/errores.ts';
import { exportar } from './exportar.ts';
import { TIPOS_ARCHIVO } from './formatos.ts';
import {
  confirmarImportacion,
  ensayarImportacion,
  exigirImportador,
  prepararImportacion,
  type ArchivoImportacion,
} from './importacion.ts';

/** 60 MB: una planilla de cientos de miles de filas; el resto de la API sigue con 1 MB. */
const LIMITE_ARCHIVO = 60 * 1024 * 1024;

const sinPagina = { limit: true, offset: true } as const;
const FILTROS: Record<EntidadExportacion, z.ZodObject> = {
  clientes: filtrosClientes.omit(sinPagina),
  equipos: filtrosEquipos.omit(sinPagina),
  ordenes: filtrosOrdenes.omit(sinPagina),
  pedidos: filtrosPedidos.omit(sinPagina),
  cotizaciones: filtrosCotizaciones.omit(sinPagina),
  interacciones: filtrosExportarInteracciones,
};

const DESCRIPCION_ARCHIVO =
  'El cuerpo es el archivo tal cual: `Content-Type: text/csv` (UTF-8 o Windows-1252, separado por `;` o `,`), ' +
  '`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet` (primera hoja) o `application/octet-stream` con `?formato=csv|xlsx`. ' +
  'La primera fila trae los nombres de las columnas; `?mapeo=` (JSON `{columna: campo}`) corrige el reconocimiento automático.';

type Consulta = z.output<typeof consultaImportacion>;

function archivoDe(request: FastifyRequest): ArchivoImportacion {
  if (!Buffer.isBuffer(request.body)) {
    throw new ErrorApp(
      'ENTRADA_INVALIDA',
      'Falta el archivo',
      'Envíe el archivo como cuerpo de la solicitud, con Content-Type text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet o application/octet-stream.',
    );
  }
  const q = request.query as Consulta;
  return {
    entidad: q.entidad,
    cuerpo: request.body,
    contentType: request.headers['content-type'],
    formato: q.formato,
    mapeo: q.mapeo,
    archivo: q.archivo,
  };
}

/** El cuerpo de un problem+json (RFC 9457), para informar un error dentro del flujo NDJSON. */
function problema(request: FastifyRequest, e: unknown) {
  if (e instanceof ErrorApp) {
    const status = e.codigo === 'CONFLICTO' ? 409 : e.codigo === 'PROHIBIDO' ? 403 : 422;
    const tipo = `https://rancho.cl/problemas/${e.codigo.toLowerCase().replace(/_/g, '-')}`;
    return {
      type: tipo,
      title: e.titulo,
      status,
      detail: e.message,
      ...(e.errores.length ? { errors: e.errores } : {}),
      ...e.extra,
    };
  }
  request.log.error({ err: e }, 'importación fallida');
  return {
    type: 'about:blank',
    title: 'Error interno del servidor',
    status: 500,
    detail:
      'La importación no se completó y no se guardó ninguna fila. Intente de nuevo; si persiste, avise al administrador.',
  };
}

/** Antes de leer el cuerpo: quien no puede importar no sube 60 MB para recibir un 403. */
async function rechazarSinPermiso(request: FastifyRequest) {
  exigirImportador(request.usuario);
}

/** ¿Pidió un JSON simple (scripts) en vez del flujo de progreso? */
const quiereJson = (request: FastifyRequest) =>
  /application\/json/.test(request.headers.accept ?? '') && !/ndjson/.test(request.headers.accept ?? '');

/**
 * Importación en dos pasos sin estado en el servidor (cualquier instancia atiende cualquiera):
 * `validar` es un ensayo que no escribe; `importaciones` valida de nuevo y escribe todo o nada.
 */
export const rutasImportacion: FastifyPluginAsyncZod = async (app) => {
  // Solo en este plugin: el cuerpo de estas rutas es el archivo, como Buffer.
  app.removeContentTypeParser(['text/plain']);
  app.addContentTypeParser(TIPOS_ARCHIVO, { parseAs: 'buffer', bodyLimit: LIMITE_ARCHIVO }, (_request, cuerpo, listo) =>
    listo(null, cuerpo),
  );
  const db = () => app.rancho.db.db;
  const tags = ['importación'];

  app.post(
    '/api/importaciones/validar',
    {
      bodyLimit: LIMITE_ARCHIVO,
      onRequest: rechazarSinPermiso,
      schema: {
        tags,
        summary: 'Ensayar una importación: errores por fila, conteos y muestra (no escribe nada)',
        description: DESCRIPCION_ARCHIVO,
        querystring: consultaImportacion,
      },
    },
    async (request) => ensayarImportacion(db(), usuarioDe(request), archivoDe(request)),
  );

  app.post(
    '/api/importaciones',
    {
      bodyLimit: LIMITE_ARCHIVO,
      onRequest: rechazarSinPermiso,
      schema: {
        tags,
        summary: 'Importar un archivo (todo o nada), con progreso en NDJSON',
        description: `${DESCRIPCION_ARCHIVO} Si alguna fila tiene errores responde 422 y no escribe nada. Si no, responde application/x-ndjson: líneas {"etapa":"validando"|"escribiendo","procesadas","total"} y al final {"etapa":"terminado",…resumen} o {"etapa":"error",…problema}. Con Accept: application/json responde 201 con el resumen.`,
        querystring: consultaImportacion,
      },
    },
    async (request, reply: FastifyReply) => {
      const usuario = usuarioDe(request);
      const archivo = archivoDe(request);
      const validacion = await prepararImportacion(db(), usuario, archivo);
      if (quiereJson(request)) {
        return reply
          .code(201)
          .send(await confirmarImportacion(db(), usuario, actorDe(request), validacion, archivo.archivo));
      }
      const salida = new PassThrough();
      const linea = (o: object) => salida.write(`${JSON.stringify(o)}\n`);
      linea({ etapa: 'validando', procesadas: validacion.total, total: validacion.total });
      void confirmarImportacion(db(), usuario, actorDe(request), validacion, archivo.archivo, linea)
        .then((r) => linea({ etapa: 'terminado', ...r }))
        .catch((e: unknown) => linea({ etapa: 'error', ...problema(request, e) }))
        .finally(() => salida.end());
      return reply
        .code(200)
        .type('application/x-ndjson; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(salida);
    },
  );

  for (const [entidad, filtros] of Object.entries(FILTROS) as [EntidadExportacion, z.ZodObject][]) {
    app.get(
      `/api/exportar/${entidad}`,
      {
        schema: {
          tags: ['exportación'],
          summary: `Exportar ${entidad} con los filtros de su lista (CSV o XLSX)`,
          querystring: filtros.extend({ formato: formatoArchivo.default('csv') }),
        },
      },
      async (request, reply) => {
        const { formato, ...f } = request.query as { formato: 'csv' | 'xlsx' } & Record<string, unknown>;
        const e = await exportar(db(), usuarioDe(request), actorDe(request), entidad, f, formato, (err) =>
          request.log.error({ err }, 'exportación interrumpida'),
        );
        return reply
          .header('content-disposition', `attachment; filename="${e.nombreArchivo}"`)
          .header('x-total-filas', String(e.filas))
          .header('cache-control', 'no-store')
          .type(e.tipoContenido)
          .send(e.contenido);
      },
    );
  }
};
