// Renders a JSX page to a complete HTML document, converting it to Traditional characters on request.
import { render } from 'preact-render-to-string';
import type { VNode } from 'preact';
import * as OpenCC from 'opencc-js';
import type { Variant } from './context.ts';

let toTraditional: ((s: string) => string) | undefined;

/**
 * What the user typed or the server must get back unchanged: form field values and textarea
 * contents. Converting them would silently turn a Simplified name into Traditional characters on
 * the next submit.
 */
const KEEP = /(<textarea\b[^>]*>)([\s\S]*?)(<\/textarea>)|(\svalue="[^"]*")/g;

/** Whole-page 简→繁 conversion (characters and Taiwan phrasing), applied to the rendered output only. */
export function convertVariant(html: string, variant: Variant): string {
  if (variant === 'cn') return html;
  const convert = (toTraditional ??= OpenCC.Converter({ from: 'cn', to: 'tw' }));
  let out = '';
  let last = 0;
  for (const m of html.matchAll(KEEP)) {
    const i = m.index ?? 0;
    if (m[4] !== undefined) {
      out += convert(html.slice(last, i)) + m[4];
    } else {
      out += convert(html.slice(last, i) + m[1]) + m[2] + m[3];
    }
    last = i + m[0].length;
  }
  out += convert(html.slice(last));
  // The switch back to Simplified must itself stay in Simplified (it is marked lang="zh-CN").
  return out.replace('lang="zh-CN">簡體中文<', 'lang="zh-CN">简体中文<');
}

export function renderDocument(node: VNode, variant: Variant): string {
  return '<!DOCTYPE html>' + convertVariant(render(node), variant);
}
