// 舆情来源 (订阅源) screens: the list with each source's polling state and organisation, and the
// add / edit page with its actions (立即抓取 — queued, shown 排队中 / 抓取中 until done —, 停用 / 启用,
// 删除). Every instant in Beijing time.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout } from '../../../../platform/views/layout.tsx';
import { CsrfField, DataTable, ErrorSummary, Notice, SelectField, TextField } from '../../../../platform/views/form.tsx';
import { formatInstant } from '../../../../platform/time/index.ts';
import type { FormStrings } from '../../../../platform/forms/index.ts';
import { MEDIA_TYPES, labelOf } from '../../model.ts';
import { MEDIA_TYPE_KEYS, SOURCE_LIMITS, type PollQueueState } from '../../feeds.domain.ts';
import type { FeedSourceView } from '../../feeds.repo.ts';
import { SETTINGS_HREF } from '../settings/nav.ts';

export const SOURCES_HREF = '/admin/opinion/sources';

/** A source as shown: where its 立即抓取 request stands (computed with the clock by the route). */
export type SourceShown = FeedSourceView & { queue: PollQueueState };
export type OrgOption = { id: number; name: string };

const COUNTY = '全县（不属于具体单位）';

const when = (d: Date | null | undefined) => (d ? <time dateTime={d.toISOString()}>{formatInstant(d, 'minute')}</time> : '—');

function State({ s }: { s: SourceShown }) {
  if (!s.enabled) return <span class="badge">已停用</span>;
  if (s.queue === 'polling') return <span class="badge badge-warn">抓取中</span>;
  if (s.queue === 'queued') return <span class="badge badge-warn">排队中</span>;
  if (s.lastError) return <span class="badge badge-err">抓取失败{s.consecutiveFailures > 1 ? `（连续 ${s.consecutiveFailures} 次）` : ''}</span>;
  if (s.lastSuccessAt) return <span class="badge badge-ok">正常</span>;
  return <span class="badge badge-warn">尚未抓取</span>;
}

function PollButton({ vc, s, detail }: { vc: ViewContext; s: SourceShown; detail?: boolean }) {
  if (!s.enabled) return null;
  if (s.queue) return <span class="muted">已在抓取队列中</span>;
  return (
    <form method="post" action={`${SOURCES_HREF}/${s.id}/poll`} class="inline">
      <CsrfField token={vc.csrfToken} />
      {detail && <input type="hidden" name="from" value="detail" />}
      <button type="submit" class="secondary" aria-label={`立即抓取：${s.name}`}>立即抓取</button>
    </form>
  );
}

export function SourceListPage({ vc, sources, notice }: { vc: ViewContext; sources: SourceShown[]; notice?: string }) {
  return (
    <AdminLayout ctx={vc} meta={{ title: '舆情来源' }} current={SETTINGS_HREF}>
      <h1>舆情来源</h1>
      {notice && <Notice>{notice}</Notice>}
      <p>系统按各订阅源（RSS、Atom 或 JSON Feed）设定的间隔自动抓取新信息；抓取失败时自动延长间隔（每失败一次加倍，最长 24 小时），恢复正常后按原间隔抓取。时间均为北京时间。</p>
      <p><a class="button" href={`${SOURCES_HREF}/new`}>新增订阅源</a></p>
      <DataTable caption="订阅源及抓取状态" empty="尚未配置订阅源"
        head={['来源名称', '所属单位', '媒体类型', '状态', '上次成功抓取', '上次错误', '累计新增信息', '下次抓取', '操作']}
        rows={sources.map((s) => [
          <a href={`${SOURCES_HREF}/${s.id}`}>{s.name}</a>,
          s.orgName ?? '全县',
          labelOf(MEDIA_TYPES, s.mediaType) || s.mediaType,
          <State s={s} />,
          when(s.lastSuccessAt),
          s.lastError ? <>{s.lastError}<br /><span class="muted">{when(s.lastErrorAt)}</span></> : '无',
          `${s.itemsFetched} 条`,
          s.enabled ? when(s.nextPollAt) : '—',
          <PollButton vc={vc} s={s} />,
        ])} />
    </AdminLayout>
  );
}

export interface SourceFormProps {
  vc: ViewContext;
  source?: SourceShown;
  /** The organisations the caller may give the source. */
  orgs: OrgOption[];
  /** A county-wide manager may also leave the source to the county (no organisation). */
  countyWide: boolean;
  values: FormStrings;
  errors?: Record<string, string>;
  notice?: string;
  problem?: string;
}

const FIELD_ORDER = ['name', 'url', 'orgId', 'mediaType', 'pollMinutes', 'weight'];
/** The summary lists errors in the order of the fields (schema errors and domain errors arrive apart). */
const inFormOrder = (e?: Record<string, string>) => e && Object.fromEntries([...FIELD_ORDER, ...Object.keys(e)].filter((k, i, a) => e[k] && a.indexOf(k) === i).map((k) => [k, e[k]!]));

const str = (v: FormStrings[string] | undefined) => (typeof v === 'string' ? v : '');

