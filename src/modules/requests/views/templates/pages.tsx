// 文书模板 screens: the list of every notice and reply template with the one in force for an
// organisation, and the edit page (title, body, placeholders, HTML and .docx preview, versions).
// Work without JavaScript: the organisation switch and the previews are plain form submissions.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../../platform/views/layout.tsx';
import { CsrfField, DataTable, ErrorSummary, Notice, SelectField, TextArea, TextField } from '../../../../platform/views/form.tsx';
import type { Rendered } from '../../templates.ts';

export const NAV = '/admin/requests/templates';
const BASE = '/admin/requests/templates';

export interface OrgOption { value: string; label: string }
export const SOURCE_LABEL = { builtin: '内置模板', default: '全部机构默认模板', org: '本机构模板' } as const;

export interface ListRow {
  key: string; label: string; group: string; source: keyof typeof SOURCE_LABEL; version: number | null; updatedAt: string | null; updatedByName: string | null;
}

export const editHref = (key: string, org: string) => `${BASE}/${encodeURIComponent(key)}?org=${encodeURIComponent(org)}`;

function OrgSwitch({ action, orgs, org }: { action: string; orgs: OrgOption[]; org: string }) {
  return (
    <form method="get" action={action} class="filters">
      <SelectField name="org" label="适用范围" value={org} options={orgs}
        hint="选择“全部机构（默认）”编辑各机构共用的模板；选择具体机构编辑该机构自己的模板，未设置的沿用默认模板或内置模板。" />
      <div class="actions"><button type="submit" class="secondary">切换</button></div>
    </form>
  );
}

export function TemplateListPage(p: { vc: ViewContext; orgs: OrgOption[]; org: string; orgLabel: string; rows: ListRow[]; notice?: string }) {
  const groups = [...new Set(p.rows.map((r) => r.group))];
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '文书模板' }} current={NAV}>
      <Breadcrumb items={[{ href: '/admin/requests', label: '依申请公开' }, { label: '文书模板' }]} />
      <h1>文书模板</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      <p>登记回执、补正申请告知书、延期答复告知书、征求意见函、收费通知书和各类答复告知书按模板生成 Word 文书（.docx），自动填入申请信息、法律依据和落款。
        查找顺序为：本机构模板 → 全部机构默认模板 → 内置模板。修改模板会保存为新版本，旧版本保留。</p>
      <OrgSwitch action={BASE} orgs={p.orgs} org={p.org} />
      {groups.map((g) => (
        <DataTable caption={`${g}（${p.orgLabel}）`} head={['文书', '当前使用', '版本', '更新时间', '操作']}
          rows={p.rows.filter((r) => r.group === g).map((r) => [
            r.label,
            SOURCE_LABEL[r.source],
            r.version === null ? '—' : `第 ${r.version} 版`,
            r.updatedAt ? `${r.updatedAt}${r.updatedByName ? `（${r.updatedByName}）` : ''}` : '—',
            <a href={editHref(r.key, p.org)}>编辑<span class="visually-hidden">{r.label}</span></a>,
          ])} />
      ))}
    </AdminLayout>
  );
}

export interface VersionRow { version: number; active: boolean; title: string; createdAt: string; updatedByName: string | null }

export function TemplateEditPage(p: {
  vc: ViewContext; keyName: string; label: string; basis: string; orgs: OrgOption[]; org: string; orgLabel: string;
  source: keyof typeof SOURCE_LABEL; sourceVersion: number | null; ownActive: boolean;
  values: { title: string; body: string }; errors?: { title?: string; body?: string };
  placeholders: { name: string; meaning: string }[]; preview?: Rendered; versions: VersionRow[]; notice?: string;
}) {
  const action = `${BASE}/${encodeURIComponent(p.keyName)}`;
  const inForce = `${SOURCE_LABEL[p.source]}${p.sourceVersion ? `第 ${p.sourceVersion} 版` : ''}`;
  return (
    <AdminLayout ctx={p.vc} meta={{ title: `编辑文书模板：${p.label}` }} current={NAV}>
      <Breadcrumb items={[{ href: '/admin/requests', label: '依申请公开' }, { href: `${BASE}?org=${encodeURIComponent(p.org)}`, label: '文书模板' }, { label: p.label }]} />
      <h1>编辑文书模板：{p.label}</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      <p>适用范围：{p.orgLabel}。当前使用：{inForce}。{p.basis && <>法律依据：{p.basis}。</>}</p>
      <OrgSwitch action={action} orgs={p.orgs} org={p.org} />
      <h2>模板内容</h2>
      <ErrorSummary errors={{ title: p.errors?.title, body: p.errors?.body }} />
      <form method="post" action={action} class="stack" novalidate>
        <CsrfField token={p.vc.csrfToken} />
        <input type="hidden" name="org" value={p.org} />
        <TextField name="title" label="标题" value={p.values.title} required maxLength={200} error={p.errors?.title} />
        <TextArea name="body" label="正文" value={p.values.body} required rows={22} error={p.errors?.body}
          hint="每行一段；第一行为称谓（如“{申请人}：”），顶格排版，其余各段首行缩进两字。落款（机关名称、印章位置和日期）自动添加。花括号中的占位符在生成时替换为申请的实际内容，未填写的显示为“＿＿＿＿”。" />
        <div class="actions">
          <button type="submit" name="_action" value="preview" class="secondary">预览</button>
          <button type="submit" name="_action" value="docx" class="secondary">下载预览文书（.docx）</button>
          <button type="submit" name="_action" value="save">保存为新版本</button>
        </div>
      </form>
      {p.preview && (
        <section class="doc-preview" aria-labelledby="preview-title">
          <h2 id="preview-title">预览（示例数据）</h2>
          <h3>{p.preview.title}</h3>
          {p.preview.paragraphs.map((x) => (x ? <p>{x}</p> : <br />))}
          <p class="signature">{p.preview.signature.org}（印章）<br />{p.preview.signature.date}</p>
        </section>
      )}
      {p.ownActive && (
        <form method="post" action={`${action}/restore`} class="stack">
          <h2>恢复</h2>
          <p>停用{p.org === 'default' ? '全部机构默认模板，恢复使用内置模板' : '本机构模板，恢复使用全部机构默认模板（未设置时为内置模板）'}。已保存的版本不会删除。</p>
          <CsrfField token={p.vc.csrfToken} />
          <input type="hidden" name="org" value={p.org} />
          <div class="actions"><button type="submit" class="secondary">停用并恢复</button></div>
        </form>
      )}
      <h2>可用的占位符</h2>
      <DataTable caption="占位符及其含义" head={['占位符', '含义']}
        rows={p.placeholders.map((x) => [<code>{`{${x.name}}`}</code>, x.meaning])} />
      <h2>版本记录</h2>
      <DataTable caption={`版本记录（${p.orgLabel}）`} head={['版本', '标题', '状态', '保存时间', '保存人']} empty="尚未保存过模板，正在使用上一级模板。"
        rows={p.versions.map((v) => [`第 ${v.version} 版`, v.title, v.active ? '使用中' : '已停用', v.createdAt, v.updatedByName ?? '—'])} />
    </AdminLayout>
  );
}
