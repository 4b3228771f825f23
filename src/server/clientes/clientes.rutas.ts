import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clienteEdicion, clienteEntrada } from '../../shared/clientes.ts';
import { filtrosClientes } from '../../shared/listas.ts';
import { actorDe, usuarioDe } from '../http/contexto.ts';
import {
  archivarCliente,
  clientesParecidos,
  editarCliente,
  listarClientes,
  obtenerCliente,
  registrarCliente,
} from './clientes.ts';
import { fichaEnJson } from './ficha.ts';

const params = z.strictObject({ id: z.coerce.number().int().positive().max(2_147_483_647) });

/** /api/clientes: validate → authorise (in the use case) → one use case → present. */
export const rutasClientes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.rancho.db.db;

  app.get(
    '/api/clientes',
    { schema: { tags: ['clientes'], summary: 'Buscar y listar clientes', querystring: filtrosClientes } },
    async (request) => listarClientes(db(), usuarioDe(request), request.query),
  );

  app.get(
    '/api/clientes/parecidos',
    {
      schema: {
        tags: ['clientes'],
        summary: 'Clientes de nombre muy parecido (advertencia de duplicado)',
        querystring: z.strictObject({
          nombre: z.string().min(1).max(200),
          excluir: z.coerce.number().int().positive().optional(),
        }),
      },
    },
    async (request) => ({
      items: await clientesParecidos(db(), usuarioDe(request), request.query.nombre, request.query.excluir),
    }),
  );

  app.post(
    '/api/clientes',
    { schema: { tags: ['clientes'], summary: 'Registrar un cliente', body: clienteEntrada } },
    async (request, reply) => {
      const r = await registrarCliente(db(), usuarioDe(request), actorDe(request), request.body);
      return reply.code(201).header('location', `/api/clientes/${r.cliente.id_cliente}`).send(r);
    },
  );

  app.get(
    '/api/clientes/:id',
    { schema: { tags: ['clientes'], summary: 'Datos de un cliente', params } },
    async (request) => obtenerCliente(db(), usuarioDe(request), request.params.id),
  );

  app.patch(
    '/api/clientes/:id',
    {
      schema: { tags: ['clientes'], summary: 'Editar un cliente (con la versión leída)', params, body: clienteEdicion },
    },
    async (request) => editarCliente(db(), usuarioDe(request), actorDe(request), request.params.id, request.body),
  );

  app.post(
    '/api/clientes/:id/archivar',
    { schema: { tags: ['clientes'], summary: 'Archivar un cliente (nunca se borra)', params } },
    async (request) => archivarCliente(db(), usuarioDe(request), actorDe(request), request.params.id, true),
  );

  app.post(
    '/api/clientes/:id/restaurar',
    { schema: { tags: ['clientes'], summary: 'Sacar a un cliente del archivo', params } },
    async (request) => archivarCliente(db(), usuarioDe(request), actorDe(request), request.params.id, false),
  );

  app.get(
    '/api/clientes/:id/ficha',
    { schema: { tags: ['clientes'], summary: 'Ficha completa del cliente', params } },
    async (request, reply) =>
      reply
        .type('application/json; charset=utf-8')
        .send(await fichaEnJson(db(), app.rancho.fichas, usuarioDe(request), request.params.id)),
  );
};
