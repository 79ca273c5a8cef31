// E-mails from the hub (SMTP through nodemailer): host, port, user, sender configurable; STARTTLS is used
// whenever the server offers it (nodemailer's default; `requireTLS` forces it). Messages are French, plain
// text plus simple HTML; they never contain a password.
import nodemailer, { type Transporter } from 'nodemailer';

export interface SmtpConfig {
  host: string;
  port: number;
  user?: string;
  password?: string;
  from: string;
  /** Implicit TLS (port 465). */
  secure?: boolean;
  requireTLS?: boolean;
  /** Accept self-signed certificates (test servers on 127.0.0.1 only). */
  allowSelfSigned?: boolean;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

export function createMailer(config: SmtpConfig): Mailer {
  const transport: Transporter = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure ?? false,
    requireTLS: config.requireTLS ?? false,
    auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
    tls: config.allowSelfSigned ? { rejectUnauthorized: false } : undefined,
  });
  return {
    async send(mail) {
      await transport.sendMail({ from: config.from, ...mail });
    },
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function mailWithLink(
  to: string,
  subject: string,
  paragraphs: string[],
  link: { label: string; url: string },
  commune: string,
): Mail {
  const text = [...paragraphs, '', `${link.label} : ${link.url}`, '', `— ${commune}`].join('\n');
  const html = [
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`,
    `<p>— ${escapeHtml(commune)}</p>`,
  ].join('\n');
  return { to, subject, text, html };
}
