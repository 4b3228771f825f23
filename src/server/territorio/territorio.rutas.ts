import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { COMUNAS, REGIONES } from '../../shared/territorio.ts';

/** Regiones y comunas oficiales, para los selectores del formulario. */
export const rutasTerritorio: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/territorio',
    { schema: { tags: ['territorio'], summary: 'Regiones y comunas de Chile' } },
    async () => ({
      regiones: REGIONES,
      comunas: COMUNAS,
    }),
  );
};
