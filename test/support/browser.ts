// Browser helpers for test/e2e: Debian's Chromium driven by playwright-core, axe-core for
// WCAG 2.1 A/AA, the display preferences (简/繁, 长者模式), and signing in through the real form.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page, type Response } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

// The project compiles without the DOM lib; these are only used inside page.evaluate callbacks,
// which run in the browser. Module-scoped, so they do not leak into other files.
declare const document: any;
declare const window: any;
declare function getComputedStyle(el: any): any;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RESULTS_DIR = path.join(root, 'test-results');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** One browser per test file; close it in `after`. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** What a page did that a user would notice or a test should fail on. */
export interface PageWatch {
  dialogs: string[];
  popups: string[];
  pageErrors: string[];
  cspViolations: string[];
}

const watches = new WeakMap<Page, PageWatch>();

function watch(page: Page): void {
  const w: PageWatch = { dialogs: [], popups: [], pageErrors: [], cspViolations: [] };
  watches.set(page, w);
  page.on('dialog', (d) => { w.dialogs.push(`${d.type()}: ${d.message()}`); void d.dismiss().catch(() => {}); });
  page.on('popup', (p) => { w.popups.push(p.url()); });
  page.on('pageerror', (e) => { w.pageErrors.push(String(e)); });
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) w.cspViolations.push(m.text());
  });
}

export function watchOf(page: Page): PageWatch {
  const w = watches.get(page);
  if (!w) throw new Error('page was not created from a context made by newContext()');
  return w;
}

/** A fresh context (cookies, storage) on the server at baseUrl, in Simplified Chinese, Beijing time, every page watched. */
export async function newContext(browser: Browser, baseUrl: string, opts: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 }, ...opts });
  context.on('page', watch);
  // window.open is recorded in the page itself: the 'popup' event arrives asynchronously and can come
  // after a check has already looked (seen under load).
  await context.addInitScript('(() => { const open = window.open; window.__gkOpened = []; window.open = function (u, ...rest) { window.__gkOpened.push(String(u)); return open.call(this, u, ...rest); }; })()');
  return context;
}

export async function newPage(browser: Browser, baseUrl: string, opts: BrowserContextOptions = {}): Promise<Page> {
  const context = await newContext(browser, baseUrl, opts);
  return context.newPage();
}

/** Navigates (paths are relative to the context's server) and asserts the HTTP status of the final response. */
export async function visit(page: Page, url: string, status = 200): Promise<Response> {
  const res = await page.goto(url, { waitUntil: 'load' });
  assert.ok(res, `no response for ${url}`);
  assert.equal(res.status(), status, `${url}: expected HTTP ${status}, got ${res.status()}`);
  return res;
}

// --- Accessibility -------------------------------------------------------------------------------

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe (WCAG 2.1 A/AA) and fails with a readable list of violations. Also fails on CSP violations and script errors. */
export async function checkA11y(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const lines: string[] = [];
  for (const v of results.violations) {
    lines.push(`- [${v.id}] (${v.impact ?? 'n/a'}) ${v.help} — ${v.helpUrl}`);
    for (const n of v.nodes.slice(0, 8)) {
      const summary = (n.failureSummary ?? '').split('\n').map((s) => s.trim()).filter(Boolean).slice(1, 3).join(' / ');
      lines.push(`    at ${n.target.join(' ')}  ${n.html.replace(/\s+/g, ' ').slice(0, 160)}${summary ? `\n       ${summary}` : ''}`);
    }
    if (v.nodes.length > 8) lines.push(`    … and ${v.nodes.length - 8} more`);
  }
  const w = watches.get(page);
  if (w?.cspViolations.length) lines.push(`- [csp] ${w.cspViolations.length} Content-Security-Policy violation(s): ${w.cspViolations.slice(0, 3).join(' | ')}`);
  if (w?.pageErrors.length) lines.push(`- [script] ${w.pageErrors.length} script error(s): ${w.pageErrors.slice(0, 3).join(' | ')}`);
  if (lines.length) assert.fail(`${label} (${page.url()}): accessibility problems\n${lines.join('\n')}`);
}

// --- Display preferences -------------------------------------------------------------------------

export type View = 'normal' | 'elder' | 'elder2' | 'tw';
export const VIEWS: View[] = ['normal', 'elder', 'elder2', 'tw'];
export const ELDER_FONT_PX: Partial<Record<View, number>> = { elder: 20, elder2: 24 };

const VIEW_COOKIES: Record<View, Record<string, string>> = {
  normal: {},
  elder: { gk_elder: '1' },
  elder2: { gk_elder: '2' },
  tw: { gk_variant: 'tw' },
};

