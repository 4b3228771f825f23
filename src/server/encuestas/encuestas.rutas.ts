import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  encuestaDigitada,
  filtrosAnalisis,
  filtrosComentarios,
  nuevaEncuesta,
  plantillaEncuesta,
  respuestaEncuesta,
} from '../../shared/encuestas.ts';
import { registrarAuditoria } from '../auditoria/auditoria.ts';
import { actorDe, usuarioDe } from '../http/contexto.ts';
import { exigirCambios } from '../http/errores.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import { analisisSatisfaccion, comentariosSatisfaccion } from './analisis.ts';
import { crearEncuesta, digitarEncuesta, encuestaPublica, responderEncuesta } from './encuestas.ts';

const token = z.strictObject({
  token: z
    .string()
    .min(20)
    .max(100)
    .regex(/^[\w-]+$/, 'Enlace inválido.'),
});
// Public endpoints are the only ones reachable without a session: throttle them per address.
const limite = { rateLimit: { max: 30, timeWindow: '1 minute' } };

export const rutasEncuestas: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.rancho;
  const tags = ['satisfacción'];

  app.post(
    '/api/encuestas',
    { schema: { tags, summary: 'Crear y enviar una encuesta personalizada', body: nuevaEncuesta } },
    async (request, reply) =>
      reply
        .code(201)
        .send(await crearEncuesta(db.db, usuarioDe(request), actorDe(request), request.body, config.publicUrl)),
  );

  app.post(
    '/api/encuestas/digitada',
    { schema: { tags, summary: 'Registrar una encuesta contestada por teléfono', body: encuestaDigitada } },
    async (request, reply) =>
      reply.code(201).send(await digitarEncuesta(db.db, usuarioDe(request), actorDe(request), request.body)),
  );

  app.get(
    '/api/reportes/satisfaccion',
    { schema: { tags, summary: 'Análisis de satisfacción (reporte 4)', querystring: filtrosAnalisis } },
    async (request) => analisisSatisfaccion(db.db, usuarioDe(request), request.query),
  );

  app.get(
    '/api/reportes/satisfaccion/comentarios',
    { schema: { tags, summary: 'Comentarios de las encuestas', querystring: filtrosComentarios } },
    async (request) => comentariosSatisfaccion(db.db, usuarioDe(request), request.query),
  );

  app.get('/api/plantillas-encuesta', { schema: { tags, summary: 'Plantilla de las encuestas' } }, async (request) => {
    exigirRol(usuarioDe(request), TODOS, 'ver la plantilla de encuesta');
    return db.db
      .selectFrom('plantillas_encuesta')
      .selectAll()
      .where('activa', '=', true)
      .orderBy('id_plantilla')
      .executeTakeFirstOrThrow();
  });

  app.patch(
    '/api/plantillas-encuesta',
    { schema: { tags, summary: 'Editar la plantilla (solo administradores)', body: plantillaEncuesta } },
    async (request) => {
      exigirRol(usuarioDe(request), ['admin'], 'editar la plantilla de encuesta');
      return db.db.transaction().execute(async (trx) => {
        const p = await trx
          .updateTable('plantillas_encuesta')
          .set(exigirCambios(request.body))
          .where('activa', '=', true)
          .returningAll()
          .executeTakeFirstOrThrow();
        await registrarAuditoria(trx, actorDe(request), {
          accion: 'editar',
          entidad: 'plantilla_encuesta',
          id_entidad: p.id_plantilla,
          detalle: request.body,
        });
        return p;
      });
    },
  );

  app.get(
    '/api/public/encuestas/:token',
    {
      config: { publico: true, ...limite },
      schema: { tags, summary: 'Encuesta pública (sin sesión)', params: token, security: [] },
    },
    async (request) => encuestaPublica(db.db, request.params.token),
  );

  app.post(
    '/api/public/encuestas/:token',
    {
      config: { publico: true, ...limite },
      schema: {
        tags,
        summary: 'Responder la encuesta (una sola vez)',
        params: token,
        body: respuestaEncuesta,
        security: [],
      },
    },
    async (request) => responderEncuesta(db.db, request.params.token, request.body),
  );
};
