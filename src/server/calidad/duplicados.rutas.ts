import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorDe, usuarioDe } from '../http/contexto.ts';
import { descartarPar, listarDuplicados } from './duplicados.ts';
import { deshacerFusion, fusionarClientes, fusionesDeCliente, pedidoFusion, vistaPreviaFusion } from './fusion.ts';

const id = z.coerce.number().int().positive().max(2_147_483_647);
const par = z.strictObject({ id_a: id, id_b: id });

/** Calidad de datos: el buscador de duplicados y la fusión de clientes (con deshacer). */
export const rutasDuplicados: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.rancho.db.db;
  const tags = ['calidad de datos'];

  app.get(
    '/api/duplicados',
    {
      schema: {
        tags,
        summary: 'Posibles clientes duplicados de toda la base, con puntaje y razón',
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
          recalcular: z.enum(['true', 'false']).optional(),
        }),
      },
    },
    async (request) =>
      listarDuplicados(db(), usuarioDe(request), { ...request.query, recalcular: request.query.recalcular === 'true' }),
  );

  app.post(
    '/api/duplicados/descartar',
    { schema: { tags, summary: 'Marcar un par como «no son el mismo cliente»', body: par } },
    async (request, reply) => {
      await descartarPar(db(), usuarioDe(request), actorDe(request), request.body.id_a, request.body.id_b, true);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/fusiones/vista-previa',
    { schema: { tags, summary: 'Dos clientes lado a lado antes de fusionarlos', querystring: par } },
    async (request) => vistaPreviaFusion(db(), usuarioDe(request), request.query.id_a, request.query.id_b),
  );

  app.post(
    '/api/fusiones',
    {
      schema: {
        tags,
        summary: 'Fusionar un cliente en otro (toda su historia pasa al que se conserva)',
        body: pedidoFusion,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await fusionarClientes(db(), usuarioDe(request), actorDe(request), request.body)),
  );

  app.post(
    '/api/fusiones/:id/deshacer',
    {
      schema: {
        tags,
        summary: 'Deshacer una fusión (solo administradores, si nada cambió desde entonces)',
        params: z.strictObject({ id }),
      },
    },
    async (request) => deshacerFusion(db(), usuarioDe(request), actorDe(request), request.params.id),
  );

  app.get(
    '/api/clientes/:id/fusiones',
    { schema: { tags, summary: 'Fusiones en que participó un cliente', params: z.strictObject({ id }) } },
    async (request) => ({ items: await fusionesDeCliente(db(), usuarioDe(request), request.params.id) }),
  );
};
