// Fees (第42条; 国办函〔2020〕109号): pure.
import { FEE_DOC } from './rule-sets.ts';


export type FeeInput =
  /** 按件计收: per applicant per natural month; `priorThisMonth` = items already charged/applied for this month. */
  | { method: 'item'; count: number; priorThisMonth?: number }
  /** 按量计收: pages of one application. */
  | { method: 'page'; count: number };

export interface FeeBand { from: number; to: number | null; units: number; unitYuan: number; yuan: number }
export interface FeeResult { method: 'item' | 'page'; yuan: number; bands: FeeBand[]; basis: string }

export class FeeInputError extends Error {
  readonly code = 'fee.invalid_input';
}

/**
 * Fee per the 109号文 办法 第三条—第五条: 按件 — items 1–10 of the month free, 11–30 ¥100 each, then each further band
 * of 10 items costs ¥100 more per item (31–40 ¥200, 41–50 ¥300 …); 按量 — pages 1–30 free, 31–100 ¥10,
 * 101–200 ¥20, 201+ ¥40 per page. Only the part within each band is charged at that band's rate.
 * A waiver (申请减免) is a decision of the agency, not modelled here.
 */
export function feeFor(input: FeeInput): FeeResult {
  const count = input?.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 1_000_000) {
    throw new FeeInputError(`计费数量应为非负整数，当前值为“${String(count)}”`);
  }
  if (input.method !== 'item' && input.method !== 'page') throw new FeeInputError('计费方式应为按件或按量，二者只能选其一');
  const prior = input.method === 'item' ? input.priorThisMonth ?? 0 : 0;
  if (!Number.isInteger(prior) || prior < 0) throw new FeeInputError(`本月已申请件数应为非负整数，当前值为“${String(prior)}”`);

  const bandsOf = (n: number): { from: number; to: number | null; unit: number }[] => {
    if (input.method === 'page') return [{ from: 1, to: 30, unit: 0 }, { from: 31, to: 100, unit: 10 }, { from: 101, to: 200, unit: 20 }, { from: 201, to: null, unit: 40 }];
    const b = [{ from: 1, to: 10, unit: 0 }, { from: 11, to: 30, unit: 100 }];
    for (let from = 31, unit = 200; from <= n; from += 10, unit += 100) b.push({ from, to: from + 9, unit });
    return b;
  };
  // Units numbered prior+1 … prior+count; each band charges the overlap.
  const first = prior + 1;
  const last = prior + count;
  const bands: FeeBand[] = [];
  let yuan = 0;
  for (const b of bandsOf(last)) {
    const lo = Math.max(b.from, first);
    const hi = Math.min(b.to ?? last, last);
    if (hi < lo) continue;
    const units = hi - lo + 1;
    bands.push({ from: lo, to: hi, units, unitYuan: b.unit, yuan: units * b.unit });
    yuan += units * b.unit;
  }
  // 第三条: 超额累进, one method per application, never both; 第四条 按件, 第五条 按量.
  const basis = input.method === 'item' ? `${FEE_DOC}第三条、第四条（按件计收）` : `${FEE_DOC}第三条、第五条（按量计收）`;
  return { method: input.method, yuan, bands, basis };
}
