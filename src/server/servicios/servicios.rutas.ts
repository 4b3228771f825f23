import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  cotizacionEdicion,
  cotizacionEntrada,
  equipoEdicion,
  equipoEntrada,
  filtrosCotizaciones,
  filtrosEquipos,
  filtrosOrdenes,
  filtrosPedidos,
  lecturaEntrada,
  ordenEdicion,
  ordenEntrada,
  pedidoEdicion,
  pedidoEntrada,
} from '../../shared/servicios.ts';
import {
  editarCotizacion,
  listarCotizaciones,
  obtenerCotizacion,
  registrarCotizacion,
} from '../cotizaciones/cotizaciones.ts';
import { editarEquipo, listarEquipos, obtenerEquipo, registrarEquipo, registrarLectura } from '../equipos/equipos.ts';
import { actorDe, usuarioDe } from '../http/contexto.ts';
import { editarOrden, listarOrdenes, obtenerOrden, registrarOrden } from '../ordenes/ordenes.ts';
import { editarPedido, listarPedidos, obtenerPedido, registrarPedido } from '../pedidos/pedidos.ts';
import type { Conexion } from '../db/tipos.ts';
import type { Actor } from '../auditoria/auditoria.ts';
import type { Usuario } from '../usuarios/usuarios.ts';

const params = z.strictObject({ id: z.coerce.number().int().positive().max(2_147_483_647) });

interface Recurso<F extends z.ZodType, E extends z.ZodType, D extends z.ZodType> {
  ruta: string;
  nombre: string;
  etiqueta: string;
  filtros: F;
  entrada: E;
  edicion: D;
  listar: (db: Conexion, u: Usuario, f: z.output<F>) => Promise<unknown>;
  obtener: (db: Conexion, u: Usuario, id: number) => Promise<unknown>;
  registrar: (db: Conexion, u: Usuario, a: Actor, e: z.output<E>) => Promise<unknown>;
  editar: (db: Conexion, u: Usuario, a: Actor, id: number, e: z.output<D>) => Promise<unknown>;
}

/** The four integrated modules expose the same list / get / create / edit shape. */
function recurso<F extends z.ZodType, E extends z.ZodType, D extends z.ZodType>(
  r: Recurso<F, E, D>,
): FastifyPluginAsyncZod {
  return async (app) => {
    const db = () => app.rancho.db.db;
    const tags = [r.etiqueta];
    app.get(r.ruta, { schema: { tags, summary: `Listar ${r.nombre}`, querystring: r.filtros } }, async (request) =>
      r.listar(db(), usuarioDe(request), request.query as z.output<F>),
    );
    app.get(`${r.ruta}/:id`, { schema: { tags, summary: `Ver ${r.nombre}`, params } }, async (request) =>
      r.obtener(db(), usuarioDe(request), request.params.id),
    );
    app.post(r.ruta, { schema: { tags, summary: `Registrar ${r.nombre}`, body: r.entrada } }, async (request, reply) =>
      reply.code(201).send(await r.registrar(db(), usuarioDe(request), actorDe(request), request.body as z.output<E>)),
    );
    app.patch(
      `${r.ruta}/:id`,
      { schema: { tags, summary: `Editar ${r.nombre} (con la versión leída)`, params, body: r.edicion } },
      async (request) =>
        r.editar(db(), usuarioDe(request), actorDe(request), request.params.id, request.body as z.output<D>),
    );
  };
}

export const rutasServicios: FastifyPluginAsyncZod = async (app) => {
  await app.register(
    recurso({
      ruta: '/api/equipos',
      nombre: 'equipos',
      etiqueta: 'equipos',
      filtros: filtrosEquipos,
      entrada: equipoEntrada,
      edicion: equipoEdicion,
      listar: listarEquipos,
      obtener: obtenerEquipo,
      registrar: registrarEquipo,
      editar: editarEquipo,
    }),
  );
  await app.register(
    recurso({
      ruta: '/api/ordenes',
      nombre: 'órdenes de trabajo',
      etiqueta: 'mantenciones',
      filtros: filtrosOrdenes,
      entrada: ordenEntrada,
      edicion: ordenEdicion,
      listar: listarOrdenes,
      obtener: obtenerOrden,
      registrar: registrarOrden,
      editar: editarOrden,
    }),
  );
  await app.register(
    recurso({
      ruta: '/api/pedidos',
      nombre: 'pedidos de repuestos',
      etiqueta: 'repuestos',
      filtros: filtrosPedidos,
      entrada: pedidoEntrada,
      edicion: pedidoEdicion,
      listar: listarPedidos,
      obtener: obtenerPedido,
      registrar: registrarPedido,
      editar: editarPedido,
    }),
  );
  await app.register(
    recurso({
      ruta: '/api/cotizaciones',
      nombre: 'cotizaciones',
      etiqueta: 'cotizaciones',
      filtros: filtrosCotizaciones,
      entrada: cotizacionEntrada,
      edicion: cotizacionEdicion,
      listar: listarCotizaciones,
      obtener: obtenerCotizacion,
      registrar: registrarCotizacion,
      editar: editarCotizacion,
    }),
  );
  app.post(
    '/api/equipos/:id/lecturas',
    { schema: { tags: ['equipos'], summary: 'Registrar una lectura del horómetro', params, body: lecturaEntrada } },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await registrarLectura(
            app.rancho.db.db,
            usuarioDe(request),
            actorDe(request),
            request.params.id,
            request.body,
          ),
        ),
  );
};
