// `npx gongkai …`: one entry for the server and every administrative command.
// Commands that touch the database use the same config as the server.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { openRuntime, type Runtime } from '../runtime.ts';
import { SYSTEM_ACTOR, verifyAudit } from '../platform/audit/index.ts';
import { createApiToken } from '../modules/auth/service.ts';
import { resetPassword } from '../modules/auth/users.ts';
import { loadDemo } from '../modules/demo/load.ts';
import { CalendarError, builtinCalendar, explainDeadline, parseHolidayNotice } from '../calendar/index.ts';
import { importHolidayNotice } from '../calendar/use-cases.ts';
import { importFiles } from '../modules/catalog/workflow/importFiles.ts';
import { regenerateReportLines, regenerateTextAttachments } from '../modules/catalog/workflow/regenerateAttachments.ts';
import { RULE_SET_IDS, computeClock, explainClock, isRuleSetId } from '../modules/requests/domain.ts';
import { registerRequestClock } from '../modules/requests/clock.ts';
import { opinionDueCommand } from '../modules/opinion/cli-due.ts';
import { OPINION_FEED_COMMANDS } from '../modules/opinion/cli.feeds.ts';

interface Command {
  usage: string;
  summary: string;
  options?: Record<string, { type: 'string' | 'boolean'; short?: string }>;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

const cliActor = () => ({ ...SYSTEM_ACTOR, name: `命令行（${process.env.USER ?? 'root'}）` });

async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await openRuntime({ quiet: true });
  try { return await fn(rt); } finally { await rt.close(); }
}

function need(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || !v) throw new UsageError(`缺少参数 --${name}`);
  return v;
}

class UsageError extends Error {}

