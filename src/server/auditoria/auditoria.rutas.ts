import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { filtrosAuditoria } from '../../shared/privacidad.ts';
import { usuarioDe } from '../http/contexto.ts';
import { listarAuditoria } from './consultas.ts';

/** GET /api/auditoria: read only; there is deliberately no route that edits or deletes a record. */
export const rutasAuditoria: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/auditoria',
    {
      schema: {
        tags: ['auditoria'],
        summary: 'Registro de auditoría: escrituras y exportaciones, con filtros (admin)',
        querystring: filtrosAuditoria,
      },
    },
    async (request) => listarAuditoria(app.rancho.db.db, usuarioDe(request), request.query),
  );
};
