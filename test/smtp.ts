import { SMTPServer } from 'smtp-server';

export interface CorreoRecibido {
  para: string[];
  datos: string;
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives (tests talk to it over TCP). */
export async function abrirSmtp(): Promise<{ url: string; recibidos: CorreoRecibido[]; cerrar(): Promise<void> }> {
  const recibidos: CorreoRecibido[] = [];
  const servidor = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const partes: Buffer[] = [];
      stream.on('data', (p: Buffer) => partes.push(p));
      stream.on('end', () => {
        recibidos.push({
          para: session.envelope.rcptTo.map((r) => r.address),
          datos: Buffer.concat(partes).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((ok) => servidor.listen(0, '127.0.0.1', ok));
  const direccion = servidor.server.address();
  const puerto = typeof direccion === 'object' && direccion ? direccion.port : 0;
  return {
    url: `smtp://127.0.0.1:${puerto}`,
    recibidos,
    cerrar: () => new Promise<void>((ok) => servidor.close(() => ok())),
  };
}
