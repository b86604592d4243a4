// Demo applications in the demo county (云溪县), in several states, loaded after the demo county
// (src/main.ts and `gongkai demo load`). Written for this project; every person is fictional and
// the ID numbers are made up with valid check digits. Goes through the real use cases, so each
// case has its events, documents, audit rows and clock.
import type { AppContext } from '../../app-context.ts';
import { computeUsccCheckChar } from '../../platform/validation/codes.ts';
import * as authRepo from '../auth/repo.ts';
import { listOrgs } from '../org/repo.ts';
import * as repo from './repo.ts';
import { formatDate } from '../portal/domain.ts';
import { actOnReply, assignHandler, draftReply, sendCorrection, submitReply } from './use-cases/index.ts';
import { confirmReceipt, registerOffline, submitApplication, type ApplicationInput } from './intake.ts';

/** A made-up 居民身份证号码 with a valid check digit (GB 11643). */
export function demoIdNumber(region: string, birth: string, seq: string): string {
  const first17 = region + birth + seq;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

const uscc = (first17: string) => first17 + computeUsccCheckChar(first17);

function daysAgo(now: Date, n: number): string {
  return formatDate(new Date(now.getTime() - n * 86400_000));
}

/** Loads the demo applications once (nothing happens when any case exists). Returns how many were created. */
export async function seedRequestDemo(ctx: AppContext, log: (msg: string) => void = () => {}): Promise<number> {
  if ((await repo.caseCount(ctx.db)) > 0) return 0;
  const orgs = await listOrgs(ctx.db);
  const org = (short: string) => orgs.find((o) => o.shortName === short)?.id;
  const edu = org('县教体局');
  if (!edu) return 0;
  const principal = async (username: string) => {
    const u = await authRepo.findUserByUsername(ctx.db, username);
    return u ? authRepo.toPrincipal(ctx.db, u, 'session') : null;
  };
  const cbr = await principal('cbr');
  const shr = await principal('shr');
  const gkb = await principal('gkb');
  const now = ctx.now();
  const base = (p: ApplicationInput): ApplicationInput => ({
    kind: 'disclosure', applicantType: 'natural', idType: 'id_card', forms: ['paper'], delivery: 'post', postcode: '334600', ...p,
  });
  let created = 0;
  const step = async (what: string, fn: () => Promise<{ ok: boolean }>) => {
    try {
      const r = await fn();
      if (!r.ok) log(`演示申请“${what}”未能创建：${JSON.stringify(r)}`);
      return r;
    } catch (e) {
      // Demo data must never stop the server from starting.
      log(`演示申请“${what}”未能创建：${(e as Error).message}`);
      return { ok: false };
    }
  };

  // 1. Online, waiting for staff to confirm receipt.
  const r1 = await step('网上申请待确认', () => submitApplication(ctx, base({
    orgId: String(edu), applicantName: '陈晓华', idNumber: demoIdNumber('361129', '19850312', '402'), phone: '13907931234',
    email: 'chenxh@example.com', address: '云溪县城关镇解放路18号', infoDescription: '城关镇第一小学2025年秋季学期学区划分范围及依据',
    forms: ['electronic'], delivery: 'email',
  }), { ip: null }));
  if (r1.ok) created++;

  // 2. Online, receipt confirmed: the clock runs.
  const r2 = await step('网上申请已确认', () => submitApplication(ctx, base({
    orgId: String(edu), applicantType: 'commercial', applicantName: '云溪县明德教育咨询有限公司', contactName: '周明德', idType: 'uscc',
    idNumber: uscc('91361129MA35F2XK3'), phone: '0793-5126688', address: '云溪县城关镇建设路66号', infoDescription: '2025年县级教师招聘考试各岗位的报名人数和进入面试的最低分数',
  }), { ip: null }));
  if (r2.ok) {
    created++;
    if (cbr && 'caseId' in r2) await step('确认收到', () => confirmReceipt(ctx, cbr, r2.caseId as number, daysAgo(now, 0)));
  }

  // 3. Registered in person at the 县教体局, assigned to the clerk, 补正 requested.
  if (cbr) {
    const r3 = await step('当面申请待补正', () => registerOffline(ctx, cbr, {
      ...base({
        orgId: String(edu), applicantName: '刘建国', idNumber: demoIdNumber('361129', '19620705', '215'), phone: '15879312345',
        address: '云溪县河口镇新街村3组', infoDescription: '关于村小学撤并的文件', delivery: 'collect', forms: ['paper', 'view'],
      }),
      channel: 'in_person', receivedOn: daysAgo(now, 0),
    }));
    if (r3.ok && 'caseId' in r3) {
      created++;
      const id = r3.caseId as number;
      if (shr) await step('指定承办人', () => assignHandler(ctx, { user: shr, ip: null }, id, { handlerId: cbr.id }));
      await step('补正告知', () => sendCorrection(ctx, { user: cbr, ip: null }, id, {
        content: '请写明所需文件涉及的村小学名称、撤并的大致年份，或提供文件的文号。',
      }));
    }
    // 4. Registered mail, signed for a few days ago.
    const r4 = await step('挂号信申请', () => registerOffline(ctx, cbr, {
      ...base({
        orgId: String(edu), applicantType: 'public_interest', applicantName: '云溪县青苗助学公益服务中心', contactName: '黄青苗',
        idType: 'uscc', idNumber: uscc('52361129MJ5D2K0C1'), phone: '13879300001', address: '云溪县城关镇文化路9号',
        infoDescription: '2025年度家庭经济困难学生资助资金的分配方案和各校发放名单（学生姓名可作处理）', forms: ['paper', 'electronic'],
      }),
      channel: 'registered_mail', receivedOn: daysAgo(now, 3), receiptBasis: '挂号信 XA20260001CN',
    }));
    if (r4.ok) created++;
  }

  // 5. An oral application at a town, written down by the disclosure office on the applicant's behalf.
  const town = org('青石镇');
  if (gkb && town) {
    const r5 = await step('口头申请', () => registerOffline(ctx, gkb, {
      ...base({
        orgId: String(town), applicantName: '王桂兰', idNumber: demoIdNumber('361129', '19560210', '128'), phone: '13607931111',
        address: '云溪县青石镇上坪村5组', infoDescription: '青石镇上坪村2025年农村危房改造补助对象名单', delivery: 'collect', forms: ['view'],
      }),
      channel: 'oral', receivedOn: daysAgo(now, 1),
    }));
    if (r5.ok) created++;
  }
  // 6. Registered in person two weeks ago and answered: drafted, reviewed and signed in the chain.
  const sfr = await principal('sfr');
  const ago = (n: number): AppContext => ({ ...ctx, now: () => new Date(now.getTime() - n * 86400_000) });
  if (cbr && shr && sfr) {
    const r6 = await step('已答复', () => registerOffline(ago(14), cbr, {
      ...base({
        orgId: String(edu), applicantName: '赵丽萍', idNumber: demoIdNumber('361129', '19900918', '326'), phone: '13576930088',
        address: '云溪县城关镇建设路20号', infoDescription: '城关镇第二小学学区范围的划定依据和本年度一年级招生计划人数', delivery: 'collect', forms: ['paper'],
      }),
      channel: 'in_person', receivedOn: daysAgo(now, 14),
    }));
    if (r6.ok && 'caseId' in r6) {
      created++;
      const id = r6.caseId as number;
      await step('指定承办人', () => assignHandler(ago(13), { user: shr, ip: null }, id, { handlerId: cbr.id }));
      await step('起草答复', () => draftReply(ago(6), { user: cbr, ip: null }, id, {
        choice: 'outcome:1',
        text: '经查，您申请的城关镇第二小学学区范围依据《云溪县城区公办小学学区划分范围》确定，本年度一年级计划招生六个班、二百七十人。现将相关文件和招生计划提供给您。',
      }));
      await step('提交审核', () => submitReply(ago(6), { user: cbr, ip: null }, id, {}));
      await step('审核', () => actOnReply(ago(5), { user: shr, ip: null }, id, { conclusion: 'pass', opinion: '同意。' }));
      await step('签发', () => actOnReply(ago(4), { user: sfr, ip: null }, id, { conclusion: 'pass', opinion: '同意答复。' }));
    }
    // 7. Arrived by registered mail six weeks ago and still not answered: overdue on the clock.
    const r7 = await step('已逾期', () => registerOffline(ago(42), cbr, {
      ...base({
        orgId: String(edu), applicantName: '孙志强', idNumber: demoIdNumber('361129', '19780521', '413'), phone: '18907935566',
        address: '云溪县柳林乡柳林村2组', infoDescription: '柳林乡中心小学新建教学楼项目的立项批复和招标结果', forms: ['paper'],
      }),
      channel: 'registered_mail', receivedOn: daysAgo(now, 42), receiptBasis: '挂号信 XA20260107CN',
    }));
    if (r7.ok && 'caseId' in r7) {
      created++;
      await step('指定承办人', () => assignHandler(ago(41), { user: shr, ip: null }, r7.caseId as number, { handlerId: cbr.id }));
    }
  }
  return created;
}
