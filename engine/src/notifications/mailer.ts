/**
 * E-mail copies of notifications, through the SMTP server named by `TESSERA_SMTP_URL`
 * (`smtp://user:pass@host:587`, `smtps://…`); without it, notifications stay in the app.
 */
import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

export const DEFAULT_FROM = 'Tessera <no-reply@tessera.invalid>';

export function smtpMailer(url: string, from = DEFAULT_FROM): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
  };
}

/** The mailer the environment configures, or undefined when it names no SMTP server. */
export function mailerFromEnv(env: NodeJS.ProcessEnv = process.env): Mailer | undefined {
  const url = env.TESSERA_SMTP_URL;
  return url ? smtpMailer(url, env.TESSERA_SMTP_FROM || DEFAULT_FROM) : undefined;
}
