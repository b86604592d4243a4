// 录入舆情: a post seen by hand, or a task assigned by the higher government with its deadline.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../../platform/views/layout.tsx';
import { CsrfField, ErrorSummary, SelectField, TextArea, TextField } from '../../../../platform/views/form.tsx';
import { inFormOrder, type FormStrings } from '../../../../platform/forms/index.ts';
import { MEDIA_TYPES } from '../../model.ts';
import { INCIDENTS_HREF } from './shared.tsx';

const ORDER = ['title', 'text', 'origin', 'higherDeadline', 'sourceName', 'mediaType', 'url', 'author', 'publishedAt'];

export function ManualEntryPage({ vc, values, errors }: { vc: ViewContext; values: FormStrings; errors?: Record<string, string> }) {
  const v = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  return (
    <AdminLayout ctx={vc} meta={{ title: '录入舆情' }} current={`${INCIDENTS_HREF}/new`}>
      <Breadcrumb items={[{ href: INCIDENTS_HREF, label: '舆情事件' }, { label: '录入舆情' }]} />
      <h1>录入舆情</h1>
      <p>录入人工发现的舆情或上级交办的舆情。系统按同样的规则分析并给出级别和类别建议，录入后请及时研判。时间均为北京时间。</p>
      <ErrorSummary errors={errors && inFormOrder(errors, ORDER)} />
      <form method="post" action={`${INCIDENTS_HREF}/new`} class="stack" novalidate>
        <CsrfField token={vc.csrfToken} />
        <TextField name="title" label="标题" required value={v('title')} maxLength={200} error={errors?.title} />
        <TextArea name="text" label="内容" required rows={6} maxLength={20000} value={v('text')} error={errors?.text} hint="原文内容或交办事项。" />
        <SelectField name="origin" label="录入类型" value={v('origin') || 'manual'} error={errors?.origin}
          options={[{ value: 'manual', label: '人工发现' }, { value: 'higher_task', label: '上级交办' }]} />
        <TextField name="higherDeadline" label="交办时限（上级交办时必填）" value={v('higherDeadline')} maxLength={25} error={errors?.higherDeadline}
          hint="交办机关要求回应的时间，例如 2026-10-01 18:00。" autocomplete="off" />
        <TextField name="sourceName" label="来源或交办机关（选填）" value={v('sourceName')} maxLength={60} error={errors?.sourceName}
          hint="例如 市政府办公室、某论坛；不填写时记为“人工录入”。" />
        <SelectField name="mediaType" label="渠道" value={v('mediaType') || 'other'} error={errors?.mediaType}
          options={Object.entries(MEDIA_TYPES).map(([k, l]) => ({ value: k, label: l }))} />
        <TextField name="url" label="原文链接（选填）" inputMode="url" value={v('url')} maxLength={2000} error={errors?.url} autocomplete="off" />
        <TextField name="author" label="发布人（选填）" value={v('author')} maxLength={100} error={errors?.author} hint="发布人属于个人信息，加密保存，页面上隐藏部分内容。" autocomplete="off" />
        <TextField name="publishedAt" label="发布时间（选填）" value={v('publishedAt')} maxLength={25} error={errors?.publishedAt} hint="不填写时为当前时间。" autocomplete="off" />
        <div class="actions"><button type="submit">保存并进入研判</button><a href={INCIDENTS_HREF}>返回舆情事件</a></div>
      </form>
    </AdminLayout>
  );
}
