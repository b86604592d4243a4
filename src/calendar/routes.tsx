// Working-day calendar admin: the arrangement in force for a year, admin overrides, importing a
// year's notice (holiday-cn JSON or typed lines) and a 试算 (trial deadline) form.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.ts';
import { AdminLayout } from '../platform/views/layout.tsx';
import { CsrfField, DataTable, ErrorSummary, Notice, SelectField, TextArea, TextField } from '../platform/views/form.tsx';
import { actorOf } from '../modules/auth/routes.tsx';
import { formText, parseForm } from '../platform/forms/index.ts';
import { CalendarQuerySchema, ImportJsonSchema, ImportRowsSchema, MAX_JSON, OverrideFormSchema, RemoveOverrideSchema } from './forms.ts';
import { can } from '../modules/auth/policy.ts';
import {
  MAX_WORKING_DAYS, builtinCalendarData, explainDeadline, isValidIsoDate, isWorkingDay, isYearCovered,
  type DayOverride, type DeadlineExplanation, type WorkCalendar,
} from './calendar.ts';
import { listDays, listYears, loadStored, type CalendarYearRow } from './repo.ts';
import { mergeCalendar } from './service.ts';
import { importHolidayNotice, removeAdminOverride, setAdminOverride } from './use-cases.ts';
import { noteProblem, parseNoticeJson, parseNoticeRows, parseOverrideForm, parseYear, type FieldErrors } from './rows.ts';
import { beijingToday, formatInstant } from '../platform/time/index.ts';

const SOURCE_LABELS: Record<DayOverride['source'], string> = { builtin: '内置数据', import: '导入', admin: '人工调整' };
const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

type Values = Record<string, string>;

interface PageState {
  year: number;
  yearError?: string;
  /** Override form. */
  ov?: { values: Values; errors: FieldErrors };
  trial?: { values: Values; errors: FieldErrors; result?: DeadlineExplanation };
  message?: string;
  done?: string;
  status?: number;
}

interface ImportState { json?: { values: Values; errors: FieldErrors }; rows?: { values: Values; errors: FieldErrors }; status?: number }

const weekday = (date: string) => WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
const kindText = (o: DayOverride) => (o.isOffDay ? '放假' : '上班');

/** The overrides in force for one year, ordered by date. */
function yearEntries(cal: WorkCalendar, year: number): DayOverride[] {
  const prefix = `${year}-`;
  return [...cal.overrides.values()].filter((o) => o.date.startsWith(prefix)).sort((a, b) => (a.date < b.date ? -1 : 1));
}

