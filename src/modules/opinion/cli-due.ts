// `gongkai opinion due`: the clocks of an incident from the command line (pure: no database).
// Prints every deadline as `label<TAB>ISO 8601 +08:00`, the first-response one on the last line.
import { GRADES } from './model.ts';
import { CLOCK_PRESETS, DEFAULT_PRESET, computeDeadlines, dueLines, isClockPreset, parseGrade, parseInstant } from './clock-rules.ts';

export const OPINION_DUE_USAGE = 'gongkai opinion due --grade 重大 --confirmed 2026-10-01T08:00+08:00 [--higher-deadline 时间] [--responded 时间] [--rules gov2016|nanchang2020] [--explain]';

const EXAMPLE = '例如 2026-10-01T08:00+08:00（不写时区按北京时间）';

/** Runs the command; returns the exit code (2: bad input, said in Chinese on stderr). */
export function runOpinionDue(values: Record<string, string | boolean | undefined>, out: (s: string) => void = console.log, err: (s: string) => void = console.error): number {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  const usage = (m: string) => { err(`${m}\n用法：${OPINION_DUE_USAGE}`); return 2; };
  if (!str('grade')) return usage('缺少参数 --grade');
  const grade = parseGrade(str('grade'));
  if (!grade) return usage(`--grade 应为 ${Object.values(GRADES).join('、')} 之一`);
  if (!str('confirmed')) return usage('缺少参数 --confirmed');
  const start = parseInstant(str('confirmed'));
  if (!start) return usage(`--confirmed 不是有效的时间，${EXAMPLE}`);
  let higherDeadline: Date | null = null;
  if (str('higher-deadline')) {
    higherDeadline = parseInstant(str('higher-deadline'));
    if (!higherDeadline) return usage(`--higher-deadline 不是有效的时间，${EXAMPLE}`);
  }
  let lastInfoAt: Date | null = null;
  if (str('responded')) {
    lastInfoAt = parseInstant(str('responded'));
    if (!lastInfoAt) return usage(`--responded 不是有效的时间，${EXAMPLE}`);
  }
  const preset = str('rules') || DEFAULT_PRESET;
  if (!isClockPreset(preset)) return usage(`--rules 应为 ${Object.entries(CLOCK_PRESETS).map(([k, v]) => `${k}（${v}）`).join('、')} 之一`);
  const r = computeDeadlines({ grade, start, origin: higherDeadline ? 'higher_task' : 'auto', higherDeadline, lastInfoAt, preset });
  if (!r.ok) return usage(r.message);
  for (const line of dueLines(r.deadlines, grade, preset, values.explain === true)) out(line);
  return 0;
}

export const opinionDueCommand = {
  usage: OPINION_DUE_USAGE,
  summary: '计算政务舆情的回应时限（按小时计，不按工作日）：每行输出“时限名称<TAB>ISO 8601 北京时间”，最后一行为首次回应时限',
  options: {
    grade: { type: 'string' }, confirmed: { type: 'string' }, 'higher-deadline': { type: 'string' },
    responded: { type: 'string' }, rules: { type: 'string' }, explain: { type: 'boolean' },
  } as Record<string, { type: 'string' | 'boolean' }>,
  async run(values: Record<string, string | boolean | undefined>): Promise<number> {
    return runOpinionDue(values);
  },
};
