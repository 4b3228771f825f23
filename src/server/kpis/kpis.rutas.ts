import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { filtrosKpis, KPIS } from '../../shared/kpis.ts';
import { paginacion } from '../../shared/listas.ts';
import { usuarioDe } from '../http/contexto.ts';
import { comunasDeRegion, reporteRegiones } from '../reportes/regiones.ts';
import { clientesDeKpi, tableroKpis } from './kpis.ts';

export const rutasKpis: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.rancho.db.db;
  app.get(
    '/api/kpis',
    {
      schema: {
        tags: ['kpis'],
        summary: 'Los cinco KPIs del período, el anterior y 24 meses',
        querystring: filtrosKpis,
      },
    },
    async (request) => tableroKpis(db(), usuarioDe(request), request.query),
  );
  app.get(
    '/api/kpis/:kpi/clientes',
    {
      schema: {
        tags: ['kpis'],
        summary: 'Los clientes detrás de un KPI',
        params: z.strictObject({ kpi: z.enum(KPIS) }),
        querystring: filtrosKpis.extend({
          grupo: z
            .enum(['retenidos', 'perdidos', 'promotores', 'pasivos', 'detractores', 'aceptadas', 'pendientes'])
            .optional(),
          ...paginacion,
        }),
      },
    },
    async (request) => clientesDeKpi(db(), usuarioDe(request), request.params.kpi, request.query.grupo, request.query),
  );
  app.get(
    '/api/reportes/regiones',
    { schema: { tags: ['reportes'], summary: 'Clientes por región (reporte 3)' } },
    async (request) => reporteRegiones(db(), usuarioDe(request)),
  );
  app.get(
    '/api/reportes/regiones/:region/comunas',
    {
      schema: {
        tags: ['reportes'],
        summary: 'Comunas de una región con sus clientes',
        params: z.strictObject({ region: z.string().max(80) }),
      },
    },
    async (request) => comunasDeRegion(db(), usuarioDe(request), request.params.region),
  );
};
