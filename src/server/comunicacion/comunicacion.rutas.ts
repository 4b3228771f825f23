import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { paginacion } from '../../shared/listas.ts';
import { registrarAuditoria } from '../auditoria/auditoria.ts';
import { actorDe, usuarioDe } from '../http/contexto.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import { cambiarAlerta, listarAlertas } from './alertas.ts';
import {
  crearCampana,
  destinatariosDeCampana,
  enviarCampana,
  listarCampanas,
  nuevaCampana,
  previsualizarDestinatarios,
  destinatariosCampana,
  resultadosCampana,
} from './campanas.ts';
import { consentimientosCliente, darseDeBaja, registrarConsentimiento } from './consentimientos.ts';
import { reporteInactivos } from './inactivos.ts';
import { marcarEnviado } from './mensajes.ts';
import { listarFechasEspeciales } from './recordatorios.ts';
import { guardarReglas, obtenerReglas, reglasContacto } from './tope.ts';

const params = z.strictObject({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const fecha = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use una fecha aaaa-mm-dd.');
const canal = z.enum(['email', 'whatsapp', 'sms']);

function paginaBaja(titulo: string, texto: string, formulario = '') {
  return `<!doctype html><html lang="es-CL"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${titulo}</title>
<style>body{font:17px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1c2a1c}button{font:inherit;padding:.8rem 1.4rem;background:#2f6b1f;color:#fff;border:0;border-radius:.5rem}</style>
</head><body><h1>${titulo}</h1><p>${texto}</p>${formulario}</body></html>`;
}

export const rutasComunicacion: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.rancho;
  const tags = ['comunicación'];

  app.get(
    '/api/alertas',
    {
      schema: {
        tags,
        summary: 'Alertas que piden acción hoy',
        querystring: z.strictObject({
          todos: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
          tipo: z.enum(['seguimiento', 'mantencion', 'inactividad', 'fecha_especial', 'detractor']).optional(),
          ...paginacion,
        }),
      },
    },
    async (request) => listarAlertas(db.db, usuarioDe(request), request.query),
  );
  app.post(
    '/api/alertas/:id/atender',
    { schema: { tags, summary: 'Marcar una alerta como atendida', params } },
    async (request) => cambiarAlerta(db.db, usuarioDe(request), request.params.id, { accion: 'atender' }),
  );
  app.post(
    '/api/alertas/:id/descartar',
    {
      schema: {
        tags,
        summary: 'Descartar una alerta con motivo',
        params,
        body: z.strictObject({ motivo: z.string().trim().min(1, 'Indique el motivo.').max(300) }),
      },
    },
    async (request) =>
      cambiarAlerta(db.db, usuarioDe(request), request.params.id, { accion: 'descartar', motivo: request.body.motivo }),
  );
  app.post(
    '/api/alertas/:id/posponer',
    { schema: { tags, summary: 'Posponer una alerta', params, body: z.strictObject({ hasta: fecha }) } },
    async (request) =>
      cambiarAlerta(db.db, usuarioDe(request), request.params.id, { accion: 'posponer', hasta: request.body.hasta }),
  );

  app.get(
    '/api/reportes/inactivos',
    {
      schema: {
        tags,
        summary: 'Clientes sin interacción en N meses (reporte 5)',
        querystring: z.strictObject({
          meses: z.coerce.number().int().min(1).max(120).default(6),
          region: z.string().max(80).optional(),
          segmento: z.enum(['A', 'B', 'C']).optional(),
          ...paginacion,
        }),
      },
    },
    async (request) => reporteInactivos(db.db, usuarioDe(request), request.query),
  );

  app.get('/api/campanas', { schema: { tags, summary: 'Campañas' } }, async (request) => ({
    items: await listarCampanas(db.db, usuarioDe(request)),
  }));
  app.post(
    '/api/campanas',
    { schema: { tags, summary: 'Crear una campaña (borrador)', body: nuevaCampana } },
    async (request, reply) =>
      reply.code(201).send(await crearCampana(db.db, usuarioDe(request), actorDe(request), request.body)),
  );
  app.post(
    '/api/campanas/vista-previa',
    {
      schema: {
        tags,
        summary: 'Destinatarios que tendría una campaña',
        body: z.strictObject({ canal: z.enum(['preferido', 'email', 'whatsapp']), filtros: destinatariosCampana }),
      },
    },
    async (request) => {
      exigirRol(usuarioDe(request), TODOS, 'ver campañas');
      const lista = await previsualizarDestinatarios(db.db, request.body.canal, request.body.filtros);
      return { total: lista.length, incluidos: lista.filter((d) => d.incluido).length, items: lista.slice(0, 500) };
    },
  );
  app.get(
    '/api/campanas/:id/destinatarios',
    { schema: { tags, summary: 'Destinatarios con vista previa del mensaje', params } },
    async (request) => destinatariosDeCampana(db.db, usuarioDe(request), request.params.id),
  );
  app.post('/api/campanas/:id/enviar', { schema: { tags, summary: 'Enviar la campaña', params } }, async (request) =>
    enviarCampana(db.db, usuarioDe(request), actorDe(request), request.params.id, config.publicUrl),
  );
  app.get('/api/campanas/:id', { schema: { tags, summary: 'Resultados por destinatario', params } }, async (request) =>
    resultadosCampana(db.db, usuarioDe(request), request.params.id),
  );

  app.get(
    '/api/ajustes/contacto',
    { schema: { tags, summary: 'Tope de contacto en 30 días y horario de silencio' } },
    async (request) => obtenerReglas(db.db, usuarioDe(request)),
  );
  app.put(
    '/api/ajustes/contacto',
    { schema: { tags, summary: 'Cambiar el tope de contacto y el horario de silencio', body: reglasContacto } },
    async (request) => guardarReglas(db.db, usuarioDe(request), actorDe(request), request.body),
  );

  app.get(
    '/api/mensajes',
    {
      schema: {
        tags,
        summary: 'Bandeja de salida: mensajes enviados, pendientes y fallidos',
        querystring: z.strictObject({
          estado: z.enum(['pendiente', 'enviado', 'fallido', 'retenido', 'omitido', 'respondido']).optional(),
          canal: canal.optional(),
          id_cliente: z.coerce.number().int().positive().optional(),
          ...paginacion,
        }),
      },
    },
    async (request) => {
      exigirRol(usuarioDe(request), ['admin', 'comercial'], 'ver la bandeja de salida');
      let q = db.db.selectFrom('mensajes as m').innerJoin('clientes as c', 'c.id_cliente', 'm.id_cliente');
      if (request.query.estado) q = q.where('m.estado', '=', request.query.estado);
      if (request.query.canal) q = q.where('m.canal', '=', request.query.canal);
      if (request.query.id_cliente) q = q.where('m.id_cliente', '=', request.query.id_cliente);
      const [items, total] = await Promise.all([
        q
          .selectAll('m')
          .select('c.nombre as cliente')
          .orderBy('m.creado_en', 'desc')
          .orderBy('m.id_mensaje', 'desc')
          .limit(request.query.limit)
          .offset(request.query.offset)
          .execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { total: Number(total.n), items };
    },
  );
  app.post(
    '/api/mensajes/:id/enviado',
    { schema: { tags, summary: 'Marcar un WhatsApp como enviado por el personal', params } },
    async (request) => {
      // Campaign and greeting messages are commercial work: the same roles that see the outbox.
      const u = exigirRol(usuarioDe(request), ['admin', 'comercial'], 'enviar mensajes');
      await marcarEnviado(db.db, request.params.id, 'enlace', new Date(), u.id_usuario);
      return { ok: true };
    },
  );
  app.post(
    '/api/mensajes/:id/respondido',
    {
      schema: {
        tags,
        summary: 'Registrar que el cliente respondió',
        params,
        body: z.strictObject({ resultado: z.string().max(2000).optional() }),
      },
    },
    async (request) => {
      exigirRol(usuarioDe(request), ['admin', 'comercial'], 'registrar respuestas');
      const m = await db.db
        .updateTable('mensajes')
        .set({ estado: 'respondido' })
        .where('id_mensaje', '=', request.params.id)
        .where('estado', 'in', ['enviado', 'respondido'])
        .returning(['id_cliente', 'id_interaccion'])
        .executeTakeFirst();
      if (m?.id_interaccion && request.body.resultado) {
        await db.db
          .updateTable('interacciones_cliente')
          .set({ resultado: request.body.resultado })
          .where('id_interaccion', '=', m.id_interaccion)
          .execute();
      }
      await registrarAuditoria(db.db, actorDe(request), {
        accion: 'respondido',
        entidad: 'mensaje',
        id_entidad: request.params.id,
        id_cliente: m?.id_cliente ?? null,
      });
      return { ok: Boolean(m) };
    },
  );

  app.get(
    '/api/fechas-especiales',
    {
      schema: {
        tags,
        summary: 'Cumpleaños y aniversarios de los próximos días',
        querystring: z.strictObject({ dias: z.coerce.number().int().min(1).max(60).default(7) }),
      },
    },
    async (request) => listarFechasEspeciales(db.db, usuarioDe(request), request.query.dias),
  );

  app.get(
    '/api/clientes/:id/consentimientos',
    { schema: { tags, summary: 'Consentimientos por canal', params } },
    async (request) => consentimientosCliente(db.db, usuarioDe(request), request.params.id),
  );
  app.post(
    '/api/clientes/:id/consentimientos',
    {
      schema: {
        tags,
        summary: 'Registrar un consentimiento o su retiro',
        params,
        body: z.strictObject({ canal, otorgado: z.boolean(), fuente: z.string().trim().min(2).max(200) }),
      },
    },
    async (request, reply) => {
      await registrarConsentimiento(db.db, usuarioDe(request), actorDe(request), request.params.id, request.body);
      return reply.code(201).send(await consentimientosCliente(db.db, usuarioDe(request), request.params.id));
    },
  );

  // Opt-out from the link in every email: no session; GET only shows a confirmation (link
  // scanners must not unsubscribe anyone), the form's POST records it.
  const token = z.strictObject({ token: z.string().max(120) });
  app.get(
    '/api/public/baja/:token',
    {
      config: { publico: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { hide: true, params: token },
    },
    async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(
          paginaBaja(
            'Dejar de recibir correos',
            '¿Confirma que no desea recibir más correos del taller? Seguiremos atendiéndole por los otros medios.',
            `<form method="post"><button type="submit">Sí, no quiero más correos</button></form>`,
          ),
        ),
  );
  app.post(
    '/api/public/baja/:token',
    {
      config: { publico: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { hide: true, params: token },
    },
    async (request, reply) => {
      const r = await darseDeBaja(db.db, request.params.token, request.ip);
      return reply
        .code(r ? 200 : 404)
        .type('text/html; charset=utf-8')
        .send(
          r
            ? paginaBaja('Listo', 'No le enviaremos más correos. Si cambia de opinión, avísenos.')
            : paginaBaja('Enlace no válido', 'El enlace no es válido o está incompleto.'),
        );
    },
  );
};