/** Sets the view by its cookies (what the /prefs links set), replacing any earlier choice. */
export async function setView(context: BrowserContext, baseUrl: string, view: View): Promise<void> {
  await context.clearCookies({ name: 'gk_elder' });
  await context.clearCookies({ name: 'gk_variant' });
  const cookies = Object.entries(VIEW_COOKIES[view]).map(([name, value]) => ({ name, value, url: baseUrl, sameSite: 'Lax' as const }));
  if (cookies.length) await context.addCookies(cookies);
}

/** What the rendered page says about its view: html lang and the body's classes. */
export async function viewOf(page: Page): Promise<{ lang: string; elder: 0 | 1 | 2 }> {
  const r = await page.evaluate(() => ({ lang: document.documentElement.lang as string, cls: String(document.body.className) }));
  const classes = r.cls.split(/\s+/);
  return { lang: r.lang, elder: classes.includes('elder-2') ? 2 : classes.includes('elder') ? 1 : 0 };
}

export interface ElderMetrics {
  bodyFontPx: number;
  bodyLineHeightPx: number;
  /** Running text in main (not display type) whose line height is under 1.5 × its font size. */
  tightText: string[];
  /** Visible links, buttons and fields in main and nav shorter than 60px. */
  smallTargets: string[];
}

// Plain JavaScript, evaluated as a string: tsx would wrap named inner functions in a `__name`
// helper that does not exist in the page.
const ELDER_METRICS_JS = `(() => {
  const describe = (el) => {
    const tag = el.tagName.toLowerCase();
    const id = el.id ? '#' + el.id : '';
    const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    const name = el.getAttribute('name') ? '[name=' + el.getAttribute('name') + ']' : '';
    const text = String(el.textContent || el.value || '').replace(/\\s+/g, ' ').trim().slice(0, 24);
    const nav = el.closest('nav');
    const where = nav ? 'nav[aria-label=' + nav.getAttribute('aria-label') + ']' : 'main';
    return where + ' ' + tag + id + cls + name + (text ? ' "' + text + '"' : '');
  };
  const px = (v, font) => (v === 'normal' ? font * 1.2 : parseFloat(v));
  const bs = getComputedStyle(document.body);
  const bodyFontPx = parseFloat(bs.fontSize);
  const bodyLineHeightPx = px(bs.lineHeight, bodyFontPx);
  const tightText = [];
  for (const el of document.querySelectorAll('main p, main li, main td, main th, main dd, main dt, main label')) {
    if (!String(el.textContent || '').trim()) continue;
    const s = getComputedStyle(el);
    const f = parseFloat(s.fontSize);
    // Display type (big figures on cards) is not running text; the 1.5 rule is for reading.
    if (f > 1.5 * bodyFontPx) continue;
    const lh = px(s.lineHeight, f);
    if (lh < 1.5 * f - 0.01) tightText.push(describe(el) + ': line-height ' + lh.toFixed(1) + 'px for ' + f + 'px text');
  }
  const smallTargets = [];
  const sel = 'main a[href], main button, main input, main select, main textarea, main summary, nav a[href], nav button, nav input, nav select';
  for (const el of document.querySelectorAll(sel)) {
    if (el.type === 'hidden') continue;
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    if (r.width === 0 || r.height === 0 || s.visibility === 'hidden' || s.display === 'none') continue;
    if (r.height < 59.5) smallTargets.push(describe(el) + ': ' + Math.round(r.width) + '×' + r.height.toFixed(1) + 'px');
  }
  return { bodyFontPx, bodyLineHeightPx, tightText, smallTargets };
})()`;

export async function elderMetrics(page: Page): Promise<ElderMetrics> {
  return page.evaluate(ELDER_METRICS_JS) as Promise<ElderMetrics>;
}

/** 长者模式 rules: body type at the preset size, line height ≥ 1.5, targets ≥ 60px, no pop-ups. */
export async function checkElder(page: Page, label: string, view: 'elder' | 'elder2'): Promise<void> {
  const m = await elderMetrics(page);
  const want = ELDER_FONT_PX[view]!;
  const problems: string[] = [];
  if (m.bodyFontPx < want) problems.push(`body font-size ${m.bodyFontPx}px, want ≥ ${want}px`);
  if (m.bodyLineHeightPx < 1.5 * m.bodyFontPx) problems.push(`body line-height ${m.bodyLineHeightPx}px, want ≥ ${1.5 * m.bodyFontPx}px`);
  for (const t of m.tightText) problems.push(`tight text: ${t}`);
  for (const t of m.smallTargets) problems.push(`target under 60px: ${t}`);
  const w = watchOf(page);
  for (const d of w.dialogs) problems.push(`pop-up dialog: ${d}`);
  const opened = (await page.evaluate('window.__gkOpened || []').catch(() => [])) as string[];
  for (const p of new Set([...w.popups.map((u) => new URL(u, page.url()).pathname), ...opened])) problems.push(`window.open / new window: ${p}`);
  const blank = await page.locator('a[target="_blank"]').count();
  if (blank) problems.push(`${blank} link(s) open a new window (target=_blank)`);
  if (problems.length) assert.fail(`${label} (${page.url()}): 长者模式 problems\n- ${problems.join('\n- ')}`);
}

