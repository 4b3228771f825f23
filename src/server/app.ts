import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import scalar from '@scalar/fastify-api-reference';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Config } from './config.ts';
import type { Db } from './db/open.ts';
import { registrarEntradaSinNulos } from './http/entrada.ts';
import { peticionEnRegistro } from './http/registro.ts';
import { errorDelEnrutador, registrarProblemas } from './http/problemas.ts';
import { registrarSesion } from './http/sesion.ts';
import { rutasCalidad } from './calidad/calidad.rutas.ts';
import { rutasClientes } from './clientes/clientes.rutas.ts';
import { rutasContactos } from './clientes/contactos.rutas.ts';
import { rutasEtiquetas } from './clientes/etiquetas.rutas.ts';
import { rutasInteracciones } from './interacciones/interacciones.rutas.ts';
import { rutasServicios } from './servicios/servicios.rutas.ts';
import { rutasImportacion } from './importacion/importacion.rutas.ts';
import { rutasEncuestas } from './encuestas/encuestas.rutas.ts';
import { rutasValor } from './valor/valor.rutas.ts';
import { rutasKpis } from './kpis/kpis.rutas.ts';
import { rutasDocumentos } from './documentos/documentos.rutas.ts';
import { rutasComunicacion } from './comunicacion/comunicacion.rutas.ts';
import { rutasTerritorio } from './territorio/territorio.rutas.ts';
import { rutasUsuarios } from './usuarios/usuarios.rutas.ts';
import { rutasDuplicados } from './calidad/duplicados.rutas.ts';
import { rutasPrivacidad } from './privacidad/privacidad.rutas.ts';
import { rutasAuditoria } from './auditoria/auditoria.rutas.ts';
import { crearCacheSesiones } from './usuarios/cacheSesiones.ts';
import { crearCacheFichas } from './clientes/cacheFichas.ts';

z.config(z.locales.es());

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');
const ENCUESTA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/encuesta');

export interface OpcionesApp {
  db: Db;
  config: Config;
  logger?: boolean | object;
}

/** Builds the HTTP app: API under /api, the web app's files, health at /healthz. */
export async function construirApp({ db, config, logger = false }: OpcionesApp): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger && typeof logger === 'object' ? { ...logger, serializers: { req: peticionEnRegistro } } : logger,
    bodyLimit: 1_048_576,
    trustProxy: config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: errorDelEnrutador,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const sesiones = await crearCacheSesiones(db);
  const fichas = await crearCacheFichas(db);
  app.addHook('onClose', async () => {
    await sesiones.cerrar();
    await fichas.cerrar();
  });
  app.decorate('rancho', { db, config, sesiones, fichas });
  app.decorateRequest('usuario', null);

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: config.cookieSecure ? [] : null,
      },
    },
    // Sent per request below: only an answer that travelled over TLS may pin the browser to it.
    hsts: false,
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    // Answers of the API carry personal data: no shared or browser cache keeps them.
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    // A change to sessions or users made here counts before its answer leaves; other instances
    // hear it through the database's notification.
    if (request.method !== 'GET' && /^\/api\/(auth|usuarios)(\/|$|\?)/.test(request.url)) sesiones.vaciar();
    // Likewise a write answered here must show on the next ficha this instance serves, without
    // waiting for the notification that tells which fichas it changed.
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.url.startsWith('/api/')) fichas.vaciar();
  });
  registrarProblemas(app);
  registrarEntradaSinNulos(app);
  registrarSesion(
    app,
    (token) => sesiones.usuario(token),
    (request, usuario) => {
      request.usuario = usuario;
    },
  );

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Rancho Clientes',
        version: '0.1.0',
        description: 'API del módulo de gestión de clientes de Rancho. Errores en application/problem+json (RFC 9457).',
      },
      components: { securitySchemes: { sesion: { type: 'apiKey', in: 'cookie', name: 'rancho_sesion' } } },
      security: [{ sesion: [] }],
    },
    transform: jsonSchemaTransform,
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(scalar, {
    routePrefix: '/api/docs',
    configuration: { url: '/api/openapi.json', pageTitle: 'Rancho Clientes · API' },
  });
  // The docs UI renders with inline scripts and styles of its own; relax CSP for it alone.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/docs')) {
      reply.header(
        'content-security-policy',
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'",
      );
    }
  });

  app.get('/healthz', { config: { publico: true }, schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(db.db);
      return { estado: 'ok', motor: db.engine };
    } catch {
      return reply.code(503).send({ estado: 'sin base de datos', motor: db.engine });
    }
  });

  await app.register(rutasUsuarios);
  await app.register(rutasClientes);
  await app.register(rutasContactos);
  await app.register(rutasCalidad);
  await app.register(rutasEtiquetas);
  await app.register(rutasInteracciones);
  await app.register(rutasServicios);
  await app.register(rutasImportacion);
  await app.register(rutasEncuestas);
  await app.register(rutasValor);
  await app.register(rutasKpis);
  await app.register(rutasDocumentos);
  await app.register(rutasComunicacion);
  await app.register(rutasTerritorio);
  await app.register(rutasDuplicados);
  await app.register(rutasPrivacidad);
  await app.register(rutasAuditoria);

  if (fs.existsSync(path.join(ENCUESTA_DIR, 'index.html'))) {
    // The public survey page: its own tiny build, no session (the API behind it is rate limited).
    app.get('/e/*', { schema: { hide: true }, config: { publico: true } }, async (request, reply) => {
      const ruta = (request.params as { '*': string })['*'];
      if (/^assets\/[\w.-]+$/.test(ruta) && fs.existsSync(path.join(ENCUESTA_DIR, ruta))) {
        return reply
          .type(ruta.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8')
          .header('cache-control', 'public, max-age=31536000, immutable')
          .send(fs.readFileSync(path.join(ENCUESTA_DIR, ruta)));
      }
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(fs.readFileSync(path.join(ENCUESTA_DIR, 'index.html')));
    });
  }
  if (fs.existsSync(path.join(WEB_DIR, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIR, wildcard: false, index: false, maxAge: '1h', immutable: false });
    // Read per request: a rebuild while the server runs must not leave a page pointing at deleted files.
    const indice = () => fs.readFileSync(path.join(WEB_DIR, 'index.html'));
    // Client-side routes: any GET outside /api answers the app's page.
    app.get('/*', { schema: { hide: true }, config: { publico: true } }, async (request, reply) => {
      // An unknown API path is a 404 problem, not the app's page with 200.
      if (request.url.startsWith('/api/')) return reply.callNotFound();
      const archivo = path.join(WEB_DIR, path.normalize(request.url.split('?')[0]!).replace(/^(\.\.[/\\])+/, ''));
      if (archivo.startsWith(WEB_DIR) && fs.existsSync(archivo) && fs.statSync(archivo).isFile()) {
        const relativo = path.relative(WEB_DIR, archivo);
        return reply
          .header('cache-control', relativo.startsWith('assets') ? 'public, max-age=31536000, immutable' : 'no-cache')
          .sendFile(relativo);
      }
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indice());
    });
  }
  return app;
}