function monthStats(cal: WorkCalendar, year: number) {
  return Array.from({ length: 12 }, (_, m) => {
    let work = 0, rest = 0, holidays = 0, makeUp = 0;
    const last = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
    for (let d = 1; d <= last; d++) {
      const date = `${year}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      const o = cal.overrides.get(Date.UTC(year, m, d) / 86_400_000);
      if (isWorkingDay(cal, date)) { work++; if (o && !o.isOffDay) makeUp++; } else { rest++; if (o?.isOffDay) holidays++; }
    }
    return { month: m + 1, work, rest, holidays, makeUp };
  });
}

export function registerCalendarAdmin(app: FastifyInstance, ctx: AppContext): void {
  const today = () => beijingToday(ctx.now());
  const canManage = (req: FastifyRequest) => can(req.user, 'calendar.manage');

  app.get('/admin/calendar', { config: { policy: 'calendar.read' } }, async (req, reply) => {
    // Bounded strings as typed; each is checked below with its own message (the schema's are not shown).
    const q = formText(parseForm(CalendarQuerySchema, req.query));
    const thisYear = Number(today().slice(0, 4));
    const yearRaw = q.year;
    const year = yearRaw ? parseYear(yearRaw) : thisYear;
    const state: PageState = { year: year ?? thisYear, done: q.done };
    if (year === null) { state.yearError = `年份“${yearRaw}”无效，请填写 1900—2100 之间的四位年份。已显示${thisYear}年。`; state.status = 400; }
    if (/^\d{1,6}$/.test(q.n)) state.message = q.n;
    // 试算: only when asked for, so a plain visit shows the empty form.
    if (q.from || q.days) {
      const values = { from: q.from, days: q.days };
      const errors: FieldErrors = {};
      if (!isValidIsoDate(values.from)) errors.from = '起算日期应为 YYYY-MM-DD 格式的有效日期（1900—2100年）';
      if (!/^\d{1,4}$/.test(values.days) || Number(values.days) > MAX_WORKING_DAYS) errors.days = `工作日天数应为 0 至 ${MAX_WORKING_DAYS} 之间的整数`;
      state.trial = { values, errors };
      if (Object.keys(errors).length === 0) {
        try {
          state.trial.result = explainDeadline(await ctx.calendar.get(), values.from, Number(values.days));
        } catch (e) {
          // Runs past the supported range (year 2100) end up here.
          errors.days = (e as Error).message;
        }
      }
      if (Object.keys(errors).length > 0) state.status = 400;
    }
    const edit = q.edit;
    if (edit && isValidIsoDate(edit) && canManage(req)) {
      const o = (await ctx.calendar.get()).overrides.get(Date.parse(`${edit}T00:00:00Z`) / 86_400_000);
      state.ov = { values: { date: edit, kind: o ? (o.isOffDay ? 'off' : 'work') : 'off', name: o?.name ?? '', note: '' }, errors: {} };
    }
    return calendarPage(req, reply, state);
  });

  app.post('/admin/calendar/overrides', { config: { policy: 'calendar.manage' } }, async (req, reply) => {
    // parseOverrideForm checks the strings as typed (lengths included) and gives the page's messages.
    const { year: shownYear, ...values } = formText(parseForm(OverrideFormSchema, req.body));
    const parsed = parseOverrideForm(values);
    if (!parsed.ok) {
      const year = parseYear(values.date.slice(0, 4)) ?? parseYear(shownYear) ?? Number(today().slice(0, 4));
      return calendarPage(req, reply, { year, ov: { values, errors: parsed.errors }, status: 422 });
    }
    const r = await setAdminOverride(ctx, actorOf(req), parsed.value);
    return reply.redirect(`/admin/calendar?year=${parsed.value.date.slice(0, 4)}&done=${r.created ? 'added' : 'changed'}&n=${r.recalculated}`, 303);
  });

  app.post('/admin/calendar/overrides/remove', { config: { policy: 'calendar.manage' } }, async (req, reply) => {
    const { date } = formText(parseForm(RemoveOverrideSchema, req.body));
    const fallbackYear = Number(today().slice(0, 4));
    if (!isValidIsoDate(date)) {
      return calendarPage(req, reply, { year: fallbackYear, yearError: '要删除的日期无效，请从列表中选择要删除的人工调整。', status: 400 });
    }
    const r = await removeAdminOverride(ctx, actorOf(req), date);
    if (!r.ok) return calendarPage(req, reply, { year: Number(date.slice(0, 4)), yearError: r.message, status: 404 });
    return reply.redirect(`/admin/calendar?year=${date.slice(0, 4)}&done=removed&n=${r.recalculated}`, 303);
  });

  app.get('/admin/calendar/import', { config: { policy: 'calendar.manage' } }, async (_req, reply) => importPage(reply, {}));

  app.post('/admin/calendar/import/json', { config: { policy: 'calendar.manage' } }, async (req, reply) => {
    // One character over MAX_JSON is read, so that the length check below can say so.
    const { json: raw, note } = formText(parseForm(ImportJsonSchema, req.body));
    const values = { json: raw.slice(0, MAX_JSON), note };
    const errors: FieldErrors = {};
    let notice: { year: number; overrides: DayOverride[] } | undefined;
    if (raw.length > MAX_JSON) errors.json = `内容过长（不超过 ${MAX_JSON} 个字符）`;
    else {
      const p = parseNoticeJson(raw);
      if (p.ok) notice = p; else Object.assign(errors, p.errors);
    }
    const noteError = noteProblem(values.note.trim(), '依据');
    if (noteError) errors.note = noteError;
    if (!notice || Object.keys(errors).length > 0) return importPage(reply, { json: { values, errors }, status: 422 });
    const r = await importHolidayNotice(ctx, actorOf(req), notice, values.note.trim() || '管理界面导入（JSON）');
    return reply.redirect(`/admin/calendar?year=${notice.year}&done=imported&n=${r.recalculated}`, 303);
  });

  app.post('/admin/calendar/import/rows', { config: { policy: 'calendar.manage' } }, async (req, reply) => {
    const form = parseForm(ImportRowsSchema, req.body);
    const values = formText(form);
    const p = parseNoticeRows(values.year, values.rows);
    // The schema's messages count where rows.ts has no limit of its own (over-long rows are refused, not cut).
    const errors: FieldErrors = { ...(form.ok ? {} : form.errors), ...(p.ok ? {} : p.errors) };
    const noteError = noteProblem(values.note.trim(), '依据');
    if (noteError) errors.note = noteError;
    if (!p.ok || Object.keys(errors).length > 0) return importPage(reply, { rows: { values, errors }, status: 422 });
    const r = await importHolidayNotice(ctx, actorOf(req), p, values.note.trim() || '管理界面导入（逐行录入）');
    return reply.redirect(`/admin/calendar?year=${p.year}&done=imported&n=${r.recalculated}`, 303);
  });

  async function calendarPage(req: FastifyRequest, reply: FastifyReply, s: PageState) {
    const manage = canManage(req);
    const year = s.year;
    const cal = await ctx.calendar.get();
    const [days, years] = await Promise.all([listDays(ctx.db, { year }), listYears(ctx.db)]);
    const entries = yearEntries(cal, year);
    const adminRows = new Map(days.filter((d) => d.source === 'admin').map((d) => [d.date, d]));
    // What each admin override replaced, so staff can see the effect of removing it.
    let base: WorkCalendar | undefined;
    if (adminRows.size > 0) {
      const stored = await loadStored(ctx.db);
      base = mergeCalendar({ ...stored, overrides: stored.overrides.filter((o) => o.source !== 'admin') });
    }
    const covered = isYearCovered(cal, year);
    const importedYear = years.find((y) => y.year === year);
    const stats = monthStats(cal, year);
    const trialFrom = s.trial?.values.from ?? today();
    const trialDays = s.trial?.values.days ?? '20';
    const ovValues = s.ov?.values ?? { date: '', kind: 'off', name: '', note: '' };

    return reply.page((vc) => (
      <AdminLayout ctx={vc} meta={{ title: `工作日历（${year}年）` }} current="/admin/calendar">
        <h1>工作日历（{year}年）</h1>
        <p>法定期限按工作日计算：起算日当日不计入，从次日起第一个工作日为第 1 日。工作日依据国务院办公厅每年发布的节假日安排通知确定（法定节假日放假，调休日上班）。</p>
        <DoneNotice done={s.done} n={s.message} />
        {/* Not an ErrorSummary: the 试算 form may show one on the same page (its heading id is fixed). */}
        {s.yearError && <div class="error-summary" role="alert"><p>{s.yearError}</p></div>}

        <nav aria-label="选择年份" class="pagination">
          <ul>
            <li><a href={`/admin/calendar?year=${year - 1}`}>上一年（{year - 1}年）</a></li>
            <li><a href={`/admin/calendar?year=${year + 1}`}>下一年（{year + 1}年）</a></li>
          </ul>
        </nav>
        <form method="get" action="/admin/calendar" class="filters" novalidate>
          <TextField name="year" label="查看年份" value={String(year)} inputMode="numeric" maxLength={4} />
          <div class="actions"><button type="submit">查看</button></div>
        </form>

        <h2>{year}年节假日安排状态</h2>
        <Coverage year={year} covered={covered} imported={importedYear} manage={manage} />

        <h2 id="trial">期限试算</h2>
        <p>输入起算日期（如收到申请之日）和工作日天数，计算截止日期并列出期间跳过的节假日和计入的调休上班日。</p>
        <ErrorSummary errors={s.trial?.errors} />
        {s.trial?.result && <TrialResult e={s.trial.result} from={s.trial.values.from} days={s.trial.values.days} />}
        <form method="get" action="/admin/calendar#trial" class="filters" novalidate>
          <input type="hidden" name="year" value={String(year)} />
          <TextField name="from" label="起算日期" type="date" value={trialFrom} hint="YYYY-MM-DD，当日不计入" error={s.trial?.errors.from} required />
          <TextField name="days" label="工作日天数" value={trialDays} inputMode="numeric" maxLength={4} error={s.trial?.errors.days} required />
          <div class="actions"><button type="submit">试算</button></div>
        </form>

        <h2>{year}年节假日与调休安排</h2>
        <DataTable
          caption={`${year}年生效的节假日与调休上班日（共 ${entries.length} 天；未列出的日期按周一至周五上班、周六周日休息）`}
          head={['日期', '星期', '安排', '名称', '来源', '说明', ...(manage ? ['操作'] : [])]}
          rows={entries.map((o) => {
            const admin = adminRows.get(o.date);
            const under = admin && base ? base.overrides.get(Date.parse(`${o.date}T00:00:00Z`) / 86_400_000) : undefined;
            const notes = [
              admin?.note ?? '',
              admin ? `原安排：${under ? `${kindText(under)}（${under.name}，${SOURCE_LABELS[under.source]}）` : `${/星期[六日]/.test(weekday(o.date)) ? '周末休息' : '正常上班'}`}` : '',
            ].filter(Boolean).join('；');
            return [
              <time datetime={o.date}>{o.date}</time>,
              weekday(o.date),
              <span class={o.isOffDay ? 'badge badge-warn' : 'badge badge-ok'}>{kindText(o)}</span>,
              o.name,
              SOURCE_LABELS[o.source],
              notes || '—',
              ...(manage ? [o.source === 'admin'
                ? <form method="post" action="/admin/calendar/overrides/remove" class="inline">
                    <CsrfField token={vc.csrfToken} />
                    <input type="hidden" name="date" value={o.date} />
                    <button type="submit" class="link-button" aria-label={`删除${o.date}的人工调整`}>删除人工调整</button>
                  </form>
                : <a href={`/admin/calendar?year=${year}&edit=${o.date}#override`} aria-label={`调整${o.date}的安排`}>调整</a>] : []),
            ];
          })}
          empty={`${year}年没有节假日或调休数据`}
        />

        <DataTable
          caption={`${year}年各月工作日统计`}
          head={['月份', '工作日', '休息日', '其中法定节假日', '其中调休上班日']}
          rows={stats.map((m) => [`${m.month}月`, String(m.work), String(m.rest), String(m.holidays), String(m.makeUp)])}
        />
        <p class="muted">全年工作日 {stats.reduce((a, m) => a + m.work, 0)} 天。{!covered && '（本年度节假日安排尚未载入，上述统计按普通周计算，为暂定数据。）'}</p>

        {manage && (
          <>
            <h2 id="override">人工调整</h2>
            <p>人工调整优先于内置数据和导入的通知，用于临时调整（如本地因灾停止办公）或更正数据。同一日期再次提交即修改原调整。每次调整均记入审计日志，在办事项的期限将重新计算。</p>
            <ErrorSummary errors={s.ov?.errors} />
            <form method="post" action="/admin/calendar/overrides" class="stack" novalidate>
              <CsrfField token={vc.csrfToken} />
              <input type="hidden" name="year" value={String(year)} />
              <TextField name="date" label="日期" type="date" value={ovValues.date} hint="YYYY-MM-DD" error={s.ov?.errors.date} required />
              <SelectField name="kind" label="安排" value={ovValues.kind} options={[{ value: 'off', label: '放假（不计为工作日）' }, { value: 'work', label: '上班（计为工作日）' }]} error={s.ov?.errors.kind} required />
              <TextField name="name" label="名称" value={ovValues.name} hint="如“国庆节”“国庆节调休上班”“防汛停止办公”" maxLength={50} error={s.ov?.errors.name} required />
              <TextArea name="note" label="调整依据或说明" value={ovValues.note} rows={2} maxLength={500} hint="如文件名称和文号" error={s.ov?.errors.note} />
              <div class="actions"><button type="submit">保存调整</button></div>
            </form>
            <h2>导入年度节假日安排</h2>
            <p>国务院办公厅发布新一年度节假日安排通知后，请及时<a href="/admin/calendar/import">导入该年度安排</a>。</p>
          </>
        )}
      </AdminLayout>
    ), s.status ?? 200);
  }

  function importPage(reply: FastifyReply, s: ImportState) {
    const thisYear = Number(today().slice(0, 4));
    const json = s.json?.values ?? { json: '', note: '' };
    const rows = s.rows?.values ?? { year: String(thisYear + 1), rows: '', note: '' };
    return reply.page((vc) => (
      <AdminLayout ctx={vc} meta={{ title: '导入年度节假日安排' }} current="/admin/calendar">
        <p><a href="/admin/calendar">返回工作日历</a></p>
        <h1>导入年度节假日安排</h1>
        <p>导入某一年度的国务院办公厅节假日安排通知后，该年度即视为已覆盖，跨入该年度的期限不再是暂定期限。再次导入同一年度将整体替换此前导入的安排，并替换内置数据中该年度的安排；人工调整仍然优先。导入后在办事项的期限将按新安排重新计算。</p>

        <h2 id="json-title">方式一：粘贴 JSON 数据</h2>
        <ErrorSummary errors={s.json?.errors} />
        <form method="post" action="/admin/calendar/import/json" class="stack" novalidate aria-labelledby="json-title">
          <CsrfField token={vc.csrfToken} />
          <TextArea name="json" label="节假日安排（holiday-cn 格式 JSON）" value={json.json} rows={12} required
            hint={'格式：{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}, …]}；isOffDay 为 true 表示放假，false 表示调休上班。'}
            error={s.json?.errors.json} />
          <TextField name="note" label="依据（通知名称和文号）" value={json.note} maxLength={500} error={s.json?.errors.note} />
          <div class="actions"><button type="submit">导入</button></div>
        </form>

        <h2 id="rows-title">方式二：逐行录入</h2>
        <ErrorSummary errors={s.rows?.errors} />
        <form method="post" action="/admin/calendar/import/rows" class="stack" novalidate aria-labelledby="rows-title">
          <CsrfField token={vc.csrfToken} />
          <TextField name="year" label="年度" value={rows.year} inputMode="numeric" maxLength={4} error={s.rows?.errors.year} required />
          <TextArea name="rows" label="安排（每行一天）" value={rows.rows} rows={14} required
            hint="每行格式：日期,名称,放假 或 上班，例如“2027-01-01,元旦,放假”“2027-02-06,春节调休上班,上班”。通知中放假期间的每一天（含周末）都应列出；以 # 开头的行为注释。"
            error={s.rows?.errors.rows} />
          <TextField name="note" label="依据（通知名称和文号）" value={rows.note} maxLength={500} error={s.rows?.errors.note} />
          <div class="actions"><button type="submit">导入</button></div>
        </form>
      </AdminLayout>
    ), s.status ?? 200);
  }
}

