import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hoyEnSantiago } from '../../shared/formato.ts';
import { filtrosKpis, KPIS } from '../../shared/kpis.ts';
import { buscarRegion } from '../../shared/territorio.ts';
import { registrarAuditoria, type RegistroAuditoria } from '../auditoria/auditoria.ts';
import { actorDe, usuarioDe } from '../http/contexto.ts';
import { tableroKpis } from '../kpis/kpis.ts';
import { reporteRegiones } from '../reportes/regiones.ts';
import { csvClientesKpi, csvInactivos, csvRegiones } from './csv.ts';
import { datosFicha, pdfFicha } from './ficha.pdf.ts';
import { pdfKpis, pdfRegiones } from './reportes.pdf.ts';
import { briefVisita } from './visita.ts';
import { pdfVisita } from './visita.pdf.ts';

const params = z.strictObject({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const GRUPOS = ['retenidos', 'perdidos', 'promotores', 'pasivos', 'detractores', 'aceptadas', 'pendientes'] as const;

/** `Agrícola El Triunfo` → `agricola-el-triunfo`: a file name every system accepts. */
export function nombreArchivo(...partes: string[]): string {
  return partes
    .join('-')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+(?=\.)|-+$/g, '')
    .slice(0, 120);
}

/** A generated file as a download; never cached, since most carry personal data. */
function descargar(reply: FastifyReply, tipo: string, archivo: string, contenido: Buffer | string) {
  return reply
    .header('content-disposition', `attachment; filename="${archivo}"`)
    .header('cache-control', 'no-store')
    .type(tipo)
    .send(contenido);
}

/**
 * Documents generated on the server: visit brief (JSON and PDF), ficha PDF, report PDFs and the
 * CSVs of the map and the KPI click-through. Each one is audited as an export (DESIGN.md "Security":
 * every export of personal data), after it was built and before a byte leaves.
 */
export const rutasDocumentos: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.rancho.db.db;
  const tags = ['documentos'];
  const auditar = (request: Parameters<typeof actorDe>[0], registro: Omit<RegistroAuditoria, 'accion'>) =>
    registrarAuditoria(db(), actorDe(request), { accion: 'exportar', ...registro });

  app.get(
    '/api/clientes/:id/visita',
    { schema: { tags, summary: 'Preparación de visita: hechos del cliente y puntos de conversación', params } },
    async (request) => {
      const brief = await briefVisita(db(), usuarioDe(request), request.params.id);
      await auditar(request, {
        entidad: 'visita',
        id_entidad: brief.cliente.id_cliente,
        id_cliente: brief.cliente.id_cliente,
        detalle: { formato: 'json' },
      });
      return brief;
    },
  );

  app.get(
    '/api/clientes/:id/visita.pdf',
    { schema: { tags, summary: 'Preparación de visita en PDF', params } },
    async (request, reply) => {
      const brief = await briefVisita(db(), usuarioDe(request), request.params.id);
      const pdf = await pdfVisita(brief);
      await auditar(request, {
        entidad: 'visita',
        id_entidad: brief.cliente.id_cliente,
        id_cliente: brief.cliente.id_cliente,
        detalle: { formato: 'pdf', bytes: pdf.length },
      });
      return descargar(
        reply,
        'application/pdf',
        nombreArchivo('visita', brief.cliente.nombre, `${brief.fecha}.pdf`),
        pdf,
      );
    },
  );

  app.get(
    '/api/clientes/:id/ficha.pdf',
    { schema: { tags, summary: 'Ficha completa del cliente en PDF (reporte 1)', params } },
    async (request, reply) => {
      const datos = await datosFicha(db(), usuarioDe(request), request.params.id);
      const pdf = await pdfFicha(datos);
      const c = datos.ficha.cliente;
      await auditar(request, {
        entidad: 'ficha',
        id_entidad: c.id_cliente,
        id_cliente: c.id_cliente,
        detalle: { formato: 'pdf', bytes: pdf.length },
      });
      return descargar(reply, 'application/pdf', nombreArchivo('ficha', c.nombre, `${datos.hoy}.pdf`), pdf);
    },
  );

  app.get(
    '/api/kpis.pdf',
    { schema: { tags, summary: 'Los cinco KPIs del período en PDF', querystring: filtrosKpis } },
    async (request, reply) => {
      const f = request.query;
      const tablero = await tableroKpis(db(), usuarioDe(request), f);
      const filtros = {
        region: f.region ? (buscarRegion(f.region)?.region ?? f.region) : undefined,
        segmento: f.segmento,
      };
      const pdf = await pdfKpis(tablero, filtros);
      await auditar(request, { entidad: 'kpis', detalle: { formato: 'pdf', ...f } });
      return descargar(
        reply,
        'application/pdf',
        nombreArchivo('indicadores', tablero.periodo.desde, `${tablero.periodo.hasta}.pdf`),
        pdf,
      );
    },
  );

  app.get(
    '/api/kpis/:kpi/clientes.csv',
    {
      schema: {
        tags,
        summary: 'Los clientes detrás de un KPI, en CSV (admin y comercial)',
        params: z.strictObject({ kpi: z.enum(KPIS) }),
        querystring: filtrosKpis.extend({ grupo: z.enum(GRUPOS).optional() }),
      },
    },
    async (request, reply) => {
      const { grupo, ...f } = request.query;
      const { kpi } = request.params;
      const r = await csvClientesKpi(db(), usuarioDe(request), kpi, grupo, f);
      await auditar(request, {
        entidad: 'kpi_clientes',
        detalle: { formato: 'csv', kpi, grupo: grupo ?? null, ...f, filas: r.total },
      });
      return descargar(
        reply,
        'text/csv; charset=utf-8',
        nombreArchivo('clientes', kpi, grupo ?? '', `${hoyEnSantiago()}.csv`),
        r.contenido,
      );
    },
  );

  app.get(
    '/api/reportes/regiones.pdf',
    { schema: { tags, summary: 'Clientes por región en PDF (reporte 3)' } },
    async (request, reply) => {
      const r = await reporteRegiones(db(), usuarioDe(request));
      const pdf = await pdfRegiones(r);
      await auditar(request, { entidad: 'regiones', detalle: { formato: 'pdf' } });
      return descargar(
        reply,
        'application/pdf',
        nombreArchivo('clientes-por-region', `${r.periodo_nps.hasta}.pdf`),
        pdf,
      );
    },
  );

  app.get(
    '/api/reportes/regiones.csv',
    { schema: { tags, summary: 'Clientes por región en CSV' } },
    async (request, reply) => {
      const r = await reporteRegiones(db(), usuarioDe(request));
      await auditar(request, { entidad: 'regiones', detalle: { formato: 'csv' } });
      return descargar(
        reply,
        'text/csv; charset=utf-8',
        nombreArchivo('clientes-por-region', `${r.periodo_nps.hasta}.csv`),
        csvRegiones(r),
      );
    },
  );

  app.get(
    '/api/reportes/inactivos.csv',
    {
      schema: {
        tags,
        summary: 'Clientes inactivos en CSV: todos los del filtro o los elegidos (admin y comercial)',
        querystring: z.strictObject({
          meses: z.coerce.number().int().min(1).max(120).default(6),
          region: z.string().max(80).optional(),
          segmento: z.enum(['A', 'B', 'C']).optional(),
          ids: z
            .string()
            .regex(/^\d{1,10}(,\d{1,10}){0,999}$/, 'Use ids separados por comas.')
            .transform((t) => t.split(',').map(Number))
            .optional(),
        }),
      },
    },
    async (request, reply) => {
      const f = request.query;
      const r = await csvInactivos(db(), usuarioDe(request), f);
      await auditar(request, {
        entidad: 'inactivos',
        detalle: {
          formato: 'csv',
          meses: f.meses,
          region: f.region ?? null,
          segmento: f.segmento ?? null,
          elegidos: f.ids?.length ?? null,
          filas: r.total,
        },
      });
      return descargar(
        reply,
        'text/csv; charset=utf-8',
        nombreArchivo('clientes-inactivos', `${f.meses}-meses`, `${hoyEnSantiago()}.csv`),
        r.contenido,
      );
    },
  );
};
