import path from 'node:path';

/** Configuración desde el entorno (DESIGN.md "Configuration"). */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  adminEmail: string | null;
  adminPassword: string | null;
  smtpUrl: string | null;
  mailFrom: string;
  publicUrl: string;
  cookieSecure: boolean;
  /** Which peers may tell us the client's address and scheme (X-Forwarded-For/-Proto): Fastify's `trustProxy`. */
  trustProxy: boolean | string;
  sessionHours: number;
  logLevel: string;
}

export function leerConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? '127.0.0.1';
  return {
    port,
    host,
    databaseUrl: env.DATABASE_URL || null,
    dataDir: path.resolve(env.RANCHO_DATA_DIR ?? './data'),
    adminEmail: env.RANCHO_ADMIN_EMAIL || null,
    adminPassword: env.RANCHO_ADMIN_PASSWORD || null,
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM ?? 'Rancho Clientes <no-responder@rancho.local>',
    publicUrl: env.PUBLIC_URL ?? `http://${host}:${port}`,
    cookieSecure: (env.PUBLIC_URL ?? '').startsWith('https://'),
    trustProxy: leerTrustProxy(env.RANCHO_TRUST_PROXY),
    sessionHours: Number(env.RANCHO_SESSION_HOURS ?? 12),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}

/**
 * A proxy on this machine or on the private network (Docker, a LAN reverse proxy) is believed by
 * default; a client on the internet is not, so it cannot fake its address to dodge the login
 * throttle nor its scheme. `true`/`false` or a list of addresses and subnets override it.
 */
function leerTrustProxy(valor: string | undefined): boolean | string {
  const v = (valor ?? '').trim();
  if (v === 'true') return true;
  if (v === 'false') return false;
  return v || 'loopback,linklocal,uniquelocal';
}
