// Sentences of the requests module that several screens or use cases say: one place, one wording.
export const MESSAGES = {
  stale: '该申请已被他人更新（可能已办理了其他步骤），页面上的信息已过期。请查看最新情况后重新提交，您填写的内容已保留。',
  notFound: '该申请不存在或已被删除。',
  forbidden: '您没有办理该单位依申请公开事项的权限。',
} as const;
