import { createTransport } from 'nodemailer';

export interface Correo {
  para: string;
  asunto: string;
  texto: string;
  cabeceras?: Record<string, string>;
}

/** Sends one mail; throws with the server's reason when it cannot. */
export type Transporte = (correo: Correo) => Promise<void>;

/**
 * SMTP over `SMTP_URL` (e.g. `smtp://usuario:clave@servidor:587`); without it there is no transport
 * and messages stay in the in-app outbox (DESIGN.md "mail").
 */
export function crearTransporte(smtpUrl: string | null, remitente: string): Transporte | null {
  if (!smtpUrl) return null;
  const transporte = createTransport(smtpUrl, { from: remitente });
  return async (c) => {
    await transporte.sendMail({ to: c.para, subject: c.asunto, text: c.texto, headers: c.cabeceras });
  };
}
