import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorDe, usuarioDe } from '../http/contexto.ts';
import { crearEtiqueta, listarEtiquetas } from './etiquetas.ts';

const COLORES = ['gray', 'red', 'pink', 'grape', 'violet', 'indigo', 'blue', 'cyan', 'teal', 'green', 'lime', 'yellow', 'orange'] as const;

export const rutasEtiquetas: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.rancho.db.db;
  app.get('/api/etiquetas', { schema: { tags: ['clientes'], summary: 'Etiquetas para clasificar clientes' } }, async (request) => ({
    items: await listarEtiquetas(db(), usuarioDe(request)),
  }));
  app.post(
    '/api/etiquetas',
    {
      schema: {
        tags: ['clientes'],
        summary: 'Crear una etiqueta',
        body: z.strictObject({ nombre: z.string().trim().min(1).max(60), color: z.enum(COLORES).optional() }),
      },
    },
    async (request, reply) => reply.code(201).send(await crearEtiqueta(db(), usuarioDe(request), actorDe(request), request.body)),
  );
};
