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
  return convert(html);
}

export function renderDocument(node: VNode, variant: Variant): string {
  return '<!DOCTYPE html>' + convertVariant(render(node), variant);
}
