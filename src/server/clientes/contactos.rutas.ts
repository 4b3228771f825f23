import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contactoEdicion, contactoEntrada } from '../../shared/contactos.ts';
import { actorDe, usuarioDe } from '../http/contexto.ts';
import { agregarContacto, editarContacto, eliminarContacto, listarContactos } from './contactos.ts';

const id = z.coerce.number().int().positive().max(2_147_483_647);
const params = z.strictObject({ id });
const paramsContacto = z.strictObject({ id, idContacto: id });

/** /api/clientes/:id/contactos: the people to talk to at a cliente (owner, administrator…). */
export const rutasContactos: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.rancho.db.db;

  app.get(
    '/api/clientes/:id/contactos',
    { schema: { tags: ['clientes'], summary: 'Personas de contacto del cliente', params } },
    async (request) => listarContactos(db(), usuarioDe(request), request.params.id),
  );

  app.post(
    '/api/clientes/:id/contactos',
    { schema: { tags: ['clientes'], summary: 'Agregar una persona de contacto', params, body: contactoEntrada } },
    async (request, reply) =>
      reply
        .code(201)
        .send(await agregarContacto(db(), usuarioDe(request), actorDe(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/clientes/:id/contactos/:idContacto',
    {
      schema: {
        tags: ['clientes'],
        summary: 'Editar una persona de contacto',
        params: paramsContacto,
        body: contactoEdicion,
      },
    },
    async (request) =>
      editarContacto(
        db(),
        usuarioDe(request),
        actorDe(request),
        request.params.id,
        request.params.idContacto,
        request.body,
      ),
  );

  app.delete(
    '/api/clientes/:id/contactos/:idContacto',
    { schema: { tags: ['clientes'], summary: 'Eliminar una persona de contacto', params: paramsContacto } },
    async (request, reply) => {
      await eliminarContacto(db(), usuarioDe(request), actorDe(request), request.params.id, request.params.idContacto);
      return reply.code(204).send();
    },
  );
};
