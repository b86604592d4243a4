// The audit log screen: filtered, keyset-paged list (newest first) and the hash-chain check.
// Reading the log is not itself audited (it would flood the log); running the check is.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { AdminLayout } from '../views/layout.tsx';
import { CsrfField, DataTable, ErrorSummary, Notice, SelectField, TextField } from '../views/form.tsx';
import { withTx } from '../db/index.ts';
import { actorOf } from '../../modules/auth/routes.tsx';
import { verifyAudit, writeAudit, type VerifyResult } from './index.ts';
import { listAudit, type AuditRow } from './repo.ts';
import { actionLabel, actionOptions, entityLabel, entityOptions, filterQuery, parseAuditFilters, summaryLines, type ParsedAuditFilters } from './present.ts';

export const AUDIT_PAGE_SIZE = 50;

export function registerAuditAdmin(app: FastifyInstance, ctx: AppContext): void {
  app.get('/admin/audit', { config: { policy: 'audit.read' } }, async (req, reply) => {
    const filters = parseAuditFilters(req.query);
    return listPage(reply, filters);
  });

  // Walking the whole chain is heavy on a large log: a few runs a minute are plenty.
  app.post('/admin/audit/verify', { config: { policy: 'audit.read', rateLimit: { max: 5, timeWindow: '1 minute' } } }, async (req, reply) => {
    const result = await verifyAudit(ctx.db);
    await withTx(ctx.db, (tx) => writeAudit(tx, actorOf(req), {
      action: 'audit.verify', entityType: 'audit_log',
      summary: result.ok ? { ok: true, rows: result.rows } : { ok: false, rows: result.rows, brokenAt: result.brokenAt },
    }));
    return listPage(reply, parseAuditFilters({}), result);
  });

  async function listPage(reply: FastifyReply, f: ParsedAuditFilters, verified?: VerifyResult) {
    const valid = (k: keyof ParsedAuditFilters['values']) => (f.errors[k] ? undefined : f.values[k] || undefined);
    const page = await listAudit(ctx.db, {
      actor: valid('actor'), action: valid('action'), entityType: valid('entityType'), entityId: valid('entityId'),
      from: valid('from'), to: valid('to'), before: f.before, after: f.after, limit: AUDIT_PAGE_SIZE,
    });
    const hasErrors = Object.values(f.errors).some(Boolean);
    const options = actionOptions();
    if (f.values.action && !f.errors.action && !options.some((o) => o.value === f.values.action)) {
      options.push({ value: f.values.action, label: f.values.action });
    }
    const filtered = Object.values(f.values).some(Boolean);
    return reply.page((vc) => (
      <AdminLayout ctx={vc} meta={{ title: '审计日志' }} current="/admin/audit">
        <h1>审计日志</h1>
        <p>系统中的每一项变更均在同一事务中记入审计日志，日志以 SM3 哈希链相互关联，任何删除或修改均可被校验发现。查阅日志本身不记入审计日志。</p>
        {verified && <VerifyNotice result={verified} />}
        <form method="post" action="/admin/audit/verify" class="inline">
          <CsrfField token={vc.csrfToken} />
          <button type="submit" class="secondary">校验哈希链</button>
        </form>

        <h2>筛选</h2>
        <ErrorSummary errors={f.errors} message={hasErrors ? '部分筛选条件有误，已忽略这些条件' : undefined} />
        <form method="get" action="/admin/audit" class="filters" novalidate>
          <TextField name="actor" label="操作人（用户名）" value={f.values.actor} maxLength={100} error={f.errors.actor} />
          <SelectField name="action" label="操作类型" value={f.values.action} options={options} placeholder="全部" error={f.errors.action} />
          <SelectField name="entityType" label="对象类型" value={f.values.entityType} options={entityOptions()} placeholder="全部" error={f.errors.entityType} />
          <TextField name="entityId" label="对象编号" value={f.values.entityId} maxLength={100} error={f.errors.entityId} />
          <TextField name="from" label="开始日期" type="date" value={f.values.from} hint="YYYY-MM-DD" error={f.errors.from} />
          <TextField name="to" label="结束日期" type="date" value={f.values.to} hint="YYYY-MM-DD" error={f.errors.to} />
          <div class="actions">
            <button type="submit">查询</button>
            {filtered && <a href="/admin/audit" class="button secondary">清除条件</a>}
          </div>
        </form>

        <DataTable
          caption={`审计记录（按时间由新到旧，每页 ${AUDIT_PAGE_SIZE} 条）`}
          head={['编号', '时间', '操作人', 'IP 地址', '操作', '对象', '内容摘要']}
          rows={page.rows.map(rowCells)}
          empty={filtered ? '没有符合条件的记录' : '暂无审计记录'}
        />
        {(page.hasNewer || page.hasOlder) && (
          <nav class="pagination" aria-label="分页">
            <ul>
              {page.hasNewer && <li><a href={`/admin/audit${filterQuery(f)}`}>最新记录</a></li>}
              {page.hasNewer && <li><a href={`/admin/audit${filterQuery(f, { after: page.rows[0].id })}`} rel="prev">较新记录</a></li>}
              {page.hasOlder && <li><a href={`/admin/audit${filterQuery(f, { before: page.rows[page.rows.length - 1].id })}`} rel="next">较早记录</a></li>}
            </ul>
          </nav>
        )}
      </AdminLayout>
    ));
  }
}

function VerifyNotice({ result }: { result: VerifyResult }) {
  if (result.ok) {
    return <Notice kind="success"><strong>校验通过（OK）</strong>：审计日志共 {result.rows} 条，哈希链完整，未发现删除或修改。</Notice>;
  }
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>校验未通过：哈希链已被破坏</h2>
      <p>{result.reason}</p>
      <p>已校验通过 {result.rows} 条；第一条异常记录编号：{result.brokenAt ?? '未知'}。请立即报告安全管理人员，并保全数据库备份。</p>
    </div>
  );
}

function rowCells(r: AuditRow) {
  const label = actionLabel(r.action);
  const lines = summaryLines(r.summary, undefined, r.action);
  return [
    String(r.id),
    <time>{r.at}</time>,
    r.actorName,
    r.ip ?? '—',
    label === r.action ? <code>{r.action}</code> : <>{label}<br /><code class="muted">{r.action}</code></>,
    entityLabel(r.entityType, r.entityId),
    lines.length ? <>{lines.map((l, i) => <>{i > 0 && <br />}{l}</>)}</> : '—',
  ];
}
