// Test fixtures: the annual report's table 三 (依申请公开 applications) header, the shape with the most
// merged cells in a 政府信息公开工作年度报告 (GB/T template of 国办公开办函〔2021〕30号).
import type { TableBlock } from './model.ts';

export const APPLICANT_HEADER: TableBlock['rows'] = [
  [{ text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', rowSpan: 3, columnSpan: 3 }, { text: '申请人情况', columnSpan: 7 }],
  [{ text: '自然人', rowSpan: 2 }, { text: '法人或其他组织', columnSpan: 5 }, { text: '总计', rowSpan: 2 }],
  ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
];

export const annualReportTable = (): TableBlock => ({
  kind: 'table',
  caption: '三、收到和处理政府信息公开申请情况',
  columns: [1, 1, 3, 1, 1, 1, 1, 1, 1, 1],
  headerRows: 3,
  rows: [
    ...APPLICANT_HEADER,
    [{ text: '一、本年新收政府信息公开申请数量', columnSpan: 3 }, '12', '3', '0', '1', '0', '0', '16'],
    [{ text: '二、上年结转政府信息公开申请数量', columnSpan: 3 }, '1', '0', '0', '0', '0', '0', '1'],
    [{ text: '三、本年度办理结果', rowSpan: 2 }, { text: '（一）予以公开', columnSpan: 2 }, '5', '1', '0', '0', '0', '0', '6'],
    [{ text: '（二）部分公开', columnSpan: 2 }, '2', '0', '0', '0', '0', '0', '2'],
  ],
  note: '注：数据截至2026年12月31日。',
});
