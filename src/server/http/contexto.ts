import type { CacheSesiones } from '../usuarios/cacheSesiones.ts';
import type { CacheFichas } from '../clientes/cacheFichas.ts';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../auditoria/auditoria.ts';
import type { Usuario } from '../usuarios/usuarios.ts';
import type { Db } from '../db/open.ts';
import type { Config } from '../config.ts';

declare module 'fastify' {
  interface FastifyRequest {
    usuario: Usuario | null;
  }
  interface FastifyInstance {
    rancho: { db: Db; config: Config; sesiones: CacheSesiones; fichas: CacheFichas };
  }
}

/** The signed-in user (the session hook guarantees one on non-public routes). */
export function usuarioDe(request: FastifyRequest): Usuario {
  return request.usuario!;
}

/** Who acts, for the audit trail. */
export function actorDe(request: FastifyRequest): Actor {
  return { id_usuario: request.usuario?.id_usuario ?? null, ip: request.ip };
}
