// The review-chain editor's schema (platform/forms): bounded strings with their Chinese names, one
// set of step fields per editor row. The rules (codes, names, roles, at most CHAIN_LIMITS.steps
// steps) are domain.ts's validateChainForm, run by the use case on the strings as typed.
import { Type, type TOptional, type TString } from '@sinclair/typebox';
import { Str } from '../../platform/forms/schema.ts';
import { CHAIN_LIMITS } from './domain.ts';

const s = (title: string, max: number) => Type.Optional(Str(title, max));

type RowField = `s${number}_${'order' | 'key' | 'name' | 'role' | 'scope' | 'kind' | 'del'}`;

/** The fields of editor row i (0-based), named `s<i>_<field>` as the view names them. */
function rowFields(i: number): Record<RowField, TOptional<TString>> {
  const n = `第 ${i + 1} 行`;
  return {
    [`s${i}_order`]: s(`${n}顺序`, 10), [`s${i}_key`]: s(`${n}步骤代码`, 60), [`s${i}_name`]: s(`${n}步骤名称`, 100),
    [`s${i}_role`]: s(`${n}办理角色`, 40), [`s${i}_scope`]: s(`${n}办理范围`, 40), [`s${i}_kind`]: s(`${n}步骤类别`, 40),
    [`s${i}_del`]: s(`${n}删除此步骤`, 3),
  };
}

export const ChainFormSchema = Type.Object({
  rowCount: s('行数', 3),
  name: s('流程名称', 100), subjectType: s('适用事项', 40), recordKind: s('信息类型', 40), orgId: s('适用单位', 20),
  separateActors: s('相邻两个步骤须由不同人员办理', 3),
  // The "增加空行" button: re-render with three more rows, save nothing.
  more: s('增加空行', 3),
  ...(Object.assign({}, ...Array.from({ length: CHAIN_LIMITS.rows }, (_, i) => rowFields(i))) as Record<RowField, TOptional<TString>>),
});
