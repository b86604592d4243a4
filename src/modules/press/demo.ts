// The demo county's 新闻发布 (loaded after the demo county): a 新闻发布会 of 县教体局 held last month with
// its release published (and handed to the catalogue's review), an approved one announced for next
// week, an 在线访谈 held with its transcript, and an event in the county government's name waiting for
// the 分管副县长 — each through the module's own use cases, as the demo users.
import type { AppContext } from '../../app-context.ts';
import { findUserByUsername, toPrincipal } from '../auth/repo.ts';
import type { Caller } from '../auth/caller.ts';
import { listOrgs } from '../org/repo.ts';
import { beijingLocalValue } from './domain.ts';
import type { EventValues } from './forms.ts';
import { eventCount } from './repo.ts';
import { createEvent, holdEvent, reviewEvent, submitEvent } from './use-cases/events.ts';
import { addAnswer, publishText } from './use-cases/texts.ts';
import { setEventExperts } from './use-cases/experts.ts';
import { listActiveExperts } from '../spokesperson/experts.ts';

const DAY = 86400_000;

const RELEASE = [
  '县教育体育局召开新闻发布会，介绍全县义务教育学校课后服务质量提升行动有关情况。',
  '据介绍，行动聚焦课后服务内容供给、师资保障和家长满意度三个方面：各校每周至少开设两类体育、艺术和科技兴趣课程，课后服务时间原则上不早于当地正常下班时间；学校可统筹使用退休教师、志愿者等校外资源，减轻在职教师负担。',
  '县教育体育局将每学期开展一次家长满意度调查，调查结果在局门户网站公开。家长对课后服务有意见建议的，可拨打县教育体育局咨询电话0793-5120030反映。',
].join('\n');

const TRANSCRIPT = [
  '主持人：各位网友大家好，欢迎参加本期在线访谈。今天我们邀请到县教育体育局负责同志，介绍全县中小学生近视防控工作有关情况。',
  '县教育体育局负责同志：今年以来，全县中小学校落实每天校内外各一小时体育活动，规范电子产品使用，每学期为学生开展一次视力筛查，筛查结果及时告知家长。',
  '网友提问：孩子视力筛查结果异常，家长应该怎么做？',
  '县教育体育局负责同志：学校会向家长发放告知书，建议及时到具备资质的医疗机构进一步检查，并在家中控制连续近距离用眼时间。',
].join('\n');

