import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TIPOS_EQUIPO } from '../../shared/clientes.ts';
import { paginacion } from '../../shared/listas.ts';
import { registrarAuditoria } from '../auditoria/auditoria.ts';
import { actorDe, usuarioDe } from '../http/contexto.ts';
import { exigirCambios } from '../http/errores.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import { oportunidadesCliente, oportunidadesTaller, TIPOS_OPORTUNIDAD, valorCliente } from './oportunidades.ts';
import { rankingValor, reporteSegmentos } from './reportes.ts';
import { recalcularValor } from './valor.ts';
import { verificarMetricas } from './verificar.ts';

const params = z.strictObject({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const fecha = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use una fecha aaaa-mm-dd.');

export const rutasValor: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.rancho.db.db;
  const tags = ['valor'];

  app.get(
    '/api/reportes/ranking-valor',
    {
      schema: {
        tags,
        summary: 'Ranking de clientes por valor (reporte 2)',
        querystring: z.strictObject({
          desde: fecha.optional(),
          hasta: fecha.optional(),
          region: z.string().max(80).optional(),
          segmento: z.enum(['A', 'B', 'C']).optional(),
          ...paginacion,
        }),
      },
    },
    async (request) => rankingValor(db(), usuarioDe(request), request.query),
  );

  app.get(
    '/api/reportes/segmentos',
    { schema: { tags, summary: 'Matriz ABC × potencial y comparación de segmentos' } },
    async (request) => reporteSegmentos(db(), usuarioDe(request)),
  );

  app.get(
    '/api/oportunidades',
    {
      schema: {
        tags,
        summary: 'Oportunidades de todo el taller',
        querystring: z.strictObject({ tipo: z.enum(TIPOS_OPORTUNIDAD).optional(), ...paginacion }),
      },
    },
    async (request) => oportunidadesTaller(db(), usuarioDe(request), request.query),
  );

  app.get(
    '/api/clientes/:id/oportunidades',
    { schema: { tags, summary: 'Oportunidades de un cliente', params } },
    async (request) => oportunidadesCliente(db(), usuarioDe(request), request.params.id),
  );

  app.get(
    '/api/clientes/:id/valor',
    { schema: { tags, summary: 'Valor histórico, potencial, brecha y proyección', params } },
    async (request) => valorCliente(db(), usuarioDe(request), request.params.id),
  );

  app.post(
    '/api/valor/recalcular',
    { schema: { tags, summary: 'Recalcular métricas y segmentos ahora (administradores)' } },
    async (request) => {
      exigirRol(usuarioDe(request), ['admin'], 'recalcular las métricas');
      const r = await recalcularValor(db());
      await registrarAuditoria(db(), actorDe(request), {
        accion: 'recalcular',
        entidad: 'metricas_clientes',
        detalle: r,
      });
      return r;
    },
  );

  app.get(
    '/api/valor/verificar',
    { schema: { tags, summary: 'Comparar las métricas guardadas con un cálculo desde cero' } },
    async (request) => {
      exigirRol(usuarioDe(request), ['admin'], 'verificar las métricas');
      const diferencias = await verificarMetricas(db());
      return { correcto: diferencias.length === 0, diferencias: diferencias.length, muestra: diferencias.slice(0, 50) };
    },
  );

  app.get(
    '/api/gasto-esperado',
    { schema: { tags, summary: 'Gasto anual esperado por tipo de equipo' } },
    async (request) => {
      exigirRol(usuarioDe(request), TODOS, 'ver el gasto esperado');
      return { items: await db().selectFrom('gasto_esperado_tipo').selectAll().orderBy('tipo').execute() };
    },
  );

  app.patch(
    '/api/gasto-esperado/:tipo',
    {
      schema: {
        tags,
        summary: 'Editar el gasto anual esperado de un tipo (administradores)',
        params: z.strictObject({ tipo: z.enum(TIPOS_EQUIPO) }),
        body: z.strictObject({
          monto_anual: z.number().int().min(0).max(1_000_000_000).optional(),
          horas_referencia: z.number().int().min(1).max(10_000).optional(),
        }),
      },
    },
    async (request) => {
      exigirRol(usuarioDe(request), ['admin'], 'editar el gasto esperado');
      return db()
        .transaction()
        .execute(async (trx) => {
          const r = await trx
            .updateTable('gasto_esperado_tipo')
            .set(exigirCambios(request.body))
            .where('tipo', '=', request.params.tipo)
            .returningAll()
            .executeTakeFirstOrThrow();
          await registrarAuditoria(trx, actorDe(request), {
            accion: 'editar',
            entidad: 'gasto_esperado_tipo',
            id_entidad: request.params.tipo,
            detalle: request.body,
          });
          return r;
        });
    },
  );
};