const COMMANDS: Record<string, Command> = {
  serve: {
    usage: 'gongkai serve',
    summary: '启动网站与管理平台（npm start 即执行此命令）',
    async run() {
      const { serve } = await import('../main.ts');
      await serve();
      return -1; // keep running
    },
  },
  migrate: {
    usage: 'gongkai migrate',
    summary: '执行数据库迁移（启动时也会自动执行）',
    async run() {
      await withRuntime(async () => {});
      console.log('数据库迁移已完成。');
      return 0;
    },
  },
  'demo load': {
    usage: 'gongkai demo load',
    summary: '在空数据库中载入演示县数据并打印演示账户',
    async run() {
      return withRuntime(async (rt) => {
        const accounts = await loadDemo(rt.ctx, (m) => console.warn(m));
        if (!accounts) { console.log('数据库中已有数据，未载入演示数据。'); return 0; }
        for (const a of accounts) console.log(`${a.role}\t${a.username}\t${a.password}`);
        return 0;
      });
    },
  },
  'token create': {
    usage: 'gongkai token create --user NAME [--name 说明] [--days 天数]',
    summary: '为用户创建接口令牌（最后一行输出令牌，只显示一次）',
    options: { user: { type: 'string' }, name: { type: 'string' }, days: { type: 'string' } },
    async run(values) {
      const username = need(values, 'user');
      const daysRaw = values.days as string | undefined;
      const days = daysRaw === undefined ? undefined : Number(daysRaw);
      if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3650)) throw new UsageError('--days 应为 1 至 3650 之间的整数');
      return withRuntime(async (rt) => {
        const r = await createApiToken(rt.ctx.db, cliActor(), { username, name: values.name as string | undefined, days });
        if (!r.ok) { console.error(r.message); return 1; }
        console.log(`已为用户 ${username} 创建接口令牌（编号 ${r.id}）。请妥善保存，令牌只显示这一次：`);
        console.log(r.token);
        return 0;
      });
    },
  },
  'user reset-password': {
    usage: 'gongkai user reset-password --user NAME',
    summary: '重置用户密码并解除锁定（最后一行输出临时密码，首次登录须修改）',
    options: { user: { type: 'string' } },
    async run(values) {
      const username = need(values, 'user');
      return withRuntime(async (rt) => {
        const r = await resetPassword(rt.ctx.db, cliActor(), username);
        if (!r.ok) { console.error(r.message); return 1; }
        console.log(`用户 ${username} 的密码已重置，首次登录须修改密码。临时密码：`);
        console.log(r.password);
        return 0;
      });
    },
  },
  'audit verify': {
    usage: 'gongkai audit verify',
    summary: '校验审计日志哈希链（SM3），报告“OK”或第一条被篡改的记录',
    async run() {
      return withRuntime(async (rt) => {
        const r = await verifyAudit(rt.ctx.db);
        if (r.ok) { console.log(`OK：审计日志共 ${r.rows} 条，哈希链完整。`); return 0; }
        console.log(`BROKEN：${r.reason}`);
        console.log(`已校验通过 ${r.rows} 条；第一条异常记录编号：${r.brokenAt ?? '未知'}`);
        return 1;
      });
    },
  },
  'calendar due': {
    usage: 'gongkai calendar due --from YYYY-MM-DD --days N [--explain] [--builtin]',
    summary: '计算第 N 个工作日（起算日不计入），最后一行输出 YYYY-MM-DD',
    options: { from: { type: 'string' }, days: { type: 'string' }, explain: { type: 'boolean' }, builtin: { type: 'boolean' } },
    async run(values) {
      const from = need(values, 'from');
      const daysRaw = need(values, 'days');
      if (!/^\d+$/.test(daysRaw)) throw new UsageError('--days 应为非负整数');
      const compute = async (cal: ReturnType<typeof builtinCalendar>) => {
        const e = explainDeadline(cal, from, Number(daysRaw));
        if (values.explain || e.provisional) console.log(e.text);
        console.log(e.due);
        return 0;
      };
      if (values.builtin) return compute(builtinCalendar());
      return withRuntime(async (rt) => compute(await rt.ctx.calendar.get()));
    },
  },
  'requests due': {
    usage: 'gongkai requests due --received YYYY-MM-DD [--rules 条例2019|鄂托克前旗2018] [--events JSON] [--explain] [--builtin]',
    summary: '计算依申请公开的法定答复期限（补正、暂停、延期见 --events），最后一行输出 YYYY-MM-DD；规则不允许的事项以非零状态退出并说明理由',
    options: { received: { type: 'string' }, rules: { type: 'string' }, events: { type: 'string' }, explain: { type: 'boolean' }, builtin: { type: 'boolean' } },
    async run(values) {
      const receivedOn = need(values, 'received');
      const rules = (values.rules as string | undefined) ?? '条例2019';
      if (!isRuleSetId(rules)) throw new UsageError(`--rules 应为 ${RULE_SET_IDS.join('、')} 之一`);
      let events: unknown = [];
      if (typeof values.events === 'string') {
        try { events = JSON.parse(values.events); } catch { throw new UsageError('--events 不是有效的 JSON，应为列表，例如 [{"type":"补正","sent":"2026-09-22","received":"2026-09-30"},{"type":"暂停","from":"2026-10-12","to":"2026-10-16"},{"type":"延期","days":10}]'); }
        if (!Array.isArray(events)) throw new UsageError('--events 应为 JSON 列表（[...]）');
      }
      const compute = async (cal: ReturnType<typeof builtinCalendar>) => {
        const r = computeClock(cal, { rules, receivedOn, events: events as never });
        if (!r.ok) {
          // Malformed input is a usage error (2); an event the rules forbid is a refusal (1).
          console.error(r.message);
          return /invalid|extension_days/.test(r.code) ? 2 : 1;
        }
        const c = r.clock;
        if (c.stopped || !c.statutoryDue) {
          console.error(`计时暂停中（${c.stoppedReason ?? '计时停止'}），无法确定答复期限：请为补正给出收到补正的日期（received），为暂停给出结束日期（to）。`);
          return 2;
        }
        if (values.explain) for (const line of explainClock(c)) console.log(line);
        else if (c.provisional) console.log('截止日期所在年度的节假日安排尚未公布，本期限为暂定，待公布后将重新计算。');
        console.log(c.statutoryDue);
        return 0;
      };
      if (values.builtin) return compute(builtinCalendar());
      return withRuntime(async (rt) => compute(await rt.ctx.calendar.get()));
    },
  },
  'opinion due': opinionDueCommand,
  'calendar import': {
    usage: 'gongkai calendar import FILE.json',
    summary: '导入某年度国务院节假日安排（holiday-cn JSON 格式：{year, days:[{name, date, isOffDay}]}）',
    async run(_values, positionals) {
      const file = positionals[0];
      if (!file) throw new UsageError('请指定 JSON 文件');
      let text: string;
      try { text = fs.readFileSync(file, 'utf8'); } catch { console.error(`无法读取文件 ${file}：文件不存在或没有读取权限`); return 1; }
      let json: unknown;
      try { json = JSON.parse(text); } catch { console.error(`文件 ${file} 不是有效的 JSON，请检查格式（应为 {"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}）`); return 2; }
      const notice = parseHolidayNotice(json);
      return withRuntime(async (rt) => {
        registerRequestClock(rt.ctx); // open 依申请公开 cases are recomputed in the import's transaction
        const r = await importHolidayNotice(rt.ctx, cliActor(), notice, `命令行导入 ${file}`);
        console.log(`已导入 ${notice.year} 年节假日安排：${notice.overrides.length} 天；重新计算的在办事项：${r.recalculated} 件。`);
        return 0;
      });
    },
  },
  'catalog import': {
    usage: 'gongkai catalog import FILE… [--org 统一社会信用代码] [--publish]',
    summary: '迁移旧网站信息：每个文件（.docx/.pdf/.html/.txt）生成一条草稿；--publish 记为已审核并发布（隐私检查有发现或无法识别信息名称的保留为草稿）；已导入过的文件不重复导入。每个文件输出一行：索引号或未发布原因',
    options: { org: { type: 'string' }, publish: { type: 'boolean' } },
    async run(values, positionals) {
      if (!positionals.length) throw new UsageError('请指定要导入的文件');
      return withRuntime(async (rt) => {
        const r = await importFiles(rt.ctx, positionals, { orgCode: values.org as string | undefined, publish: values.publish === true, actorName: cliActor().name });
        if (!r.ok) { console.error(r.message); return 2; }
        let failed = 0;
        for (const o of r.outcomes) {
          // Held files did import (as drafts for the review chain): only failures set the exit code.
          if (o.status === 'imported') console.log(`${o.indexNo}\t${o.file}`);
          else if (o.status === 'duplicate') console.log(`${o.indexNo}\t${o.file}\t此前已导入，未重复导入`);
          else if (o.status === 'held') console.log(`未发布\t${o.file}\t已存为草稿 ${o.indexNo}，${o.reason ?? `隐私检查发现 ${o.findings.length} 处待处理：${o.findings.map((f) => `${f.kind} ${f.excerpt}`).join('；')}`}`);
          else { failed++; console.log(`未发布\t${o.file}\t导入失败：${o.reason}`); }
        }
        return failed ? 1 : 0;
      });
    },
  },
  'catalog redact-attachments': {
    usage: 'gongkai catalog redact-attachments',
    summary: '为早先公开、Word 附件仅以遮盖后纯文本提供的信息重新生成遮盖后的 Word 文件（在解析沙箱中处理，逐个记入审计日志）；可重复执行，已生成的不再处理',
    async run() {
      return withRuntime(async (rt) => {
        const { closeSandbox } = await import('../platform/files/index.ts');
        try {
          const r = await regenerateTextAttachments(rt.ctx, cliActor());
          for (const line of regenerateReportLines(r)) console.log(line);
          return r.refused.length ? 1 : 0;
        } finally {
          await closeSandbox();
        }
      });
    },
  },
  ...OPINION_FEED_COMMANDS,
};

