import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, ConfigError } from './config.ts';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'gk-config-'));

test('defaults are documented values; secrets are generated once into the data dir', () => {
  const dir = tmp();
  const a = loadConfig({ GONGKAI_DATA_DIR: dir });
  assert.equal(a.port, 3000);
  assert.equal(a.dataDir, dir);
  assert.equal(a.fieldKey.length, 32);
  assert.equal(a.pgWorkMemMb, 32);
  assert.equal(fs.statSync(path.join(dir, 'field.key')).mode & 0o777, 0o600);
  const b = loadConfig({ GONGKAI_DATA_DIR: dir });
  assert.deepEqual(b.fieldKey, a.fieldKey, 'the key survives a restart');
  assert.equal(b.sessionSecret, a.sessionSecret);
});

test('a bad value stops start-up with a message naming the variable', () => {
  const dir = tmp();
  const bad: [Record<string, string>, string][] = [
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ GONGKAI_FIELD_KEY: 'c2hvcnQ=' }, 'GONGKAI_FIELD_KEY'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    [{ SMTP_HOST: 'mail.example.gov.cn', SMTP_PORT: 'x' }, 'SMTP_PORT'],
    [{ SITE_ID_CODE: '123' }, 'SITE_ID_CODE'],
    [{ SITE_CONAC_URL: 'javascript:alert(1)' }, 'SITE_CONAC_URL'],
    [{ COOKIE_SECURE: 'maybe' }, 'COOKIE_SECURE'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ PG_WORK_MEM_MB: '8GB' }, 'PG_WORK_MEM_MB'],
  ];
  for (const [env, name] of bad) {
    assert.throws(() => loadConfig({ GONGKAI_DATA_DIR: dir, ...env }), (e: unknown) => e instanceof ConfigError && e.variable === name && e.message.includes(name), name);
  }
});

test('SMTP settings are read when SMTP_HOST is set', () => {
  const c = loadConfig({ GONGKAI_DATA_DIR: tmp(), SMTP_HOST: 'smtp.example.gov.cn', SMTP_PORT: '465', SMTP_SECURE: 'true', MAIL_FROM: '政务公开 <gk@example.gov.cn>' });
  assert.deepEqual({ host: c.smtp?.host, port: c.smtp?.port, secure: c.smtp?.secure }, { host: 'smtp.example.gov.cn', port: 465, secure: true });
});
