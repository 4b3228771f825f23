import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  anonimizacionEntrada,
  bloqueoEntrada,
  cierreSolicitud,
  filtrosSolicitudes,
  solicitudEntrada,
} from '../../shared/privacidad.ts';
import { nombreArchivo } from '../documentos/documentos.rutas.ts';
import { actorDe, usuarioDe } from '../http/contexto.ts';
import { anonimizarCliente } from './anonimizar.ts';
import { cambiarBloqueo } from './bloqueo.ts';
import { exportarDatosPersonales } from './datosPersonales.ts';
import { pdfDatosPersonales } from './datosPersonales.pdf.ts';
import { cerrarSolicitud, listarSolicitudes, registrarSolicitud } from './solicitudes.ts';

const params = z.strictObject({ id: z.coerce.number().int().positive().max(2_147_483_647) });

/** Derechos del titular (Ley 21.719): exportar, bloquear, anonimizar y las solicitudes con su plazo. Solo admin. */
export const rutasPrivacidad: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.rancho.db.db;
  const tags = ['privacidad'];

  app.get(
    '/api/clientes/:id/datos-personales',
    {
      schema: {
        tags,
        summary: 'Todos los datos personales del cliente, en JSON o PDF (acceso y portabilidad; admin)',
        params,
        querystring: z.strictObject({ formato: z.enum(['json', 'pdf']).default('json') }),
      },
    },
    async (request, reply) => {
      const { formato } = request.query;
      const { datos, hoy } = await exportarDatosPersonales(
        db(),
        usuarioDe(request),
        actorDe(request),
        request.params.id,
        formato,
      );
      const archivo = nombreArchivo('datos-personales', `cliente-${request.params.id}`, `${hoy}.${formato}`);
      reply.header('content-disposition', `attachment; filename="${archivo}"`).header('cache-control', 'no-store');
      if (formato === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(datos, null, 2));
      return reply.type('application/pdf').send(await pdfDatosPersonales(datos));
    },
  );

  app.post(
    '/api/clientes/:id/bloqueo',
    {
      schema: {
        tags,
        summary: 'Bloquear o desbloquear el tratamiento de los datos del cliente (admin)',
        params,
        body: bloqueoEntrada,
      },
    },
    async (request) => cambiarBloqueo(db(), usuarioDe(request), actorDe(request), request.params.id, request.body),
  );

  app.post(
    '/api/clientes/:id/anonimizar',
    {
      schema: {
        tags,
        summary: 'Anonimizar al cliente: suprime sus datos personales, irreversible (admin, con confirmación)',
        params,
        body: anonimizacionEntrada,
      },
    },
    async (request) => anonimizarCliente(db(), usuarioDe(request), actorDe(request), request.params.id, request.body),
  );

  app.get(
    '/api/solicitudes-titular',
    { schema: { tags, summary: 'Solicitudes del titular con su plazo (admin)', querystring: filtrosSolicitudes } },
    async (request) => listarSolicitudes(db(), usuarioDe(request), request.query),
  );

  app.post(
    '/api/solicitudes-titular',
    { schema: { tags, summary: 'Registrar una solicitud del titular (plazo: 30 días)', body: solicitudEntrada } },
    async (request, reply) => {
      const s = await registrarSolicitud(db(), usuarioDe(request), actorDe(request), request.body);
      return reply.code(201).header('location', `/api/solicitudes-titular/${s.id_solicitud}`).send(s);
    },
  );

  app.post(
    '/api/solicitudes-titular/:id/cerrar',
    {
      schema: { tags, summary: 'Marcar una solicitud como cumplida o rechazada', params, body: cierreSolicitud },
    },
    async (request) => cerrarSolicitud(db(), usuarioDe(request), actorDe(request), request.params.id, request.body),
  );
};
