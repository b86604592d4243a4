// Chinese names of the requests module's audit actions on the audit log screen.
import { ANSWER_KINDS, APPLICANT_TYPES, CASE_KINDS, CHANNELS, OUTCOMES, outcomeLabel } from './model.ts';
export const REQUEST_AUDIT_LABELS: Record<string, string> = {
  'request.submit': '依申请公开：网上提交申请',
  'request.register': '依申请公开：登记申请',
  'request.receive': '依申请公开：确认收到申请',
  'request.org_rules': '依申请公开：设置办理规则',
  'request.pii_view': '依申请公开：查看申请人完整信息',
  'request.tracking_format': '依申请公开：设置受理编号格式',
  'request.assign': '依申请公开：指定承办人',
  'request.transfer': '依申请公开：转办',
  'request.correction.send': '依申请公开：发出补正告知',
  'request.correction.receive': '依申请公开：收到补正材料',
  'request.correction.expire': '依申请公开：逾期未补正办结',
  'request.consult.start': '依申请公开：征求意见',
  'request.consult.end': '依申请公开：结束征求意见',
  'request.fee.notice': '依申请公开：发出收费通知',
  'request.fee.paid': '依申请公开：登记缴费',
  'request.fee.expire': '依申请公开：逾期未缴费办结',
  'request.extension.request': '依申请公开：申请延期答复',
  'request.extension.approve': '依申请公开：批准延期答复',
  'request.extension.reject': '依申请公开：不同意延期答复',
  'request.reply.draft': '依申请公开：保存答复稿',
  'request.reply.submit': '依申请公开：答复提交审核',
  'request.reply.pass': '依申请公开：答复审核通过',
  'request.reply.return': '依申请公开：答复退回修改',
  'request.reply.sign': '依申请公开：答复签发并办结',
  'request.document.upload': '依申请公开：上传办理材料',
  'request.document.deliver': '依申请公开：送达文书',
  'request.document.generate': '依申请公开：生成文书',
  'request.document.applicant_download': '依申请公开：申请人下载文书',
  'request.template.save': '依申请公开：保存文书模板',
  'request.template.restore': '依申请公开：恢复默认文书模板',
  'request.reminders_run': '依申请公开：手动运行到期提醒',
  'request.remind_days_set': '依申请公开：设置提醒提前天数',
};

export const REQUEST_AUDIT_GROUPS: Record<string, string> = { 'request.*': '依申请公开（全部）' };

/** Keys of the requests module's audit summaries, and the coded values under them. */
export const REQUEST_AUDIT_FIELDS: Record<string, string> = {
  channel: '申请方式', applicantType: '申请人类型', receivedOn: '收到申请日期', duplicateOf: '疑似重复的申请',
  outcome: '办理结果', answerKind: '答复类型', ruleSet: '办理规则', internalLeadDays: '内部期限提前工作日数',
  templateId: '模板编号', template: '模板', templateSource: '模板来源', bodyChars: '正文字数', missing: '缺少的项目',
};

export const REQUEST_AUDIT_VALUES: Record<string, Record<string, string>> = {
  channel: Object.fromEntries(Object.entries(CHANNELS).map(([k, v]) => [k, v.label])),
  applicantType: { ...APPLICANT_TYPES },
  kind: { ...CASE_KINDS },
  outcome: Object.fromEntries(Object.keys(OUTCOMES).map((k) => [k, outcomeLabel(k)])),
  answerKind: Object.fromEntries(Object.entries(ANSWER_KINDS).map(([k, v]) => [k, v.label])),
};
