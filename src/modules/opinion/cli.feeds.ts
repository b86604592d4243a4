// `gongkai opinion source add` and `gongkai opinion poll`: feed sources from the command line.
// Bad arguments → exit 2 with a Chinese message; a poll that could not read a source → exit 1
// (the line of that source says why), so a scheduler notices.
import { SYSTEM_ACTOR } from '../../platform/audit/index.ts';
import { parseForm } from '../../platform/forms/index.ts';
import { openRuntime } from '../../runtime.ts';
import { MEDIA_TYPES } from './model.ts';
import { FeedSourceForm, feedSourceProblems } from './feeds.domain.ts';
import { findSourceByName } from './repo.ts';
import { orgsByRef } from './feeds.repo.ts';
import { createFeedSource } from './use-cases/feeds-sources.ts';
import { outcomeLine, pollAllNow, pollSourceNow } from './use-cases/feeds-poll.ts';

type Values = Record<string, string | boolean | undefined>;
interface CliCommand {
  usage: string;
  summary: string;
  options?: Record<string, { type: 'string' | 'boolean'; short?: string }>;
  run(values: Values, positionals: string[]): Promise<number>;
}

const cliActor = () => ({ ...SYSTEM_ACTOR, name: `命令行（${process.env.USER ?? 'root'}）` });

function usageError(cmd: CliCommand, lines: string[]): number {
  for (const l of lines) console.error(l);
  console.error(`用法：${cmd.usage}`);
  return 2;
}

/** --media takes the code (weibo) or its Chinese name (微博). */
function mediaCode(raw: string | undefined): string {
  if (!raw) return 'news';
  const byLabel = Object.entries(MEDIA_TYPES).find(([, label]) => label === raw);
  return byLabel ? byLabel[0] : raw;
}

const sourceAdd: CliCommand = {
  usage: 'gongkai opinion source add --name 名称 --url 订阅地址 [--org 所属单位] [--media weibo] [--minutes 30] [--weight 1]',
  summary: `新增舆情订阅源（RSS、Atom 或 JSON Feed），由定时任务按间隔抓取；--org 为所属单位（名称、简称或编号，不填为全县），--media 为媒体类型（${Object.keys(MEDIA_TYPES).join('、')}）`,
  options: { name: { type: 'string' }, url: { type: 'string' }, org: { type: 'string' }, media: { type: 'string' }, minutes: { type: 'string' }, weight: { type: 'string' } },
  async run(values, positionals) {
    if (positionals.length) return usageError(sourceAdd, [`多余的参数：${positionals.join(' ')}`]);
    const f = parseForm(FeedSourceForm, {
      name: values.name, url: values.url, mediaType: mediaCode(values.media as string | undefined),
      pollMinutes: values.minutes ?? '30', weight: values.weight ?? '1',
    }, { domain: feedSourceProblems });
    const flag: Record<string, string> = { name: '--name', url: '--url', orgId: '--org', mediaType: '--media', pollMinutes: '--minutes', weight: '--weight' };
    if (!f.ok) return usageError(sourceAdd, Object.entries(f.errors).map(([k, m]) => `${flag[k] ?? k}：${m}`));
    const orgRef = typeof values.org === 'string' ? values.org.trim() : undefined;
    if (values.org !== undefined && !orgRef) return usageError(sourceAdd, ['--org：须给出所属单位的名称、简称或编号']);
    const rt = await openRuntime({ quiet: true });
    try {
      let org: { id: number; name: string } | null = null;
      if (orgRef) {
        const found = await orgsByRef(rt.ctx.db, orgRef);
        if (!found.length) return usageError(sourceAdd, [`--org：没有名称、简称或编号为“${orgRef}”的启用单位。`]);
        if (found.length > 1) return usageError(sourceAdd, [`--org：“${orgRef}”对应多个单位（${found.map((o) => `${o.name}，编号 ${o.id}`).join('；')}），请改用编号。`]);
        org = found[0]!;
      }
      const r = await createFeedSource(rt.ctx, cliActor(), { ...f.values, orgId: org?.id ?? null });
      if (!r.ok) return usageError(sourceAdd, Object.entries(r.fields ?? {}).map(([k, m]) => `${flag[k] ?? k}：${m}`));
      console.log(`已新增订阅源“${r.source.name}”（编号 ${r.source.id}${org ? `，所属单位 ${org.name}` : ''}），每 ${r.source.pollMinutes} 分钟抓取一次。`);
      return 0;
    } finally { await rt.close(); }
  },
};

const poll: CliCommand = {
  usage: 'gongkai opinion poll [--source 名称]',
  summary: '立即抓取全部启用的订阅源（或 --source 指定的一个），每个来源输出一行：来源名：新增 N，重复 M，错误 …；有来源抓取失败时以状态 1 退出',
  options: { source: { type: 'string' } },
  async run(values, positionals) {
    if (positionals.length) return usageError(poll, [`多余的参数：${positionals.join(' ')}`]);
    if (values.source !== undefined && (typeof values.source !== 'string' || !values.source.trim())) return usageError(poll, ['--source 须给出来源名称']);
    const rt = await openRuntime({ quiet: true });
    try {
      let outcomes;
      if (typeof values.source === 'string') {
        const name = values.source.trim();
        const s = await findSourceByName(rt.ctx.db, name);
        if (!s || s.kind !== 'feed') return usageError(poll, [`没有名为“${name}”的订阅源。`]);
        if (!s.enabled) { console.error(`订阅源“${name}”已停用，请先在“舆情来源”中启用。`); return 1; }
        outcomes = [(await pollSourceNow(rt.ctx, s.id, { actor: cliActor() }))!];
      } else {
        outcomes = await pollAllNow(rt.ctx, { actor: cliActor() });
        if (!outcomes.length) { console.log('没有启用的订阅源。'); return 0; }
      }
      for (const o of outcomes) console.log(outcomeLine(o));
      return outcomes.some((o) => o.error) ? 1 : 0;
    } finally { await rt.close(); }
  },
};

export const OPINION_FEED_COMMANDS: Record<string, CliCommand> = {
  'opinion source add': sourceAdd,
  'opinion poll': poll,
};
