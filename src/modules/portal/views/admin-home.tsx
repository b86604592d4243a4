// 工作台: the signed-in user's identity and cards of what exists now, limited to what they may read.
import { AdminLayout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { DataTable, Notice } from '../../../platform/views/form.tsx';
import type { CalendarStatus } from '../domain.ts';
import { formatDateTime } from '../domain.ts';
import type { AuditBrief } from '../repo.ts';
import { actionLabel, entityLabel } from '../../../platform/audit/present.ts';
import type { DeskGroup, DeskItem } from '../../../platform/modules/index.ts';

export type AdminHomeData = {
  displayName: string;
  username: string;
  orgName: string;
  roles: string[];
  orgs?: { total: number; active: number };
  users?: { total: number; active: number };
  audit?: AuditBrief[];
  /** What waits for the user, as each module counts it (platform/modules DeskItem). */
  desk: readonly DeskGroup[];
  mayRequests: boolean;
  calendar: CalendarStatus;
  mayReadCalendar: boolean;
  mayManageCalendar: boolean;
  demo: boolean;
};

const LEVEL_BADGE = { ok: ['badge-ok', '正常'], warning: ['badge-warn', '需关注'], danger: ['badge-err', '需处理'] } as const;

const TONE_WORDS: Record<DeskItem['tone'], [string, string] | null> = {
  info: null,
  warning: ['badge-warn', '需关注'],
  danger: ['badge-err', '需尽快处理'],
};

/** One count; the number is the link to the list it counts (its name says what is behind it). */
function DeskCard({ item }: { item: DeskItem }) {
  const words = item.count > 0 ? TONE_WORDS[item.tone] : null;
  return (
    <li class={item.count > 0 && item.tone !== 'info' ? `card tone-${item.tone}` : 'card'}>
      <h4>{item.label}</h4>
      <p class="num"><a href={item.href}>{item.count}<span class="visually-hidden">项{item.label}，查看列表</span></a></p>
      {words && <p><span class={`badge ${words[0]}`}>{words[1]}</span></p>}
      {item.hint && <p>{item.hint}</p>}
    </li>
  );
}

export function AdminHomePage({ ctx, data }: { ctx: ViewContext; data: AdminHomeData }) {
  const [badgeClass, badgeText] = LEVEL_BADGE[data.calendar.level];
  return (
    <AdminLayout ctx={ctx} meta={{ title: '工作台' }} current="/admin/">
      <h1>工作台</h1>
      {data.demo && (
        <Notice kind="warning">
          当前为演示环境：机构、人员和信息均为虚构的“云溪县”演示数据，请勿录入真实的个人信息或涉密信息。
        </Notice>
      )}
      {/* Those who can import the notice get the warning at the top; others see it in the card. */}
      {data.calendar.level !== 'ok' && data.mayManageCalendar && <Notice kind="warning">{data.calendar.message}</Notice>}

      <section aria-labelledby="h-me" class="card me">
        <h2 id="h-me">您好，{data.displayName}</h2>
        <dl class="facts">
          <dt>用户名</dt><dd>{data.username}</dd>
          <dt>所属单位</dt><dd>{data.orgName}</dd>
          <dt>角色</dt><dd>{data.roles.length ? data.roles.join('、') : '未分配角色'}</dd>
        </dl>
        <p><a href="/admin/account">修改密码</a></p>
      </section>

      <section aria-labelledby="h-desk" class="desk">
        <h2 id="h-desk">待办事项</h2>
        {data.desk.length === 0
          ? <p>按您的角色，工作台暂无需要统计的待办事项。</p>
          : data.desk.map((g) => (
            <>
              <h3>{g.title}</h3>
              <ul class="cards">{g.items.map((i) => <DeskCard item={i} />)}</ul>
            </>
          ))}
        <p><a href="/admin/help">工作人员使用说明</a>：各项工作的办理时限、审核分工和常见问题。</p>
      </section>

      <h2>概况</h2>
      <ul class="cards">
        {data.orgs && (
          <li class="card">
            <h3>组织机构</h3>
            <p class="num">{data.orgs.active}</p>
            <p>个在用机构{data.orgs.total > data.orgs.active ? `（另有 ${data.orgs.total - data.orgs.active} 个已停用）` : ''}</p>
            <p><a href="/admin/orgs">管理组织机构</a></p>
          </li>
        )}
        {data.users && (
          <li class="card">
            <h3>用户</h3>
            <p class="num">{data.users.active}</p>
            <p>个在用账户{data.users.total > data.users.active ? `（另有 ${data.users.total - data.users.active} 个已停用）` : ''}</p>
            <p><a href="/admin/users">管理用户与角色</a></p>
          </li>
        )}
        {data.mayRequests && (
          <li class="card">
            <h3>依申请公开</h3>
            <p>受理、办理和答复政府信息公开申请。</p>
            <p><a href="/admin/requests">进入依申请公开办理</a></p>
            <p><a href="/admin/requests/reminders">我的依申请公开提醒</a></p>
          </li>
        )}
        <li class="card">
          <h3>工作日历</h3>
          <p><span class={`badge ${badgeClass}`}>{badgeText}</span></p>
          <p>{data.calendar.message}</p>
          {data.mayReadCalendar && <p><a href="/admin/calendar">{data.mayManageCalendar ? '查看和导入工作日历' : '查看工作日历'}</a></p>}
        </li>
      </ul>

      {data.audit && (
        <section aria-labelledby="h-audit">
          <h2 id="h-audit">最近操作记录</h2>
          <DataTable
            caption="最近的审计日志（最新在前）"
            head={['时间', '操作人', '操作', '对象']}
            empty="暂无操作记录"
            rows={data.audit.map((a) => [
              formatDateTime(a.at),
              a.actorName,
              actionLabel(a.action),
              entityLabel(a.entityType, a.entityId),
            ])}
          />
          <p><a href="/admin/audit">查看全部审计日志</a></p>
        </section>
      )}
    </AdminLayout>
  );
}
