// The organisation form's schema (platform/forms): bounded strings with their Chinese names. The
// rules (lengths per field, codes with check characters, where a kind may sit) are domain.ts's
// validateOrg, run by the use case.
import { Type } from '@sinclair/typebox';
import { Str } from '../../platform/forms/schema.ts';
import { IdParams, QueryStr } from '../../platform/forms/query.ts';
import type { OrgFields } from './domain.ts';

const s = (title: string) => Type.Optional(Str(title, 300));

export const OrgFormSchema = Type.Object({
  parentId: s('上级机构'), name: s('机构名称'), shortName: s('简称'), kind: s('机构类型'), regionCode: s('行政区划代码'),
  orgCode: s('统一社会信用代码或组织机构代码'), address: s('办公地址'), postcode: s('邮政编码'), phone: s('联系电话'),
  fax: s('传真'), email: s('电子邮箱'), officeHours: s('办公时间'), sort: s('排序'),
} satisfies Record<keyof OrgFields, unknown>);

// Query strings and route params of the organisation screens (loose: checked where used).
export const OrgParams = IdParams('id');
export const OrgNoticeQuery = Type.Object({ done: QueryStr('提示') });
export const NewOrgQuery = Type.Object({ parent: QueryStr('上级机构') });
