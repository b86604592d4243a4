// Renders a JSX page to a complete HTML document, converting it to Traditional characters on request.
import { render } from 'preact-render-to-string';
import type { VNode } from 'preact';
import * as OpenCC from 'opencc-js';
import type { Variant } from './context.ts';

let toTraditional: ((s: string) => string) | undefined;

/** Whole-page 简→繁 conversion (characters and Taiwan phrasing), applied to the rendered output only. */
export function convertVariant(html: string, variant: Variant): string {
  if (variant === 'cn') return html;
  const convert = (toTraditional ??= OpenCC.Converter({ from: 'cn', to: 'tw' }));
  // The switch back to Simplified must itself stay in Simplified (it is marked lang="zh-CN").
  return convert(html).replace('lang="zh-CN">簡體中文<', 'lang="zh-CN">简体中文<');
}

export function renderDocument(node: VNode, variant: Variant): string {
  return '<!DOCTYPE html>' + convertVariant(render(node), variant);
}
