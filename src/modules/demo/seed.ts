// The demo county (云溪县, fictional): organisations, one user per role, and portal content.
// Written for this project; loaded only when the database is empty.
import { randomInt } from 'node:crypto';
import type { AppContext, DemoAccount } from '../../app-context.ts';
import { withTx, type Executor } from '../../platform/db/index.ts';
import { writeAudit, SYSTEM_ACTOR } from '../../platform/audit/index.ts';
import { hashPassword } from '../../platform/crypto/index.ts';
import { computeOrgCodeCheckChar, computeUsccCheckChar } from '../../platform/validation/codes.ts';
import { ROLES, type Role } from '../auth/policy.ts';
import * as repo from './seed.repo.ts';
import { writeSetting } from '../portal/settings.repo.ts';

export const DEMO_REGION = '361129';

/** A valid 统一社会信用代码 for a government organ (登记管理部门 1 = 机构编制, 类别 1 = 机关). */
export function demoUscc(serial: number): string {
  const body = String(15000000 + serial).padStart(8, '0');
  const orgCode = body + computeOrgCodeCheckChar(body);
  const first17 = '11' + DEMO_REGION + orgCode;
  return first17 + computeUsccCheckChar(first17);
}

interface OrgSeed { key: string; name: string; short: string; kind: string; parent?: string; phone?: string; address?: string }

const ORGS: OrgSeed[] = [
  { key: 'gov', name: '云溪县人民政府', short: '县政府', kind: 'government', phone: '0793-5120000', address: '云溪县城关镇人民路1号' },
  { key: 'office', name: '云溪县人民政府办公室', short: '县政府办', kind: 'office', parent: 'gov', phone: '0793-5120001', address: '云溪县城关镇人民路1号' },
  { key: 'press', name: '中共云溪县委宣传部（县政府新闻办公室）', short: '县委宣传部', kind: 'department', parent: 'gov', phone: '0793-5120010' },
  { key: 'cac', name: '中共云溪县委网络安全和信息化委员会办公室', short: '县委网信办', kind: 'department', parent: 'gov', phone: '0793-5120011' },
  { key: 'fgw', name: '云溪县发展和改革委员会', short: '县发改委', kind: 'department', parent: 'gov', phone: '0793-5120020' },
  { key: 'edu', name: '云溪县教育体育局', short: '县教体局', kind: 'department', parent: 'gov', phone: '0793-5120030' },
  { key: 'fin', name: '云溪县财政局', short: '县财政局', kind: 'department', parent: 'gov', phone: '0793-5120040' },
  { key: 'land', name: '云溪县自然资源局', short: '县自然资源局', kind: 'department', parent: 'gov', phone: '0793-5120050' },
  { key: 'health', name: '云溪县卫生健康委员会', short: '县卫健委', kind: 'department', parent: 'gov', phone: '0793-5120060' },
  { key: 'market', name: '云溪县市场监督管理局', short: '县市场监管局', kind: 'department', parent: 'gov', phone: '0793-5120070' },
  { key: 'qingshi', name: '云溪县青石镇人民政府', short: '青石镇', kind: 'town', parent: 'gov', phone: '0793-5310001' },
  { key: 'hekou', name: '云溪县河口镇人民政府', short: '河口镇', kind: 'town', parent: 'gov', phone: '0793-5320001' },
  { key: 'liulin', name: '云溪县柳林乡人民政府', short: '柳林乡', kind: 'town', parent: 'gov', phone: '0793-5330001' },
  { key: 'zone', name: '云溪工业园区管理委员会', short: '工业园区管委会', kind: 'zone', parent: 'gov', phone: '0793-5340001' },
];

interface UserSeed { username: string; name: string; org: string; role: Role; grantOrg: string; subtree: boolean }

const USERS: UserSeed[] = [
  { username: 'admin', name: '系统管理员', org: 'office', role: 'sysadmin', grantOrg: 'gov', subtree: true },
  { username: 'gkb', name: '周文清', org: 'office', role: 'disclosure_office', grantOrg: 'gov', subtree: true },
  { username: 'xcb', name: '林晓岚', org: 'press', role: 'press_office', grantOrg: 'gov', subtree: true },
  { username: 'yqzy', name: '韩立新', org: 'cac', role: 'opinion_monitor', grantOrg: 'gov', subtree: true },
  { username: 'bmsc', name: '程守一', org: 'office', role: 'secrecy_reviewer', grantOrg: 'gov', subtree: true },
  { username: 'cbr', name: '李思远', org: 'edu', role: 'clerk', grantOrg: 'edu', subtree: false },
  { username: 'shr', name: '赵雅琴', org: 'edu', role: 'dept_reviewer', grantOrg: 'edu', subtree: false },
  { username: 'sfr', name: '孙振华', org: 'edu', role: 'unit_approver', grantOrg: 'edu', subtree: false },
  // The county government's leaders: the 分管副县长 and the 县长 approve press events in the government's name.
  { username: 'fxz', name: '陈立平', org: 'gov', role: 'deputy_leader', grantOrg: 'gov', subtree: true },
  { username: 'xz', name: '刘正清', org: 'gov', role: 'principal_leader', grantOrg: 'gov', subtree: true },
];

