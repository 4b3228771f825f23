import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  completarSeguimiento,
  filtrosInteracciones,
  filtrosSeguimientos,
  filtrosTimeline,
  interaccionEntrada,
  reasignarSeguimiento,
  reprogramarSeguimiento,
} from '../../shared/interacciones.ts';
import { actorDe, usuarioDe } from '../http/contexto.ts';
import { frecuenciaCliente } from './frecuencia.ts';
import {
  bandejaSeguimientos,
  cambiarSeguimiento,
  contarSeguimientos,
  listarInteracciones,
  registrarInteraccion,
} from './interacciones.ts';
import { timelineCliente } from './timeline.ts';

const params = z.strictObject({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const etiquetas = ['interacciones'];

export const rutasInteracciones: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.rancho.db.db;

  app.get(
    '/api/clientes/:id/interacciones',
    { schema: { tags: etiquetas, summary: 'Interacciones de un cliente', params, querystring: filtrosInteracciones } },
    async (request) => listarInteracciones(db(), usuarioDe(request), request.params.id, request.query),
  );

  app.post(
    '/api/clientes/:id/interacciones',
    {
      schema: {
        tags: etiquetas,
        summary: 'Registrar una interacción (llamada, visita, WhatsApp…)',
        params,
        body: interaccionEntrada,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await registrarInteraccion(db(), usuarioDe(request), actorDe(request), request.params.id, request.body)),
  );

  app.get(
    '/api/clientes/:id/timeline',
    { schema: { tags: etiquetas, summary: 'Historia cronológica del cliente', params, querystring: filtrosTimeline } },
    async (request) => timelineCliente(db(), usuarioDe(request), request.params.id, request.query),
  );

  app.get(
    '/api/clientes/:id/frecuencia',
    { schema: { tags: etiquetas, summary: 'Frecuencia de contacto y cadencia habitual', params } },
    async (request) => frecuenciaCliente(db(), usuarioDe(request), request.params.id),
  );

  app.get(
    '/api/seguimientos',
    {
      schema: {
        tags: etiquetas,
        summary: 'Mis seguimientos: vencidos, hoy y próximos',
        querystring: filtrosSeguimientos,
      },
    },
    async (request) => bandejaSeguimientos(db(), usuarioDe(request), request.query),
  );

  app.get(
    '/api/seguimientos/resumen',
    { schema: { tags: etiquetas, summary: 'Seguimientos vencidos y de hoy (insignia)' } },
    async (request) => contarSeguimientos(db(), usuarioDe(request)),
  );

  app.post(
    '/api/seguimientos/:id/completar',
    { schema: { tags: etiquetas, summary: 'Marcar un seguimiento como hecho', params, body: completarSeguimiento } },
    async (request) =>
      cambiarSeguimiento(db(), usuarioDe(request), actorDe(request), request.params.id, {
        accion: 'completar',
        ...request.body,
      }),
  );

  app.post(
    '/api/seguimientos/:id/reprogramar',
    {
      schema: { tags: etiquetas, summary: 'Cambiar la fecha de un seguimiento', params, body: reprogramarSeguimiento },
    },
    async (request) =>
      cambiarSeguimiento(db(), usuarioDe(request), actorDe(request), request.params.id, {
        accion: 'reprogramar',
        ...request.body,
      }),
  );

  app.post(
    '/api/seguimientos/:id/reasignar',
    {
      schema: { tags: etiquetas, summary: 'Asignar un seguimiento a otro usuario', params, body: reasignarSeguimiento },
    },
    async (request) =>
      cambiarSeguimiento(db(), usuarioDe(request), actorDe(request), request.params.id, {
        accion: 'reasignar',
        ...request.body,
      }),
  );
};
