// /admin/opinion/settings: the one entry in the navigation for the screens a 舆情专员 sets up once
// and revisits rarely (sources, plans, word lists, routing, duty contacts, the corrections kept).
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout } from '../../../../platform/views/layout.tsx';
import { SOURCES_HREF } from '../feeds/sources.tsx';
import { PLANS_HREF } from './plans.tsx';
import { LEXICONS_HREF } from './lexicons.tsx';
import { ROUTING_HREF } from './routing.tsx';
import { DUTY_HREF } from './duty.tsx';
import { CORRECTIONS_HREF } from './corrections.tsx';

import { SETTINGS_HREF } from './nav.ts';

export { SETTINGS_HREF };

const ENTRIES: readonly { href: string; label: string; hint: string }[] = [
  { href: SOURCES_HREF, label: '舆情来源', hint: '订阅源（RSS、Atom、JSON Feed）的地址、抓取间隔和来源权重，以及每个来源的抓取状态。' },
  { href: PLANS_HREF, label: '舆情监测方案', hint: '按关键词组、排除词、媒体类型和单位决定保留哪些信息、通知哪些人员，可用“试一试”检验。' },
  { href: LEXICONS_HREF, label: '舆情词表', hint: '负面词、敏感词、五类应回应情形的判断词、停用词和地名库，以及各词的权重。' },
  { href: ROUTING_HREF, label: '舆情分办规则', hint: '信息中出现某个词语时建议的牵头单位，垂直管理单位可标明由上级主管部门办理。' },
  { href: DUTY_HREF, label: '舆情值班联系人', hint: '重大舆情发生时通知的24小时值班联系人。电话加密保存，列表中脱敏显示。' },
  { href: CORRECTIONS_HREF, label: '研判修正记录', hint: '研判时对系统建议的级别、类别和牵头单位所作的修改，用于检验和改进评分规则。' },
];

export function OpinionSettingsPage({ vc }: { vc: ViewContext }) {
  return (
    <AdminLayout ctx={vc} meta={{ title: '舆情设置' }} current={SETTINGS_HREF}>
      <h1>舆情设置</h1>
      <p>以下设置影响舆情信息的接收、研判建议和通知对象，修改后对此后接收的信息生效，每次修改均记入操作日志。</p>
      <ul class="link-list">
        {ENTRIES.map((e) => <li><a href={e.href}>{e.label}</a><br /><span class="muted">{e.hint}</span></li>)}
      </ul>
    </AdminLayout>
  );
}
