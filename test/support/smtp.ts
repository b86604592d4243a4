// A real SMTP server on 127.0.0.1 for tests that follow a mail to its inbox: every message it
// accepts is kept with its recipients and its subject and plain text decoded (RFC 2047 words,
// base64 or quoted-printable bodies, the text/plain part of a multipart message).
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail { to: string[]; subject: string; text: string; raw: string }

export interface TestSmtp {
  port: number;
  /** What the server accepted, oldest first. */
  mails: ReceivedMail[];
  /** The config for startTestServer / createTestDb that sends mail here. */
  config: Record<string, string>;
  close(): Promise<void>;
}

export async function startSmtpServer(from = 'gongkai@yunxi.example.gov.cn'): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'],
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => { chunks.push(c); });
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), ...parseMail(raw), raw });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as { port: number }).port;
  return {
    port, mails,
    config: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), MAIL_FROM: from },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function headersOf(block: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) out.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return out;
}

function qpBytes(s: string, underscoreIsSpace: boolean): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) { bytes.push(parseInt(s.slice(i + 1, i + 3), 16)); i += 2; }
    else if (c === '_' && underscoreIsSpace) bytes.push(0x20);
    else bytes.push(...Buffer.from(c, 'utf8'));
  }
  return Buffer.from(bytes);
}

/** RFC 2047: adjacent encoded words are joined byte-wise (a character may be split between them). */
export function decodeWords(v: string): string {
  const word = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  let out = '';
  let pending: Buffer[] = [];
  let last = 0;
  for (let m = word.exec(v); m; m = word.exec(v)) {
    const between = v.slice(last, m.index);
    if (!pending.length || /\S/.test(between)) { out += Buffer.concat(pending).toString('utf8') + between; pending = []; }
    pending.push(m[2]!.toUpperCase() === 'B' ? Buffer.from(m[3]!, 'base64') : qpBytes(m[3]!, true));
    last = m.index + m[0].length;
  }
  return out + Buffer.concat(pending).toString('utf8') + v.slice(last);
}

function bodyText(headers: Map<string, string>, body: string): string {
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      const cut = part.search(/\r?\n\r?\n/);
      if (cut < 0) continue;
      const h = headersOf(part.slice(0, cut));
      if (/^(text\/plain|multipart\/)/i.test(h.get('content-type') ?? 'text/plain')) return bodyText(h, part.slice(cut).replace(/^\r?\n\r?\n/, ''));
    }
    return '';
  }
  const enc = (headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') return qpBytes(body.replace(/=\r?\n/g, ''), false).toString('utf8');
  return body;
}

export function parseMail(raw: string): { subject: string; text: string } {
  const cut = raw.search(/\r?\n\r?\n/);
  const headers = headersOf(cut < 0 ? raw : raw.slice(0, cut));
  const body = cut < 0 ? '' : raw.slice(cut).replace(/^\r?\n\r?\n/, '');
  return { subject: decodeWords(headers.get('subject') ?? ''), text: bodyText(headers, body).replace(/\r\n/g, '\n') };
}
