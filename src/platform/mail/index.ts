// Outgoing e-mail over SMTP (nodemailer). Without SMTP_HOST, mail is not sent and the caller is told so.
import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../config.ts';

export interface MailMessage {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
  /** Files sent with the message (e.g. a generated .docx notice). */
  attachments?: { filename: string; content: Buffer; contentType?: string }[];
}

export type SendResult = { ok: true; messageId: string } | { ok: false; reason: 'not_configured' | 'send_failed'; message: string };

export interface Mailer {
  send(msg: MailMessage): Promise<SendResult>;
  close(): void;
}

export function createMailer(smtp: SmtpConfig | undefined): Mailer {
  if (!smtp) {
    return {
      async send() { return { ok: false, reason: 'not_configured', message: '未配置邮件服务器（SMTP_HOST），邮件未发送。' }; },
      close() {},
    };
  }
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    // Internal relays often use self-signed certificates; STARTTLS is still attempted when offered.
    tls: { rejectUnauthorized: false },
  });
  return {
    async send(msg) {
      try {
        const info = await transport.sendMail({ from: smtp.from, to: msg.to, subject: msg.subject, text: msg.text, html: msg.html, attachments: msg.attachments });
        return { ok: true, messageId: info.messageId };
      } catch (e) {
        return { ok: false, reason: 'send_failed', message: `邮件发送失败：${(e as Error).message}` };
      }
    },
    close() { transport.close(); },
  };
}
