import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SMTPServer } from 'smtp-server';
import { createMailer } from './index.ts';

test('sends a Chinese message through a real SMTP server', async () => {
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, cb) {
      let data = '';
      stream.on('data', (c: Buffer) => { data += c.toString('utf8'); });
      stream.on('end', () => { received.push(data); cb(); });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as { port: number }).port;
  const mailer = createMailer({ host: '127.0.0.1', port, secure: false, from: 'gongkai@example.gov.cn' });
  const r = await mailer.send({ to: 'clerk@example.gov.cn', subject: '依申请公开办理提醒', text: '您有 1 件申请将于 3 个工作日内到期。' });
  mailer.close();
  await new Promise<void>((r) => server.close(() => r()));
  assert.equal(r.ok, true);
  assert.equal(received.length, 1);
  assert.match(received[0], /clerk@example\.gov\.cn/);
});

test('without SMTP configured nothing is sent and the caller is told', async () => {
  const r = await createMailer(undefined).send({ to: 'a@b.cn', subject: 's', text: 't' });
  assert.deepEqual(r.ok ? null : r.reason, 'not_configured');
});

test('an unreachable server is a failure result, not an exception', async () => {
  const r = await createMailer({ host: '127.0.0.1', port: 1, secure: false, from: 'x@y.cn' }).send({ to: 'a@b.cn', subject: 's', text: 't' });
  assert.equal(r.ok, false);
});