export function SourceEditPage({ vc, source, orgs, countyWide, values, errors, notice, problem }: SourceFormProps) {
  const title = source ? `订阅源：${source.name}` : '新增订阅源';
  return (
    <AdminLayout ctx={vc} meta={{ title }} current={SETTINGS_HREF}>
      <p><a href={SOURCES_HREF}>舆情来源</a> › {source ? source.name : '新增订阅源'}</p>
      <h1>{title}</h1>
      {notice && <Notice>{notice}</Notice>}
      {problem && <div class="error-summary" role="alert"><h2>操作未完成</h2><p>{problem}</p></div>}
      <ErrorSummary errors={inFormOrder(errors)} />
      {source && (
        <>
          <h2>抓取状态</h2>
          <dl class="facts">
            <dt>状态</dt><dd><State s={source} />{source.queue && source.enabled ? '（已加入抓取队列，稍后刷新本页查看结果）' : ''}</dd>
            <dt>所属单位</dt><dd>{source.orgName ?? '全县'}</dd>
            <dt>上次抓取</dt><dd>{when(source.lastPolledAt)}</dd>
            <dt>上次成功抓取</dt><dd>{when(source.lastSuccessAt)}</dd>
            <dt>上次错误</dt><dd>{source.lastError ? <>{source.lastError}（{when(source.lastErrorAt)}）</> : '无'}</dd>
            <dt>连续失败次数</dt><dd>{source.consecutiveFailures}</dd>
            <dt>下次抓取</dt><dd>{source.enabled ? when(source.nextPollAt) : '已停用，不再抓取'}</dd>
            <dt>累计新增信息</dt><dd>{source.itemsFetched} 条（现存 {source.itemCount} 条）</dd>
          </dl>
          <div class="actions">
            <PollButton vc={vc} s={source} detail />
            <form method="post" action={`${SOURCES_HREF}/${source.id}/${source.enabled ? 'disable' : 'enable'}`} class="inline">
              <CsrfField token={vc.csrfToken} />
              <button type="submit" class="secondary">{source.enabled ? '停用此来源' : '启用此来源'}</button>
            </form>
          </div>
          <h2>修改设置</h2>
        </>
      )}
      <form method="post" action={source ? `${SOURCES_HREF}/${source.id}` : SOURCES_HREF} class="stack" novalidate>
        <CsrfField token={vc.csrfToken} />
        <TextField name="name" label="来源名称" required value={str(values.name)} maxLength={SOURCE_LIMITS.name} error={errors?.name}
          hint="在舆情信息和统计中显示的名称，不能与其他来源重复。" />
        <TextField name="url" label="订阅地址" inputMode="url" required value={str(values.url)} maxLength={SOURCE_LIMITS.url} error={errors?.url}
          hint="网站提供的 RSS、Atom 或 JSON Feed 链接，以 http:// 或 https:// 开头。" autocomplete="off" />
        <SelectField name="orgId" label="所属单位" value={str(values.orgId)} error={errors?.orgId} required={!countyWide}
          placeholder={countyWide ? COUNTY : '请选择'} options={orgs.map((o) => ({ value: String(o.id), label: o.name }))}
          hint="该来源属于哪个单位（例如某部门自己的留言板）：只有管理该单位的人员能看到和修改它；没有分办规则指向时，它的信息建议由该单位牵头处置。" />
        <SelectField name="mediaType" label="媒体类型" value={str(values.mediaType) || 'news'} error={errors?.mediaType}
          options={MEDIA_TYPE_KEYS.map((k) => ({ value: k, label: MEDIA_TYPES[k] }))} />
        <TextField name="pollMinutes" label="抓取间隔（分钟）" required value={str(values.pollMinutes)} inputMode="numeric" maxLength={4} error={errors?.pollMinutes}
          hint={`${SOURCE_LIMITS.minMinutes} 至 ${SOURCE_LIMITS.maxMinutes} 分钟。`} />
        <TextField name="weight" label="来源权重" required value={str(values.weight)} inputMode="decimal" maxLength={5} error={errors?.weight}
          hint="风险评分中该来源的权重：一般来源为 1，影响较大的媒体或平台可设为 1.5 至 3（0.1 至 10）。" />
        <div class="actions">
          <button type="submit">{source ? '保存修改' : '保存并开始抓取'}</button>
          <a href={SOURCES_HREF}>返回来源列表</a>
        </div>
      </form>
      {source && (
        <form method="post" action={`${SOURCES_HREF}/${source.id}/delete`}>
          <CsrfField token={vc.csrfToken} />
          <h2>删除来源</h2>
          <p>{source.itemCount > 0
            ? `该来源已抓取 ${source.itemCount} 条信息，删除将改为停用，已抓取的信息保留。`
            : '该来源尚无信息，删除后不可恢复。'}</p>
          <button type="submit" class="secondary">{source.itemCount > 0 ? '停用（不能删除）' : '删除此来源'}</button>
        </form>
      )}
    </AdminLayout>
  );
}
