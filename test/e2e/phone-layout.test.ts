// Public pages on a 390 px phone and a 1366 px desktop, in the normal view, 长者模式 and 繁体:
// nothing scrolls sideways, the h1 starts on the first screen, dates stay on one line, every
// checkbox sits beside its label, the column menu folds away on the phone (a <details> that works
// without JavaScript) and stays open on the desktop. The phone versions are axe-clean.
// Screenshots go to test-results/ (gitignored) for a person to look at (see screenshot()).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.ts';
import { insertRecord } from '../support/catalog-public.ts';
import { launchBrowser, newContext, setView, visit, checkA11y, tabUntil, screenshot, type View } from '../support/browser.ts';
import { listOrgs } from '../../src/modules/org/repo.ts';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };
// 长者模式's larger preset (24 px) is the widest text a phone gets: checked there, not on the desktop.
const PHONE_VIEWS: View[] = ['normal', 'elder', 'elder2', 'tw'];
const DESKTOP_VIEWS: View[] = ['normal', 'elder', 'tw'];

let s: TestServer;
let browser: Browser;
/** folded: what a phone folds away (a <details> closed) and a desktop shows; column: has the column menu. */
let pages: { name: string; path: string; column?: boolean; folded?: string; open?: string }[] = [];

before(async () => {
  [s, browser] = await Promise.all([startTestServer({ config: { COOKIE_SECURE: 'false' } }), launchBrowser()]);
  // A record with everything long that a phone has to fit: the longest organisation name, a long
  // title and 文号, a long 索引号 (the helper's), keywords and a description.
  const org = (await listOrgs(s.ctx.db)).find((o) => o.name === '中共云溪县委网络安全和信息化委员会办公室')!;
  const rec = await insertRecord(s.ctx.db, {
    orgId: org.id, publisher: org.name, docNo: '云网信发〔2026〕112号', category: 'zcwj', docType: 'normative',
    generatedOn: '2026-11-20', publishedAt: '2026-11-20T02:00:00Z',
    title: '关于进一步加强和规范全县政务新媒体管理工作推进网上招生信息发布的实施意见',
    keywords: '政务新媒体 招生 信息发布 网络安全', description: '明确全县政务新媒体的开设、内容发布、招生信息发布和日常管理要求。',
    body: '第一条 为加强和规范政务新媒体管理，制定本意见。\n第二条 本意见适用于全县各级行政机关开设的政务新媒体。',
  });
  pages = [
    { name: 'home', path: '/' },
    { name: 'column', path: '/xxgk/fdzdgknr/', column: true },
    { name: 'column-list', path: '/xxgk/fdzdgknr/?category=zcwj', column: true },
    { name: 'record', path: `/xxgk/${rec.id}`, column: true },
    { name: 'search', path: '/xxgk/search?q=' + encodeURIComponent('招生'), column: true, folded: '#f-org' },
    // A filter set: the filters stay open on the phone too, so the reader sees what narrows the results.
    { name: 'search-filtered', path: '/xxgk/search?category=zcwj&q=' + encodeURIComponent('招生'), column: true, open: '#f-category' },
    { name: 'apply', path: '/ysqgk/apply', column: true },
    { name: 'track', path: '/ysqgk/track', column: true },
    { name: 'guide', path: '/xxgk/zn/', column: true },
    { name: 'contact', path: '/contact' },
    { name: 'accessibility', path: '/accessibility' },
    // Column indexes whose own journeys check their other pages on a phone.
    { name: 'press', path: '/xwfb/' },
    { name: 'new-media', path: '/xwfb/xmt' },
  ];
});
after(async () => { await browser?.close(); await s?.close(); });

// Plain JavaScript evaluated as a string (tsx would wrap named inner functions in a helper the page lacks).
const MEASURE_JS = `(() => {
  const doc = document.documentElement;
  const h1 = document.querySelector('main h1');
  const r = h1 ? h1.getBoundingClientRect() : null;
  const vw = doc.clientWidth;
  // What sticks out on the right, to say why a page scrolls sideways.
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const b = el.getBoundingClientRect();
    if (b.width > 0 && b.right > vw + 0.5 && wide.length < 6) {
      let inScroller = false;
      for (let p = el.parentElement; p; p = p.parentElement) if (getComputedStyle(p).overflowX === 'auto' && p !== doc && p !== document.body) { inScroller = true; break; }
      if (!inScroller) wide.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' right=' + Math.round(b.right));
    }
  }
  // Dates that broke over two lines: a <time> or date cell with more than one line box.
  const wrapped = [];
  for (const el of document.querySelectorAll('main time')) {
    const lines = new Set(Array.from(el.getClientRects()).filter((x) => x.width > 0).map((x) => Math.round(x.top)));
    if (lines.size > 1) wrapped.push(el.textContent.trim());
  }
  // A checkbox or radio whose label text does not start on the box's line, to its right.
  const apart = [];
  for (const input of document.querySelectorAll('main input[type=checkbox], main input[type=radio]')) {
    const label = input.id ? document.querySelector('label[for="' + input.id + '"]') : null;
    if (!label) continue;
    const ib = input.getBoundingClientRect();
    if (ib.width === 0) continue;
    const range = document.createRange();
    range.selectNodeContents(label);
    const first = Array.from(range.getClientRects()).find((x) => x.width > 0);
    if (!first) continue;
    const mid = (first.top + first.bottom) / 2;
    if (!(first.left >= ib.right - 1 && mid > ib.top - 1 && mid < ib.bottom + 1)) apart.push(label.textContent.trim().slice(0, 20));
  }
  return { scrollWidth: doc.scrollWidth, h1Top: r ? r.top + window.scrollY : null, h1: h1 ? h1.textContent.trim().slice(0, 30) : null, wide, wrapped, apart };
})()`;