function help(): void {
  console.log('gongkai — 政务公开与政务舆情回应平台\n\n用法：npx gongkai <命令> [参数]\n\n命令：');
  for (const c of Object.values(COMMANDS)) console.log(`  ${c.usage}\n      ${c.summary}`);
  console.log('\n  gongkai --help\n      显示本帮助\n\n环境变量见 README.md（PORT、DATABASE_URL、GONGKAI_DATA_DIR 等）。');
}

/** Runs one command; the exit code, or -1 for a command that keeps running (serve). bin/gongkai.js exits with it. */
export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') { help(); return 0; }
  // The longest command name that matches (`opinion source add` before `opinion source`).
  const key = [3, 2, 1].map((n) => argv.slice(0, n).join(' ')).find((k) => COMMANDS[k]) ?? argv[0];
  const cmd = COMMANDS[key];
  if (!cmd) { console.error(`未知命令：${argv.join(' ')}\n`); help(); return 2; }
  const rest = argv.slice(key.split(' ').length);
  if (rest.includes('--help') || rest.includes('-h')) { console.log(`用法：${cmd.usage}\n${cmd.summary}`); return 0; }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: cmd.options ?? {}, allowPositionals: true, strict: true });
  } catch (e) {
    console.error(`参数错误：${(e as Error).message}\n用法：${cmd.usage}`);
    return 2;
  }
  try {
    loadConfig({ ...process.env }, { ensureSecrets: false });
    return await cmd.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
  } catch (e) {
    if (e instanceof UsageError) { console.error(`${e.message}\n用法：${cmd.usage}`); return 2; }
    if (e instanceof ConfigError || e instanceof CalendarError) { console.error(e.message); return 2; }
    console.error(`命令执行失败：${(e as Error).message}`);
    return 1;
  }
}

