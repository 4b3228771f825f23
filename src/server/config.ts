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
    sessionHours: Number(env.RANCHO_SESSION_HOURS ?? 12),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
