import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** CSV/XLSX import and export (being written). */
export const rutasImportacion: FastifyPluginAsyncZod = async () => {};
