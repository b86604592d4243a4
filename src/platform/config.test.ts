import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { absoluteUrl, loadConfig, ConfigError } from './config.ts';

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

test('SITE_URL: the origin of every absolute link; SITE_DOMAIN alone keeps https://SITE_DOMAIN; default the local server', () => {
  const dir = tmp();
  const load = (env: Record<string, string>) => loadConfig({ GONGKAI_DATA_DIR: dir, ...env });
  // Neither set: the server as started.
  assert.equal(load({}).siteUrl, 'http://localhost:3000');
  assert.equal(load({ PORT: '8080' }).siteUrl, 'http://localhost:8080');
  assert.equal(load({}).siteDomain, 'localhost');
  // SITE_DOMAIN only: as before.
  const d = load({ SITE_DOMAIN: 'www.yunxi.gov.cn' });
  assert.equal(d.siteUrl, 'https://www.yunxi.gov.cn');
  assert.equal(d.siteDomain, 'www.yunxi.gov.cn');
  // SITE_URL: scheme, host and port as given (lower-cased host, trailing slash dropped); SITE_DOMAIN defaults to its host.
  for (const [raw, want] of [
    ['https://www.yunxi.gov.cn', 'https://www.yunxi.gov.cn'],
    ['https://WWW.Yunxi.gov.cn/', 'https://www.yunxi.gov.cn'],
    ['http://10.0.0.5:8080', 'http://10.0.0.5:8080'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['https://gk.example.gov.cn:443', 'https://gk.example.gov.cn'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
  ] as const) {
    assert.equal(load({ SITE_URL: raw }).siteUrl, want, raw);
  }
  assert.equal(load({ SITE_URL: 'https://gk.example.gov.cn:8443' }).siteDomain, 'gk.example.gov.cn:8443');
  const both = load({ SITE_URL: 'http://10.0.0.5:8080', SITE_DOMAIN: 'www.yunxi.gov.cn' });
  assert.equal(both.siteUrl, 'http://10.0.0.5:8080');
  assert.equal(both.siteDomain, 'www.yunxi.gov.cn');
});

test('SITE_URL that is not an origin stops start-up with a Chinese message naming it', () => {
  const dir = tmp();
  for (const raw of ['www.yunxi.gov.cn', 'ftp://www.yunxi.gov.cn', 'https://', 'https://www.yunxi.gov.cn/xxgk', 'https://www.yunxi.gov.cn//',
    'https://www.yunxi.gov.cn?x=1', 'https://www.yunxi.gov.cn#top', 'https://user:pw@www.yunxi.gov.cn', 'https://www.yunxi.gov.cn:99999',
    'javascript:alert(1)', 'https://www yunxi.gov.cn', 'https://a..b']) {
    assert.throws(() => loadConfig({ GONGKAI_DATA_DIR: dir, SITE_URL: raw }), (e: unknown) =>
      e instanceof ConfigError && e.variable === 'SITE_URL' && /^配置错误：环境变量 SITE_URL 应为网站对外的访问地址/.test(e.message), raw);
  }
});

test('absoluteUrl: SITE_URL + the path', () => {
  assert.equal(absoluteUrl({ siteUrl: 'https://www.yunxi.gov.cn' }, '/xxgk/1'), 'https://www.yunxi.gov.cn/xxgk/1');
  assert.equal(absoluteUrl({ siteUrl: 'http://localhost:3000' }, 'sitemap.xml'), 'http://localhost:3000/sitemap.xml');
  assert.equal(absoluteUrl({ siteUrl: 'http://localhost:3000' }, '/xxgk/zn/?org=2'), 'http://localhost:3000/xxgk/zn/?org=2');
});
