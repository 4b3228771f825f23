import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ponerCookieSesion, quitarCookieSesion, tokenDeSesion } from '../http/sesion.ts';
import { actorDe, usuarioDe } from '../http/contexto.ts';
import { exigirRol, TODOS } from './permisos.ts';
import { cambiarPassword, cerrarSesion, crearUsuario, iniciarSesion, listarUsuarios } from './usuarios.ts';

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

const cambioPassword = z.strictObject({
  actual: z.string().min(1, 'Ingrese su contraseña actual.').max(200),
  nueva: z.string().min(1, 'Ingrese la contraseña nueva.').max(200),
});

export const rutasUsuarios: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.rancho;

  app.post(
    '/api/auth/login',
    { config: { publico: true }, schema: { tags: ['sesión'], summary: 'Iniciar sesión', body: credenciales } },
    async (request, reply) => {
      const previa = tokenDeSesion(request);
      const sesion = await iniciarSesion(db.db, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        horas: config.sessionHours,
      });
      // Rotación: la sesión que hubiera antes deja de valer.
      await cerrarSesion(db.db, previa);
      ponerCookieSesion(request, reply, sesion.token, sesion.expira_en);
      return { usuario: sesion.usuario, expira_en: sesion.expira_en.toISOString() };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { publico: true }, schema: { tags: ['sesión'], summary: 'Cerrar sesión' } },
    async (request, reply) => {
      await cerrarSesion(db.db, tokenDeSesion(request));
      quitarCookieSesion(request, reply);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['sesión'],
        summary: 'Cambiar la propia contraseña (cierra las demás sesiones)',
        body: cambioPassword,
      },
    },
    async (request, reply) => {
      const sesion = await cambiarPassword(db.db, usuarioDe(request), actorDe(request), {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        horas: config.sessionHours,
      });
      ponerCookieSesion(request, reply, sesion.token, sesion.expira_en);
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