const NEWS: [string, string, string, number][] = [
  ['news', '县政府召开第十二次常务会议研究部署今冬明春重点工作', '会议听取了全县经济运行情况汇报，研究部署冬季安全生产、保暖保供和明春农业生产准备等工作。会议要求各乡镇、各部门压实责任，确保群众温暖过冬。', 1],
  ['news', '县教育体育局启动义务教育学校课后服务质量提升行动', '行动聚焦课后服务内容供给、师资保障和家长满意度三个方面，计划用一年时间实现全县义务教育学校课后服务提质扩面。', 3],
  ['news', '青石镇完成农村人居环境整治秋季集中行动', '镇村两级共组织干部群众参与清理行动，整治房前屋后环境卫生，群众满意度明显提升。', 5],
  ['news', '县市场监督管理局开展冬季食品安全专项检查', '专项检查覆盖农贸市场、校园周边和餐饮服务单位，对发现的问题当场督促整改。', 6],
  ['news', '云溪工业园区新增规模以上工业企业三家', '园区持续优化营商环境，落实惠企政策，前三季度新增规模以上工业企业三家。', 9],
  ['news', '县卫生健康委员会组织开展家庭医生签约服务进乡村活动', '活动组织医务人员深入乡村，为群众提供健康咨询、慢性病随访等服务。', 12],
  ['notice', '关于2027年元旦放假期间值班安排的通知', '各乡镇人民政府，县政府各部门：元旦放假期间，各单位要严格落实领导带班和值班制度，确保信息畅通。', 2],
  ['notice', '关于公开征求《云溪县城区停车管理办法（征求意见稿）》意见的公告', '为提高城区停车管理水平，现将征求意见稿向社会公开征求意见，欢迎社会各界提出意见建议。', 4],
  ['notice', '云溪县2026年第四季度政务公开工作例会通知', '定于近期召开第四季度政务公开工作例会，请各单位分管负责同志和信息公开工作人员参加。', 8],
  ['notice', '关于做好政府信息公开年度报告编制工作的通知', '各单位应于次年1月31日前向社会公布本单位上一年度政府信息公开工作年度报告。', 10],
];

function demoPassword(): string {
  // Readable but strong: letters, digits and a symbol, no ambiguous characters.
  const alpha = 'abcdefghjkmnpqrstuvwxyz';
  const pick = (s: string, n: number) => Array.from({ length: n }, () => s[randomInt(s.length)]).join('');
  return `Gk-${pick(alpha.toUpperCase(), 2)}${pick(alpha, 4)}-${pick('23456789', 4)}`;
}

export async function isDatabaseEmpty(db: Executor): Promise<boolean> {
  return (await repo.orgCount(db)) === 0;
}

/** Loads the demo county; returns the accounts (with their passwords) or null if data already exists. */
export async function seedDemo(ctx: AppContext, opts: { now?: Date } = {}): Promise<DemoAccount[] | null> {
  const now = opts.now ?? ctx.now();
  const accounts: DemoAccount[] = USERS.map((u) => ({ username: u.username, password: demoPassword(), role: ROLES[u.role] }));
  const hashes = await Promise.all(accounts.map((a) => hashPassword(a.password)));
  return withTx(ctx.db, async (tx) => {
    // Re-check inside the transaction with a lock so two starting processes do not both seed.
    await repo.lockOrgs(tx);
    if (!(await isDatabaseEmpty(tx))) return null;
    const ids = new Map<string, number>();
    let serial = 1;
    for (const [i, o] of ORGS.entries()) {
      const id = await repo.insertOrg(tx, {
        parentId: o.parent ? ids.get(o.parent)! : null, name: o.name, shortName: o.short, kind: o.kind, regionCode: DEMO_REGION,
        orgCode: demoUscc(serial++), address: o.address ?? `云溪县城关镇${o.short}办公楼`, postcode: '334600', phone: o.phone ?? null,
        fax: o.phone ? o.phone.replace(/\d$/, '9') : null, email: `gk_${o.key}@yunxi.example.gov.cn`,
        officeHours: '工作日上午8:30—12:00，下午14:30—17:30（法定节假日除外）', sort: i,
      });
      ids.set(o.key, id);
    }
    for (const [i, u] of USERS.entries()) {
      await repo.insertUserWithGrant(tx,
        { username: u.username, displayName: u.name, orgId: ids.get(u.org)!, email: `${u.username}@yunxi.example.gov.cn`, passwordHash: hashes[i]! },
        { role: u.role, orgId: ids.get(u.grantOrg)!, includeSubtree: u.subtree });
    }
    for (const [channel, title, body, daysAgo] of NEWS) {
      const at = new Date(now.getTime() - daysAgo * 86400_000);
      await repo.insertArticle(tx, { channel, title, body, orgId: ids.get('gov')!, publishedAt: at });
    }
    await writeSetting(tx, 'demo_accounts', accounts);
    await writeAudit(tx, SYSTEM_ACTOR, { action: 'demo.seed', entityType: 'system', summary: { orgs: ORGS.length, users: USERS.length } });
    return accounts;
  });
}