function DoneNotice({ done, n }: { done?: string; n?: string }) {
  const text: Record<string, string> = { added: '人工调整已保存。', changed: '人工调整已修改。', removed: '人工调整已删除，该日期恢复按内置数据或导入的安排计算。', imported: '年度节假日安排已导入。' };
  if (!done || !text[done]) return null;
  return <Notice>{text[done]}{n !== undefined && `重新计算期限的在办事项：${n} 件。`}</Notice>;
}

function Coverage({ year, covered, imported, manage }: { year: number; covered: boolean; imported?: CalendarYearRow; manage: boolean }) {
  if (imported) {
    return <Notice kind="info">{year}年节假日安排已导入（{imported.note ?? '无说明'}；导入时间 {fmtInstant(imported.loadedAt)}），该年度的期限为正式期限。</Notice>;
  }
  if (covered) {
    return <Notice kind="info">{year}年节假日安排已包含在系统内置数据中（来源：国务院办公厅年度通知，经 chinese-days 数据包发布），该年度的期限为正式期限。</Notice>;
  }
  const builtin = builtinCalendarData().coveredYears;
  return (
    <Notice kind="warning">
      <strong>注意：{year}年的节假日安排尚未载入。</strong>
      该年度暂按周一至周五上班、周六周日休息计算，凡截止日期延伸到{year}年的期限均为<strong>暂定</strong>期限，待节假日安排载入后将重新计算。
      系统内置数据覆盖 {builtin[0]}—{builtin[builtin.length - 1]} 年。
      {manage ? <> 国务院办公厅发布通知后，请<a href="/admin/calendar/import">导入{year}年安排</a>。</> : ' 请联系政务公开办导入该年度安排。'}
    </Notice>
  );
}

function TrialResult({ e, from, days }: { e: DeadlineExplanation; from: string; days: string }) {
  return (
    <section class="panel" aria-labelledby="trial-result" role="status">
      <h3 id="trial-result">试算结果：自{from}起第{days}个工作日为 <strong>{e.due}</strong>（{weekday(e.due)}）{e.provisional && '（暂定）'}</h3>
      <p>{e.text}</p>
      {e.provisional && <p><strong>暂定：</strong>{e.uncoveredYears.join('、')}年的节假日安排尚未载入。</p>}
    </section>
  );
}

const fmtInstant = (v: Date): string => formatInstant(v, 'datetime');

