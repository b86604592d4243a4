// 工作台: the signed-in user's identity and cards of what exists now, limited to what they may read.
import { AdminLayout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { DataTable, Notice } from '../../../platform/views/form.tsx';
import type { CalendarStatus } from '../domain.ts';
import { formatDateTime } from '../domain.ts';
import type { AuditBrief } from '../repo.ts';
import { actionLabel, entityLabel } from '../../../platform/audit/present.ts';

export type AdminHomeData = {
  displayName: string;
  username: string;
  orgName: string;
  roles: string[];
  orgs?: { total: number; active: number };
  users?: { total: number; active: number };
  audit?: AuditBrief[];
  /** 依申请公开 cases in the user's scope (request.read). */
  requests?: { open: number; submitted: number; inReview: number; overdue: number };
  calendar: CalendarStatus;
  mayReadCalendar: boolean;
  mayManageCalendar: boolean;
  demo: boolean;
};

const LEVEL_BADGE = { ok: ['badge-ok', '正常'], warning: ['badge-warn', '需关注'], danger: ['badge-err', '需处理'] } as const;

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
        {data.requests && (
          <li class="card">
            <h3>依申请公开</h3>
            <p class="num">{data.requests.open}</p>
            <p>件在办申请{data.requests.overdue ? <>，其中 <span class="badge badge-err">{data.requests.overdue} 件已超期</span></> : ''}</p>
            {(data.requests.submitted > 0 || data.requests.inReview > 0) && <ul>
              {data.requests.submitted > 0 && <li><a href="/admin/requests?status=submitted">待确认收到 {data.requests.submitted} 件</a></li>}
              {data.requests.inReview > 0 && <li><a href="/admin/requests?status=reply_review">答复审核中 {data.requests.inReview} 件</a></li>}
            </ul>}
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
