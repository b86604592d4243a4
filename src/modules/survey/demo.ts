// The demo county's 社会评议: an open survey from the 附件7 template on the county government's
// disclosure work with some answers, last quarter's ended survey with public results, and two 整改
// items raised from it (one open, one closed with its rectification). Answers go through the real
// use case (with the clock set inside each survey's period and documentation-range addresses).
import type { AppContext } from '../../app-context.ts';
import { withTx } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR, writeAudit } from '../../platform/audit/index.ts';
import { beijingMidnight, beijingToday } from '../../platform/time/index.ts';
import { addDays } from '../../calendar/calendar.ts';
import * as authRepo from '../auth/repo.ts';
import { listOrgs } from '../org/repo.ts';
import { fieldOf, type Question } from './domain.ts';
import { TEMPLATE } from './model.ts';
import * as repo from './repo.ts';
import { submitAnswer } from './use-cases/answer.ts';

const DAY = 86_400_000;
const DEMO_ACTOR = { ...SYSTEM_ACTOR, name: '系统（演示数据）' };

const OPEN_TEXTS = [
  '希望财政预决算公开时附上通俗易懂的图解，普通群众看不太懂表格。',
  '政府网站的搜索功能比以前好用多了，建议把办事指南也放到首页显眼位置。',
  '乡镇的公开栏更新不及时，有的通知过了期限还贴着。',
];
const ENDED_TEXTS = [
  '县政府网站依申请公开的网上申请页面在手机上显示不全，老年人不会操作。',
  '重大项目的审批结果公开太晚，希望在作出决定后尽快公开。',
];

/** Answers for the template's questions: ratings, channels, overall view and some free texts. */
function templateAnswers(qs: Question[], i: number, texts: string[], low: boolean): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  qs.forEach((q, k) => {
    const key = fieldOf(q);
    if (q.kind === 'rating') out[key] = String(Math.max(1, Math.min(5, (low && k === 1 ? 2 : 4) + ((i + k) % 3) - 1)));
    else if (q.kind === 'multiple') out[key] = [String(1 + (i % 3)), String(4 + (i % 2))];
    else if (q.kind === 'single') out[key] = String(1 + (i % 4 === 3 ? 1 : 0) + (i % 7 === 6 ? 1 : 0));
    else if (q.kind === 'text' && i < texts.length) out[key] = texts[i]!;
  });
  return out;
}

export async function seedSurveyDemo(ctx: AppContext, warn: (m: string) => void = () => {}): Promise<number> {
  if (await repo.anySurvey(ctx.db)) return 0;
  const orgs = await listOrgs(ctx.db);
  const id = (short: string) => orgs.find((o) => o.shortName === short)?.id;
  const gov = id('县政府');
  const office = id('县政府办');
  const edu = id('县教体局');
  if (!gov || !office || !edu) return 0;
  const gkb = await authRepo.findUserByUsername(ctx.db, 'gkb');
  const cbr = await authRepo.findUserByUsername(ctx.db, 'cbr');
  const today = beijingToday(ctx.now());

  const made = await withTx(ctx.db, async (tx) => {
    const mk = async (f: { title: string; startsOn: string; endsOn: string; target: number; status: 'published' | 'closed' }) => {
      const s = await repo.insertSurvey(tx, {
        orgId: office, targetOrgId: f.target, title: f.title, intro: TEMPLATE.intro, startsOn: f.startsOn, endsOn: f.endsOn,
        status: 'published', resultsPublic: true, createdBy: gkb?.id ?? null, publishedAt: beijingMidnight(f.startsOn), perAddressHourly: 10,
      });
      await repo.insertQuestions(tx, TEMPLATE.questions.map((q, i) => ({
        surveyId: s.id, position: i + 1, kind: q.kind, title: q.title, hint: q.hint ?? null, required: q.required, options: q.options ?? [],
        minChoices: q.minChoices ?? null, maxChoices: q.maxChoices ?? null, maxLength: q.maxLength ?? null,
      })));
      return s;
    };
    const open = await mk({ title: `${today.slice(0, 4)}年度云溪县政府信息公开工作社会评议`, startsOn: addDays(today, -10), endsOn: addDays(today, 20), target: gov, status: 'published' });
    const ended = await mk({ title: '云溪县教育体育局政府信息公开工作社会评议（上季度）', startsOn: addDays(today, -80), endsOn: addDays(today, -50), target: edu, status: 'closed' });
    await writeAudit(tx, DEMO_ACTOR, { action: 'survey.demo.load', entityType: 'survey', entityId: null, summary: { surveys: 2 } });
    return { open, ended };
  });

  // Answers through the use case, on days inside each survey's period.
  let answers = 0;
  for (const [s, n, texts, low] of [[made.open, 12, OPEN_TEXTS, false], [made.ended, 18, ENDED_TEXTS, true]] as const) {
    const qs = await repo.listQuestions(ctx.db, s.id);
    for (let i = 0; i < n; i++) {
      const at = new Date(beijingMidnight(s.startsOn).getTime() + (i % 9) * DAY + (9 + (i % 8)) * 3_600_000);
      const r = await submitAnswer({ ...ctx, now: () => at }, { surveyId: s.id, body: templateAnswers(qs, i, [...texts], low), ip: `198.51.100.${10 + i}`, answeredCookie: false });
      if (r.ok) answers += 1; else warn(`社会评议演示答卷未能提交：${r.message}`);
    }
  }

  await withTx(ctx.db, async (tx) => {
    await repo.updateSurvey(tx, made.ended.id, { status: 'closed', closedAt: beijingMidnight(addDays(made.ended.endsOn, 1)) });
    const responses = await repo.listResponses(tx, made.ended.id);
    const qs = await repo.listQuestions(tx, made.ended.id);
    const textQ = qs.find((q) => q.kind === 'text');
    const rateQ = qs.filter((q) => q.kind === 'rating')[1];
    const withText = responses.find((r) => textQ && r.answers[fieldOf(textQ)]);
    const first = await repo.insertRectification(tx, {
      surveyId: made.ended.id, orgId: edu, questionId: textQ?.id ?? null, responseId: withText?.id ?? null, createdBy: gkb?.id ?? null,
      problem: '依申请公开网上申请页面在手机上显示不全，老年人操作困难。', dueOn: addDays(today, -20),
    });
    await repo.updateRectification(tx, first, {
      status: 'rectified', closedBy: cbr?.id ?? null, closedAt: new Date(ctx.now().getTime() - 25 * DAY),
      closeText: '已会同县政府办对申请页面进行适配，手机上可完整显示；页面提供长者模式和大字号，并在政务服务大厅设置协助申请窗口。',
    });
    await repo.insertRectification(tx, {
      surveyId: made.ended.id, orgId: edu, questionId: rateQ?.id ?? null, createdBy: gkb?.id ?? null,
      problem: '“方便群众查阅、服务群众”一项评分偏低：招生入学政策分散在多个栏目，群众不易查找。', dueOn: addDays(today, 15),
    });
    await writeAudit(tx, DEMO_ACTOR, { action: 'survey.demo.load', entityType: 'survey_rectification', entityId: null, summary: { rectifications: 2, responses: answers } });
  });
  return answers;
}
