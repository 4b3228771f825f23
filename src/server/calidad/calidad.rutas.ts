import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorDe, usuarioDe } from '../http/contexto.ts';
import { confirmarDatos, panelCompletitud } from './completitud.ts';

const params = z.strictObject({ id: z.coerce.number().int().positive().max(2_147_483_647) });

/** /api/calidad: how complete the customer data is, and confirming a cliente's data. */
export const rutasCalidad: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.rancho.db.db;

  app.get(
    '/api/calidad/completitud',
    { schema: { tags: ['calidad'], summary: 'Clientes a los que les falta cada dato (cantidad y %)' } },
    async (request) => panelCompletitud(db(), usuarioDe(request)),
  );

  app.post(
    '/api/clientes/:id/confirmar-datos',
    {
      schema: {
        tags: ['calidad'],
        summary: 'Marcar los datos del cliente como confirmados hoy (con la versión leída)',
        params,
        body: z.strictObject({ version: z.number().int().min(1) }),
      },
    },
    async (request) =>
      confirmarDatos(db(), usuarioDe(request), actorDe(request), request.params.id, request.body.version),
  );
};
