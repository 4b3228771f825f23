import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorDe, usuarioDe } from '../http/contexto.ts';
import { borrarEtiqueta, crearEtiqueta, editarEtiqueta, listarEtiquetas } from './etiquetas.ts';
import { borrarVista, guardarVista, listarVistas } from './vistas.ts';

const COLORES = [
  'gray',
  'red',
  'pink',
  'grape',
  'violet',
  'indigo',
  'blue',
  'cyan',
  'teal',
  'green',
  'lime',
  'yellow',
  'orange',
] as const;
const params = z.strictObject({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const etiqueta = z.strictObject({ nombre: z.string().trim().min(1).max(60), color: z.enum(COLORES).optional() });

/** Clasificación: etiquetas con color y vistas guardadas de la lista de clientes. */
export const rutasEtiquetas: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.rancho.db.db;
  const tags = ['clasificación'];
  app.get('/api/etiquetas', { schema: { tags, summary: 'Etiquetas para clasificar clientes' } }, async (request) => ({
    items: await listarEtiquetas(db(), usuarioDe(request)),
  }));
  app.post(
    '/api/etiquetas',
    { schema: { tags, summary: 'Crear una etiqueta', body: etiqueta } },
    async (request, reply) =>
      reply.code(201).send(await crearEtiqueta(db(), usuarioDe(request), actorDe(request), request.body)),
  );
  app.patch(
    '/api/etiquetas/:id',
    { schema: { tags, summary: 'Cambiar nombre o color de una etiqueta', params, body: etiqueta.partial() } },
    async (request) => editarEtiqueta(db(), usuarioDe(request), actorDe(request), request.params.id, request.body),
  );
  app.delete(
    '/api/etiquetas/:id',
    { schema: { tags, summary: 'Borrar una etiqueta', params } },
    async (request, reply) => {
      await borrarEtiqueta(db(), usuarioDe(request), actorDe(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.get('/api/vistas', { schema: { tags, summary: 'Mis vistas guardadas de clientes' } }, async (request) => ({
    items: await listarVistas(db(), usuarioDe(request)),
  }));
  app.post(
    '/api/vistas',
    {
      schema: {
        tags,
        summary: 'Guardar la búsqueda actual como vista',
        body: z.strictObject({
          nombre: z.string().trim().min(1).max(80),
          filtros: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
        }),
      },
    },
    async (request, reply) => reply.code(201).send(await guardarVista(db(), usuarioDe(request), request.body)),
  );
  app.delete(
    '/api/vistas/:id',
    { schema: { tags, summary: 'Borrar una vista guardada', params } },
    async (request, reply) => {
      await borrarVista(db(), usuarioDe(request), request.params.id);
      return reply.code(204).send();
    },
  );
};
