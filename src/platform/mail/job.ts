// Outgoing mail goes through the `mail.send` job: the caller enqueues it in its own transaction
// (so a mail exists if and only if the change committed) and the worker sends it over SMTP with
// retries and back-off. An SMTP server that is down delays the mail; it does not fail the change.
// Attachments are referenced by stored-file id, not carried in the job.
import { Type } from '@sinclair/typebox';
import type { Config } from '../config.ts';
import type { Db, Tx } from '../db/index.ts';
import { getFile } from '../files/index.ts';
import type { FieldCipher } from '../crypto/index.ts';
import { defineJob, enqueue } from '../jobs/index.ts';
import { createMailer } from './index.ts';

const Address = Type.String({ minLength: 3, maxLength: 320 });

export const MailPayload = Type.Object({
  to: Type.Union([Address, Type.Array(Address, { minItems: 1, maxItems: 50 })]),
  subject: Type.String({ minLength: 1, maxLength: 500 }),
  text: Type.String({ maxLength: 200_000 }),
  attachments: Type.Optional(Type.Array(Type.Object({
    fileId: Type.Integer({ minimum: 1 }),
    filename: Type.String({ minLength: 1, maxLength: 255 }),
    contentType: Type.Optional(Type.String({ maxLength: 200 })),
  }), { maxItems: 10 })),
}, { additionalProperties: false });

export type MailRequest = typeof MailPayload.static;

/** Attachments may be sealed personal files: the cipher opens them at sending time. */
export interface MailContext { config: Pick<Config, 'smtp'>; db: Db; fieldCipher: FieldCipher }

export const mailSendJob = defineJob({
  name: 'mail.send',
  schema: MailPayload,
  // 1, 2, 4 … minutes: about 4 hours of attempts before the job is given up.
  retryLimit: 8,
  retryDelaySeconds: 60,
  retryBackoff: true,
  expireInSeconds: 300,
  async handler(ctx: MailContext, p) {
    // Without SMTP configured there is nothing to retry: callers check isMailConfigured first.
    if (!ctx.config.smtp) return;
    const attachments = [];
    for (const a of p.attachments ?? []) {
      const f = await getFile(ctx.db, a.fileId, ctx.fieldCipher);
      // A file deleted since would never come back: send without it rather than retry for hours.
      if (f) attachments.push({ filename: a.filename, content: f.data, contentType: a.contentType ?? f.mime });
    }
    const mailer = createMailer(ctx.config.smtp);
    try {
      const r = await mailer.send({ to: p.to, subject: p.subject, text: p.text, attachments });
      if (!r.ok) throw new Error(r.message);
    } finally {
      mailer.close();
    }
  },
});

export const mailJobs = [mailSendJob];

export function isMailConfigured(config: Pick<Config, 'smtp'>): boolean {
  return Boolean(config.smtp);
}

/** Queues a mail on the caller's transaction; `key` makes a repeated request send once. */
export function sendMailLater(tx: Tx, msg: MailRequest, opts: { key?: string } = {}): Promise<string | null> {
  return enqueue(tx, mailSendJob, msg, opts);
}
