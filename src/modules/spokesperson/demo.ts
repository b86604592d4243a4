// The demo county's spokespersons (every organisation: a spokesperson and a 新闻助理, filed), the
// current year's round open with some organisations confirmed and one change waiting for the press
// office, a few policy-interpretation experts and 政务新媒体 accounts (one not updated for weeks).
// Names and numbers are invented for the demo.
import type { AppContext } from '../../app-context.ts';
import { withTx } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR, writeAudit, type Actor } from '../../platform/audit/index.ts';
import { listOrgs } from '../org/repo.ts';
import { staleCutoff, type Basis, type PersonValues } from './domain.ts';
import * as repo from './repo.ts';
import { todayOf } from './use-cases/shared.ts';

const DEMO_ACTOR: Actor = { ...SYSTEM_ACTOR, name: '系统（演示数据）' };

const SPOKES = ['何建平', '罗文斌', '邓海燕', '曾志刚', '彭丽华', '谢国栋', '余秋实', '袁明轩', '叶红梅', '蒋卫东', '卢永康', '傅晓静', '魏长青', '冯若愚', '潘立群', '杜春生'];
const ASSIST = ['许佳琪', '吕晨阳', '汪婷婷', '任浩然', '姜雨桐', '崔鹏飞', '钟雅丽', '丁思成', '龚晓蕾', '田俊杰', '石慧敏', '夏一鸣', '方可欣', '邹明远', '熊若兰', '白子涵'];

function postOf(kind: string, short: string): { position: string; basis: Basis } {
  if (kind === 'government') return { position: '县人民政府办公室主任', basis: 'other' };
  if (kind === 'town') return { position: `${short}党委委员、副${short.endsWith('乡') ? '乡长' : '镇长'}`, basis: 'division' };
  if (kind === 'zone') return { position: '管委会副主任', basis: 'deputy' };
  if (kind === 'office') return { position: '县政府办公室副主任', basis: 'deputy' };
  return { position: short.endsWith('局') ? `${short.replace(/^县/, '')}副局长` : `${short.replace(/^县/, '')}副主任`, basis: 'deputy' };
}

const otherPhone = (p: string) => p.replace(/(\d)$/, (d) => String((Number(d) + 5) % 10));

export async function seedSpokespersonDemo(ctx: AppContext, _warn: (msg: string) => void = () => {}): Promise<number> {
  if (await repo.anyPeople(ctx.db)) return 0;
  const orgs = (await listOrgs(ctx.db)).filter((o) => o.active);
  if (!orgs.length) return 0;
  const today = todayOf(ctx);
  const year = Number(today.slice(0, 4));
  const jan = `${year}-01-05`;
  const since = `${year - 1}-03-01`;
  const id = (short: string) => orgs.find((o) => o.shortName === short)?.id;
  return withTx(ctx.db, async (tx) => {
    let n = 0;
    for (const [i, o] of orgs.entries()) {
      const phone = o.phone ?? '0793-5120000';
      const post = postOf(o.kind, o.shortName ?? o.name);
      const people: [string, PersonValues][] = [
        ['spokesperson', { name: SPOKES[i % SPOKES.length]!, position: post.position, basis: post.basis, officePhone: phone, email: null, termFrom: since, termTo: null }],
        ['assistant', { name: ASSIST[i % ASSIST.length]!, position: '办公室主任', basis: null, officePhone: otherPhone(phone), email: null, termFrom: since, termTo: null }],
      ];
      for (const [role, v] of people) {
        const personId = await repo.insertPerson(tx, o.id, role, v, since);
        await repo.insertFiledFiling(tx, { orgId: o.id, role, kind: 'new', data: v, changes: `首次备案：${v.name}（${v.position}）`, status: 'filed', decidedOn: since, personId, submittedAt: new Date(`${since}T09:00:00+08:00`) });
        n++;
      }
    }
    // This year's round: opened in January, the first half of the organisations confirmed.
    const roundId = await repo.insertRound(tx, { year, openedOn: jan, dueOn: `${year}-12-31`, openedBy: null });
    for (const o of orgs.slice(0, Math.ceil(orgs.length / 2))) await repo.insertConfirmation(tx, { roundId, orgId: o.id, confirmedOn: today < `${year}-01-20` ? today : `${year}-01-20`, confirmedBy: null });
    // One change waiting for the press office: 县卫健委's 新闻助理 moved to another post.
    const health = id('县卫健委');
    if (health) {
      const v: PersonValues = { name: '严书宁', position: '办公室副主任', basis: null, officePhone: '0793-5120066', email: 'wjw_xw@yunxi.example.gov.cn', termFrom: today, termTo: null };
      await repo.insertFiling(tx, { orgId: health, role: 'assistant', kind: 'replace', data: v, changes: `${ASSIST[orgs.findIndex((o) => o.id === health) % ASSIST.length]} 改为 严书宁（办公室副主任）`, submittedBy: null });
    }
    const experts: [string, string, string, string, string, string][] = [
      ['县教体局', '郑秀华', '教育政策', '云溪县第一中学', '高级教师', '13907930001'],
      ['县财政局', '黄志远', '财税与预算', '云溪县会计学会', '高级会计师', '13907930002'],
      ['县自然资源局', '陈启明', '国土空间规划', '江右规划设计研究院', '高级工程师', '13907930003'],
      ['县卫健委', '刘安琪', '公共卫生', '云溪县人民医院', '主任医师', '13907930004'],
    ];
    for (const [k, [org, name, field, employer, title, phone]] of experts.entries()) {
      const orgId = id(org);
      if (!orgId) continue;
      const expertId = await repo.insertExpert(tx, { orgId, name, field, employer, title, phoneEnc: ctx.fieldCipher.encrypt(phone), emailEnc: null, status: 'active' });
      if (k < 3) await repo.updateExpert(tx, expertId, { filedOn: jan });
    }
    const stale = staleCutoff(today, 30);
    const accounts: [string, string, string, string, string | null, string | null][] = [
      ['县政府', 'wechat', '云溪发布', '林晓岚', jan, today],
      ['县政府', 'weibo', '云溪发布', '林晓岚', jan, today],
      ['县教体局', 'wechat', '云溪教育', '李思远', jan, staleCutoff(today, 2)],
      ['县市场监管局', 'douyin', '云溪市场监管', '卢永康', jan, stale],
      ['青石镇', 'wechat', '青石微讯', '许佳琪', null, staleCutoff(today, 5)],
    ];
    for (const [org, platform, accountName, responsible, filedOn, lastUpdateOn] of accounts) {
      const orgId = id(org);
      if (!orgId) continue;
      const mid = await repo.insertMedia(tx, { orgId, platform, accountName, responsible, url: null, status: 'operating', lastUpdateOn });
      if (filedOn) await repo.updateMedia(tx, mid, { filedOn });
    }
    await writeAudit(tx, DEMO_ACTOR, { action: 'spokesperson.demo.load', entityType: 'spokes_round', entityId: roundId, summary: { orgs: orgs.length, people: n, experts: experts.length, accounts: accounts.length } });
    return n;
  });
}
