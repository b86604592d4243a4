// Public lists: 新闻发言人名单 (/xwfb/fyr) and 政务新媒体名录 (/xwfb/xmt). Only filed data; staff office
// contacts only (no personal phones). No JavaScript; the table scrolls inside its frame on a phone.
import type { ViewContext } from '../../../platform/views/context.ts';
import { PortalPage } from '../../portal/views/common.tsx';
import { MEDIA_PLATFORMS, MEDIA_STATUSES, labelOf } from '../domain.ts';
import type { MediaRow, PersonRow } from '../repo.ts';
import { PUBLIC_FYR_HREF, PUBLIC_XMT_HREF } from './shared.tsx';

export const FYR_LABEL = '新闻发言人名单';
export const XMT_LABEL = '政务新媒体名录';

export interface PublicOrgPeople { orgName: string; spokesperson?: PersonRow; assistant?: PersonRow }

export function PublicFyrPage({ ctx, rows, year }: { ctx: ViewContext; rows: PublicOrgPeople[]; year?: number }) {
  return (
    <PortalPage ctx={ctx} crumbs={[{ label: FYR_LABEL }]} meta={{
      title: FYR_LABEL, columnName: FYR_LABEL, keywords: `${ctx.site.name},新闻发言人,新闻助理`,
      description: `${ctx.site.name}各单位新闻发言人、新闻助理名单及办公电话。`,
    }}>
      <h1>{FYR_LABEL}</h1>
      <p>经县委宣传部登记备案的各单位新闻发言人、新闻助理{year ? `（${year} 年度）` : ''}。新闻媒体采访可通过以下办公电话联系。</p>
      {rows.length === 0 ? <p class="empty">暂无已备案的新闻发言人。</p> : (
        <div class="table-wrap">
          <table>
            <caption>{FYR_LABEL}</caption>
            <thead><tr><th scope="col">单位</th><th scope="col">新闻发言人</th><th scope="col">职务</th><th scope="col">新闻助理</th><th scope="col">办公电话</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row">{r.orgName}</th>
                  <td>{r.spokesperson?.name ?? '—'}</td>
                  <td>{r.spokesperson?.position ?? '—'}</td>
                  <td>{r.assistant ? `${r.assistant.name}（${r.assistant.position}）` : '—'}</td>
                  <td>{[...new Set([r.spokesperson?.officePhone, r.assistant?.officePhone].filter(Boolean))].join('、') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="more"><a href={PUBLIC_XMT_HREF}>{XMT_LABEL}</a></p>
    </PortalPage>
  );
}

export function PublicXmtPage({ ctx, rows }: { ctx: ViewContext; rows: MediaRow[] }) {
  return (
    <PortalPage ctx={ctx} crumbs={[{ label: XMT_LABEL }]} meta={{
      title: XMT_LABEL, columnName: XMT_LABEL, keywords: `${ctx.site.name},政务新媒体,政务微博,政务微信`,
      description: `${ctx.site.name}各单位已备案的政务新媒体账号。`,
    }}>
      <h1>{XMT_LABEL}</h1>
      <p>各单位开设并已备案的政务微博、微信公众号、客户端等政务新媒体账号。</p>
      {rows.length === 0 ? <p class="empty">暂无已备案的政务新媒体账号。</p> : (
        <div class="table-wrap">
          <table>
            <caption>{XMT_LABEL}</caption>
            <thead><tr><th scope="col">单位</th><th scope="col">平台</th><th scope="col">账号名称</th><th scope="col">状态</th></tr></thead>
            <tbody>
              {rows.map((m) => (
                <tr>
                  <th scope="row">{m.orgName}</th>
                  <td>{labelOf(MEDIA_PLATFORMS, m.platform)}</td>
                  <td>{m.url ? <a href={m.url} rel="noopener">{m.accountName}</a> : m.accountName}</td>
                  <td>{labelOf(MEDIA_STATUSES, m.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="more"><a href={PUBLIC_FYR_HREF}>{FYR_LABEL}</a></p>
    </PortalPage>
  );
}
