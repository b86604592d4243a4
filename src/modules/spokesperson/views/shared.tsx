// Paths and small pieces shared by the module's back-office pages.
import type { FormStrings } from '../../../platform/forms/index.ts';

export const FYR_HREF = '/admin/fyr';
export const FILINGS_HREF = '/admin/fyr/filings';
export const ROUNDS_HREF = '/admin/fyr/rounds';
export const EVALUATIONS_HREF = '/admin/fyr/evaluations';
export const EXPERTS_HREF = '/admin/experts';
export const XMT_HREF = '/admin/xmt';
export const PUBLIC_FYR_HREF = '/xwfb/fyr';
export const PUBLIC_XMT_HREF = '/xwfb/xmt';

export const orgHref = (id: number) => `${FYR_HREF}/org/${id}`;

export const str = (v: FormStrings[string] | undefined) => (typeof v === 'string' ? v : '');

export type OrgChoice = { id: number; name: string };
export const orgOptions = (orgs: readonly OrgChoice[]) => orgs.map((o) => ({ value: String(o.id), label: o.name }));

export function Badge({ tone, children }: { tone?: 'ok' | 'warn' | 'err'; children: string }) {
  return <span class={tone ? `badge badge-${tone}` : 'badge'}>{children}</span>;
}