interface Measure { scrollWidth: number; h1Top: number | null; h1: string | null; wide: string[]; wrapped: string[]; apart: string[] }

async function measure(page: Page): Promise<Measure> {
  return page.evaluate(MEASURE_JS) as Promise<Measure>;
}


function problemsOf(m: Measure, vp: { width: number; height: number }): string[] {
  const p: string[] = [];
  if (m.scrollWidth > vp.width) p.push(`scrolls sideways: scrollWidth ${m.scrollWidth} > ${vp.width} (${m.wide.join(', ')})`);
  if (m.h1Top === null) p.push('no h1 in main');
  else if (m.h1Top >= vp.height) p.push(`h1 "${m.h1}" starts at ${Math.round(m.h1Top)} px, below the first screen (${vp.height} px)`);
  for (const d of m.wrapped) p.push(`date wraps: ${d}`);
  for (const l of m.apart) p.push(`checkbox/radio not beside its label: ${l}`);
  return p;
}

for (const vp of [PHONE, DESKTOP]) {
  for (const view of vp === PHONE ? PHONE_VIEWS : DESKTOP_VIEWS) {
    test(`public pages at ${vp.width}×${vp.height} in the ${view} view`, async (t) => {
      const context = await newContext(browser, s.baseUrl, { viewport: vp });
      try {
        await setView(context, s.baseUrl, view);
        const page = await context.newPage();
        for (const p of pages) {
          await t.test(`${p.name} ${p.path}`, async (st) => {
            await visit(page, p.path);
            await screenshot(page, `${p.name}-${vp.width}-${view}`);
            const m = await measure(page);
            st.diagnostic(`scrollWidth ${m.scrollWidth}, h1 top ${m.h1Top === null ? '-' : Math.round(m.h1Top)} px`);
            const problems = problemsOf(m, vp);
            // A plain visit has nothing to correct (the tracking form used to greet with 未能查询到申请).
            if (await page.locator('.error-summary').count()) problems.push('an error summary on a plain visit');
            // The column menu (and the search filters): folded on the phone, open on the desktop.
            const folds = [...(p.column ? ['nav.column-nav li a'] : []), ...(p.folded ? [p.folded] : [])];
            for (const sel of folds) {
              const shown = await page.locator(sel).first().isVisible();
              if (vp === PHONE && shown) problems.push(`${sel} is unfolded on the phone`);
              if (vp === DESKTOP && !shown) problems.push(`${sel} is folded on the desktop`);
            }
            if (p.open && !(await page.locator(p.open).isVisible())) problems.push(`${p.open} is folded`);
            assert.deepEqual(problems, [], `${p.path} at ${vp.width} px [${view}]`);
            if (vp === PHONE) await checkA11y(page, `${p.path} at ${vp.width} px [${view}]`);
          });
        }
      } finally {
        await context.close();
      }
    });
  }
}

test('on the phone, without JavaScript, the column menu opens by keyboard and its links work', async () => {
  const context = await newContext(browser, s.baseUrl, { viewport: PHONE, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await visit(page, '/xxgk/zn/');
    const nav = page.getByRole('navigation', { name: '政府信息公开栏目' });
    const entry = nav.getByRole('link', { name: '法定主动公开内容' });
    assert.equal(await entry.isVisible(), false, 'folded at first');
    const summary = nav.locator('summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    assert.equal(await entry.isVisible(), true, 'Enter on the summary opens the menu');
    // Tab from the summary reaches the entry (each stop shows its focus), Enter follows it.
    await tabUntil(page, (f) => f.href === '/xxgk/fdzdgknr/' && f.text === '法定主动公开内容', 'the menu entry', 12);
    await Promise.all([page.waitForURL((u) => u.pathname === '/xxgk/fdzdgknr/'), page.keyboard.press('Enter')]);
    await page.waitForLoadState('load');
  } finally {
    await context.close();
  }
});

test('on the phone, a long checkbox label (an organisation name) wraps beside its box, in every view', async () => {
  const context = await newContext(browser, s.baseUrl, { viewport: PHONE });
  try {
    const page = await context.newPage();
    for (const view of PHONE_VIEWS) {
      await setView(context, s.baseUrl, view);
      await visit(page, '/ysqgk/apply');
      // The form's own choices are short; give one of them the longest organisation name twice
      // over, as a list of organisations would have, and measure where its text starts.
      await page.evaluate(`(() => {
        const label = document.querySelector('label[for="f-forms"]');
        label.textContent = '中共云溪县委网络安全和信息化委员会办公室（中共云溪县委网络安全和信息化委员会办公室）';
      })()`);
      const m = await measure(page);
      assert.deepEqual(m.apart, [], `[${view}] labels not beside their box`);
      assert.ok(m.scrollWidth <= PHONE.width, `[${view}] scrollWidth ${m.scrollWidth}`);
      await screenshot(page, `apply-long-label-${PHONE.width}-${view}`);
    }
  } finally {
    await context.close();
  }
});
