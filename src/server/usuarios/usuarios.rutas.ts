import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { COOKIE_SESION } from '../http/sesion.ts';
import { usuarioDe } from '../http/contexto.ts';
import { exigirRol, TODOS } from './permisos.ts';
import { cerrarSesion, crearUsuario, iniciarSesion, listarUsuarios } from './usuarios.ts';

const credenciales = z.strictObject({
  email: z.string().min(1, 'Ingrese su correo.').max(200),
  password: z.string().min(1, 'Ingrese su contraseña.').max(200),
});

const nuevoUsuario = z.strictObject({
  email: z.email('El correo no es válido.').max(200),
  nombre: z.string().min(2).max(120),
  rol: z.enum(['admin', 'comercial', 'tecnico', 'lectura']),
  password: z.string().min(1).max(200),
});

export const rutasUsuarios: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.rancho;

  app.post(
    '/api/auth/login',
    { config: { publico: true }, schema: { tags: ['sesión'], summary: 'Iniciar sesión', body: credenciales } },
    async (request, reply) => {
      const previa = request.cookies[COOKIE_SESION];
      const sesion = await iniciarSesion(db.db, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        horas: config.sessionHours,
      });
      // Rotación: la sesión que hubiera antes deja de valer.
      await cerrarSesion(db.db, previa);
      reply.setCookie(COOKIE_SESION, sesion.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.cookieSecure,
        path: '/',
        expires: sesion.expira_en,
      });
      return { usuario: sesion.usuario, expira_en: sesion.expira_en.toISOString() };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { publico: true }, schema: { tags: ['sesión'], summary: 'Cerrar sesión' } },
    async (request, reply) => {
      await cerrarSesion(db.db, request.cookies[COOKIE_SESION]);
      reply.clearCookie(COOKIE_SESION, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get('/api/auth/me', { schema: { tags: ['sesión'], summary: 'Usuario de la sesión' } }, async (request) => ({
    usuario: usuarioDe(request),
  }));

  app.get('/api/usuarios', { schema: { tags: ['usuarios'], summary: 'Usuarios activos' } }, async (request) => {
    exigirRol(usuarioDe(request), TODOS, 'ver usuarios');
    return { items: await listarUsuarios(db.db) };
  });

  app.post(
    '/api/usuarios',
    { schema: { tags: ['usuarios'], summary: 'Crear un usuario (solo administradores)', body: nuevoUsuario } },
    async (request, reply) => {
      exigirRol(usuarioDe(request), ['admin'], 'crear usuarios');
      return reply.code(201).send(await crearUsuario(db.db, request.body));
    },
  );
};