export async function seedPressDemo(ctx: AppContext, warn: (m: string) => void = () => {}): Promise<number> {
  if ((await eventCount(ctx.db)) > 0) return 0;
  const orgs = await listOrgs(ctx.db);
  const id = (short: string) => orgs.find((o) => o.shortName === short)?.id;
  const edu = id('县教体局');
  if (!edu) return 0;
  const as = async (name: string): Promise<Caller | null> => {
    const u = await findUserByUsername(ctx.db, name);
    return u ? { user: await toPrincipal(ctx.db, u, 'session'), ip: null } : null;
  };
  const [cbr, xcb, fxz] = await Promise.all([as('cbr'), as('xcb'), as('fxz')]);
  if (!cbr || !xcb) return 0;
  const now = ctx.now().getTime();
  const local = (days: number, hm: string) => `${beijingLocalValue(new Date(now + days * DAY)).slice(0, 10)}T${hm}`;
  let made = 0;
  const check = (what: string, r: { ok: boolean; message?: string }) => {
    if (!r.ok) warn(`新闻发布演示数据：${what}未成功（${r.message ?? ''}）`);
    return r.ok;
  };

  const base = (p: Partial<EventValues>): EventValues => ({
    orgId: edu, type: 'conference', category: 'routine', title: '', plannedAt: local(7, '09:30'), place: '县政府新闻发布厅',
    speaker: '县教育体育局局长', speakerKind: 'principal', purpose: '', outline: '', participants: '县融媒体中心及驻县媒体记者', ...p,
  });
  // 专家库 (the spokesperson module's demo, loaded before this one): the first filed expert is a guest.
  const expert = (await listActiveExperts(ctx.db))[0];
  async function approved(v: EventValues, who: Caller = cbr!, withExpert = false): Promise<number | null> {
    const c = await createEvent(ctx, who, v);
    if (!check('创建活动', c) || !c.ok) return null;
    made++;
    let version = 1;
    if (withExpert && expert) {
      const e = await setEventExperts(ctx, who, c.id, { experts: [String(expert.id)], version });
      if (check('选择解读专家', e) && e.ok && e.changed) version++;
    }
    const s = await submitEvent(ctx, who, c.id, { version, note: '请审批。' });
    if (!check('提交审批', s)) return null;
    const r = await reviewEvent(ctx, xcb!, c.id, { conclusion: 'pass', step: 1, opinion: '同意举行，请按提纲准备答问口径。' });
    return check('审批', r) ? c.id : null;
  }

  // 1. Held last month, release published.
  const past = await approved(base({
    title: '义务教育学校课后服务质量提升行动新闻发布会', plannedAt: local(-30, '10:00'),
    purpose: '介绍课后服务质量提升行动的主要内容，回应家长关切。', outline: '一、行动目标；二、课程和师资安排；三、满意度调查和意见反馈渠道。',
  }), cbr, true);
  if (past) {
    await addAnswer(ctx, cbr, past, { question: '课后服务是否收费？', answer: '按照省定标准执行，家庭经济困难学生免收，具体标准以学校公示为准。' });
    if (check('标记举行', await holdEvent(ctx, cbr, past, { heldAt: local(-30, '10:05') }))) {
      check('公开新闻稿', await publishText(ctx, cbr, past, 'release', RELEASE));
    }
  }
  // 2. Approved, announced for next week.
  await approved(base({
    title: '2027年春季学期义务教育招生入学政策新闻发布会', plannedAt: local(7, '09:30'), speaker: '县教育体育局新闻发言人', speakerKind: 'spokesperson',
    purpose: '发布春季学期招生入学政策，解答家长关心的问题。', outline: '一、招生范围和对象；二、报名时间和材料；三、咨询渠道。',
  }));
  // 3. An online interview held two weeks ago, transcript published.
  const interview = await approved(base({
    type: 'interview', category: 'hotspot', title: '中小学生近视防控工作在线访谈', plannedAt: local(-14, '15:00'), place: '县政府门户网站在线访谈栏目',
    speaker: '县教育体育局分管负责同志', speakerKind: 'deputy', guests: '县人民医院眼科医生',
    purpose: '介绍中小学生近视防控工作，回答网友提问。', outline: '一、体育活动和用眼管理；二、视力筛查；三、网友问答。',
  }));
  if (interview && check('标记举行', await holdEvent(ctx, cbr, interview, { heldAt: local(-14, '15:00') }))) {
    check('公开实录', await publishText(ctx, cbr, interview, 'transcript', TRANSCRIPT));
  }
  // 4. In the county government's name, passed by the press office, waiting for the 分管副县长.
  const gov = await createEvent(ctx, cbr, base({
    govName: true, wideScope: true, title: '2026年全县教育事业发展情况新闻发布会', plannedAt: local(20, '10:00'), speaker: '县人民政府新闻发言人', speakerKind: 'spokesperson',
    purpose: '以县政府名义发布全年教育事业发展主要指标完成情况。', outline: '一、主要指标完成情况；二、重点项目推进情况；三、下一步工作安排。',
  }));
  if (check('创建活动', gov) && gov.ok) {
    made++;
    if (check('提交审批', await submitEvent(ctx, cbr, gov.id, { version: 1 })) && fxz) {
      check('新闻办审核', await reviewEvent(ctx, xcb, gov.id, { conclusion: 'pass', step: 1, opinion: '内容已审核，报分管副县长审定。' }));
    }
  }
  return made;
}