// --- Keyboard and focus --------------------------------------------------------------------------

export interface FocusInfo {
  tag: string;
  id: string;
  name: string;
  text: string;
  classes: string;
  href: string;
  outlineStyle: string;
  outlineWidth: string;
  boxShadow: string;
  rect: { x: number; y: number; width: number; height: number };
  viewport: { width: number; height: number };
}

export async function focused(page: Page): Promise<FocusInfo | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return {
      tag: String(el.tagName).toLowerCase(),
      id: String(el.id ?? ''),
      name: String(el.getAttribute('name') ?? ''),
      text: String(el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40),
      classes: String(el.className ?? ''),
      href: String(el.getAttribute('href') ?? ''),
      outlineStyle: String(s.outlineStyle),
      outlineWidth: String(s.outlineWidth),
      boxShadow: String(s.boxShadow),
      rect: { x: r.x, y: r.y, width: r.width, height: r.height },
      viewport: { width: window.innerWidth, height: window.innerHeight },
    };
  });
}

export function describeFocus(f: FocusInfo | null): string {
  if (!f) return '(nothing focused)';
  return `${f.tag}${f.id ? '#' + f.id : ''}${f.name ? `[name=${f.name}]` : ''}${f.href ? `[href=${f.href}]` : ''} "${f.text}"`;
}

/** The focus indicator is visible: an outline or a box shadow. */
export function focusVisible(f: FocusInfo): boolean {
  const outline = f.outlineStyle !== 'none' && parseFloat(f.outlineWidth) > 0;
  const shadow = f.boxShadow !== 'none' && f.boxShadow !== '';
  return outline || shadow;
}

/** Presses Tab until `match` holds for the focused element; every stop must show its focus. */
export async function tabUntil(page: Page, match: (f: FocusInfo) => boolean, what: string, max = 60): Promise<FocusInfo> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    seen.push(describeFocus(f));
    if (!f) continue;
    assert.ok(focusVisible(f), `focus is not visible on ${describeFocus(f)} (outline ${f.outlineStyle} ${f.outlineWidth}, box-shadow ${f.boxShadow})`);
    if (match(f)) return f;
  }
  assert.fail(`Tab never reached ${what} in ${max} presses on ${page.url()}; visited:\n  ${seen.join('\n  ')}`);
}

// --- Signing in ----------------------------------------------------------------------------------

/** Signs in through the real /login form; returns the page's path afterwards. */
/** A new context signed in as the demo user: its page, and the context to close or reuse. */
export async function signedInPage(browser: Browser, server: { baseUrl: string; password(user: string): string }, user: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, server.baseUrl);
  const page = await context.newPage();
  await login(page, user, server.password(user));
  return { context, page };
}

export async function login(page: Page, user: string, password: string, next?: string): Promise<string> {
  await visit(page, next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  await page.locator('#f-username').fill(user);
  await page.locator('#f-password').fill(password);
  // click() waits for the navigation it starts to commit; then let the new page finish loading.
  await page.locator('form[action="/login"] button[type="submit"]').click();
  await page.waitForLoadState('load');
  const url = new URL(page.url());
  if (url.pathname === '/login') {
    const why = (await page.locator('.error-summary').count()) ? await page.locator('.error-summary').innerText() : '(no error summary)';
    assert.fail(`sign-in as ${user} failed: ${why}`);
  }
  return url.pathname + url.search;
}

// --- Screenshots ---------------------------------------------------------------------------------

/**
 * Saves a full-page PNG into test-results/ (gitignored) for a person to look at. Skipped in CI
 * (nobody looks there, and a full-page capture costs a quarter to a half second) unless
 * TEST_SCREENSHOTS=1; TEST_SCREENSHOTS=0 skips them anywhere.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`), fullPage: true });
}
const SCREENSHOTS = process.env.TEST_SCREENSHOTS ? process.env.TEST_SCREENSHOTS === '1' : process.env.CI !== 'true';
