import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePlans, keptBy } from './plans.ts';
import { dutyProblems, explainPlans, planProblems, splitGroups, splitWords, termProblems } from './settings.domain.ts';

test('word lists as people type them', () => {
  assert.deepEqual(splitWords(' 停水，停电、 水质;水质 '), ['停水', '停电', '水质']);
  assert.deepEqual(splitGroups('停水\n\n自来水 水质\n  '), [['停水'], ['自来水', '水质']]);
  assert.deepEqual(planProblems({ groups: Array.from({ length: 21 }, (_, i) => `词${i}`).join('\n'), excludes: '', orgIds: ['1', 'x'], notifyUserIds: [] }),
    { groups: '关键词组最多 20 组（每行一组）', orgIds: '所选单位不存在，请重新选择' });
  assert.match(planProblems({ groups: '这是一个非常非常非常非常非常长的关键词语句子', excludes: '' }).groups!, /过长/);
  assert.match(termProblems({ terms: Array.from({ length: 201 }, (_, i) => `w${i}`).join(' ') }).terms!, /最多添加 200 个/);
  assert.deepEqual(dutyProblems({ phone: '0795-1234567转801', email: 'duty@yx.gov.cn', orgId: '3' }), {});
  assert.deepEqual(Object.keys(dutyProblems({ phone: '打电话', email: 'x@y', orgId: 'a' })).sort(), ['email', 'orgId', 'phone']);
});

test('explainPlans: the same verdict as keptBy, with the reason in words', () => {
  const plans = compilePlans([
    { id: 1, name: '供水', includeGroups: [['停水'], ['自来水', '水质']], excludeWords: ['招聘'], mediaTypes: [], orgIds: [], notifyUserIds: [] },
    { id: 2, name: '论坛', includeGroups: [], excludeWords: [], mediaTypes: ['forum'], orgIds: [], notifyUserIds: [] },
    { id: 3, name: '教育', includeGroups: [['学校']], excludeWords: [], mediaTypes: [], orgIds: [6], notifyUserIds: [] },
  ]);
  const labels = { media: (c: string) => ({ forum: '论坛社区', weibo: '微博' })[c] ?? c, org: (id: number) => `单位${id}` };
  for (const [text, mediaType, orgIds] of [['东片区停水', 'weibo', []], ['自来水水质差', 'forum', []], ['停水期间招聘', 'forum', []], ['学校食堂', 'weibo', [6]], ['学校食堂', 'weibo', [7]]] as const) {
    const s = { text, mediaType, orgIds: [...orgIds] };
    const e = explainPlans(plans, s, labels);
    assert.deepEqual(e.filter((x) => x.kept).map((x) => x.id), keptBy(plans, s).planIds, text);
  }
  const [water, forum, edu] = explainPlans(plans, { text: '自来水有异味', mediaType: 'weibo', orgIds: [7] }, labels);
  assert.equal(water!.reason, '没有一组关键词全部出现（最接近的“自来水 + 水质”缺少：水质）');
  assert.equal(forum!.reason, '媒体类型“微博”不在本方案的范围（论坛社区）内');
  assert.equal(edu!.reason, '文中没有提到本方案关注的单位（单位6）');
  assert.equal(explainPlans(plans, { text: '停水期间招聘', mediaType: 'forum', orgIds: [] }, labels)[0]!.reason, '含有排除词“招聘”');
  assert.equal(explainPlans(plans, { text: '随便', mediaType: 'forum', orgIds: [] }, labels)[1]!.reason, '本方案没有设置关键词组，符合范围的信息全部保留');
});
