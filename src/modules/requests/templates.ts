// Notice and reply templates of on-request disclosure (依申请公开): the built-in texts and the
// placeholders they may use; validating and filling them is the generic engine of platform/documents.
// No I/O: documents.ts loads the case, resolves the organisation's template and writes the .docx.
//
// A template is a title and a body of plain text, one paragraph per line, with {占位符}. The
// signature block (机关名称（印章）and the date) is added when rendering, so every notice has one.
import {
  ANSWER_KINDS, CORRECTION_OUTCOMES, DOCUMENT_KINDS, OUTCOMES, isAnswerKind, isOutcome,
  type AnswerKind, type DocumentKind, type Outcome,
} from './model.ts';
import {
  chineseDate, createTemplateEngine, normaliseBody, placeholdersIn,
  type RenderedText, type TemplateErrors, type TemplateText, type Vars,
} from '../../platform/documents/index.ts';

/** What a missing value looks like in a rendered notice: a blank line to fill in by hand, never "{x}". */
export const BLANK = '＿＿＿＿';

export const TITLE_MAX = 60;
export const BODY_MAX = 20_000;

/** Every placeholder a template may use, with its meaning (shown on the edit screen). */
export const PLACEHOLDERS = {
  申请人: '申请人姓名或者法人、其他组织的名称',
  受理编号: '申请的受理编号',
  申请日期: '申请人提交申请（或工作人员登记申请）的日期',
  收到日期: '收到申请之日（按第三十一条确定）',
  收到日期说明: '收到申请之日的确定方式（按申请方式）',
  申请方式: '申请的提交方式（网上、当面、信函等）',
  所需信息: '申请公开的政府信息的名称、文号或者其他特征描述',
  获取形式: '申请人要求的信息提供形式（纸质、电子文档等）',
  获取途径: '申请人要求的获取途径（邮寄、电子邮件、自行领取等）',
  答复期限: '法定答复期限届满之日（按当前计时结果）',
  机关名称: '本机关名称（也用于落款）',
  机关地址: '本机关地址',
  机关电话: '本机关联系电话',
  复议机关: '受理行政复议申请的机关（默认取上一级人民政府）',
  日期: '成文日期（生成文书的当日）',
  法律依据: '该文书或者答复类型的法律依据（条例条款）',
  补正内容: '需要申请人补正的事项',
  补正期限: '申请人提交补正材料的截止日期',
  延期天数: '延长答复期限的工作日数',
  延期理由: '需要延长答复期限的理由',
  延长后期限: '延长后的答复期限届满之日',
  费用: '应缴纳的信息处理费金额（元）',
  计费说明: '信息处理费的计算方式（按件或者按页）及明细',
  缴费期限: '缴纳信息处理费的截止日期',
  缴费方式: '缴纳信息处理费的方式和账户',
  第三方: '被征求意见的第三方名称',
  征求意见机关: '被征求意见的行政机关名称',
  征求意见期限: '提出意见的截止日期',
  提供内容: '向申请人提供的政府信息（名称、件数或者页数）',
  获取方式: '获取政府信息的方式、途径和时间（或者已主动公开的位置）',
  不予公开部分: '不予公开的内容及各自的理由（部分公开、不予公开时填写）',
  负责机关: '负责公开（或者有权更正）该信息的行政机关名称',
  联系方式: '负责机关的联系方式',
  原答复情况: '此前已作出的答复（日期、受理编号）',
  更正内容: '申请人要求更正的内容',
  说明: '承办人补充的具体说明或者理由',
} as const satisfies Record<string, string>;
export type Placeholder = keyof typeof PLACEHOLDERS;
export const PLACEHOLDER_NAMES = Object.keys(PLACEHOLDERS) as Placeholder[];
export const isPlaceholder = (v: string): v is Placeholder => Object.hasOwn(PLACEHOLDERS, v);

export type { Vars };

export type Template = TemplateText;

// --- template keys ---------------------------------------------------------------------------
// A template key is a DOCUMENT_KINDS code, or for replies `reply:<outcome or 第36条 answer>` and for
// correction replies `correction_reply:<CORRECTION_OUTCOMES code>` (request_templates.kind).

export type CorrectionOutcome = keyof typeof CORRECTION_OUTCOMES;
export const isCorrectionOutcome = (v: unknown): v is CorrectionOutcome => typeof v === 'string' && Object.hasOwn(CORRECTION_OUTCOMES, v);

export interface TemplateKeyInfo { key: string; kind: DocumentKind; variant: string | null; label: string; group: string }

const NOTICE_KINDS: DocumentKind[] = ['receipt', 'correction_notice', 'extension_notice', 'third_party_letter', 'inter_agency_letter', 'fee_notice'];

/** Every template key, in the order the admin list shows them. */
export const TEMPLATE_KEYS: readonly TemplateKeyInfo[] = [
  ...NOTICE_KINDS.map((k) => ({ key: k, kind: k, variant: null, label: DOCUMENT_KINDS[k], group: '告知书和函件' })),
  ...(Object.keys(ANSWER_KINDS) as AnswerKind[]).map((a) => ({ key: `reply:${a}`, kind: 'reply' as const, variant: a, label: `答复：${ANSWER_KINDS[a].label}`, group: '答复告知书（第三十六条答复）' })),
  ...(Object.keys(OUTCOMES) as Outcome[]).map((o) => ({ key: `reply:${o}`, kind: 'reply' as const, variant: o, label: `答复：${OUTCOMES[o].group}${o.includes('.') ? ' ' + o.split('.')[1] + '. ' : ' '}${OUTCOMES[o].label}`, group: '答复告知书（按年度报告处理结果）' })),
  ...(Object.keys(CORRECTION_OUTCOMES) as CorrectionOutcome[]).map((c) => ({ key: `correction_reply:${c}`, kind: 'correction_reply' as const, variant: c, label: `更正答复：${CORRECTION_OUTCOMES[c]}`, group: '政府信息更正申请答复书' })),
];
const KEY_INDEX = new Map(TEMPLATE_KEYS.map((k) => [k.key, k]));
export const templateKeyInfo = (key: string): TemplateKeyInfo | undefined => KEY_INDEX.get(key);

/**
 * The template key for a document: notices are their kind; a reply is chosen by the 第36条 answer
 * kind when there is one (it has its own wording), else by the outcome row; a correction reply by
 * its outcome. Returns null when the case does not say which reply it is.
 */
export function templateKeyFor(kind: DocumentKind, variant: string | null | undefined): string | null {
  if (kind === 'reply') {
    if (variant && (isAnswerKind(variant) || isOutcome(variant))) return `reply:${variant}`;
    return null;
  }
  if (kind === 'correction_reply') return isCorrectionOutcome(variant) ? `correction_reply:${variant}` : null;
  return NOTICE_KINDS.includes(kind) ? kind : null;
}

/** The legal basis citation of a template key (the minimum; the texts quote the articles). */
export function basisFor(key: string): string {
  const info = KEY_INDEX.get(key);
  if (!info) return '';
  if (info.kind === 'reply' && info.variant) {
    if (isAnswerKind(info.variant)) return ANSWER_KINDS[info.variant].basis;
    if (isOutcome(info.variant)) return OUTCOMES[info.variant].basis;
  }
  if (info.kind === 'correction_reply') return `${LAW}第四十一条`;
  return NOTICE_BASIS[info.kind] ?? '';
}

// --- the law, paraphrased ----------------------------------------------------------------------

const LAW = '《中华人民共和国政府信息公开条例》';
const FEE_RULE = '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）';

const NOTICE_BASIS: Partial<Record<DocumentKind, string>> = {
  receipt: `${LAW}第二十九条、第三十一条、第三十三条`,
  correction_notice: `${LAW}第三十条`,
  extension_notice: `${LAW}第三十三条第二款`,
  third_party_letter: `${LAW}第三十二条`,
  inter_agency_letter: `${LAW}第三十四条`,
  fee_notice: `${LAW}第四十二条、${FEE_RULE}`,
};

/** The articles in our own words, each with its number. */
const ART = {
  a14: `${LAW}第十四条规定，依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息，不予公开。`,
  a15: `${LAW}第十五条规定，涉及商业秘密、个人隐私等，公开后会对第三方合法权益造成损害的政府信息，行政机关不得公开；第三方同意公开或者行政机关认为不公开会对公共利益造成重大影响的除外。`,
  a16i: `${LAW}第十六条第一款规定，行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开。`,
  a16p: `${LAW}第十六条第二款规定，行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息，可以不予公开；法律、法规、规章规定应当公开的，从其规定。`,
  a16e: `${LAW}第十六条第二款规定，行政执法案卷信息可以不予公开；法律、法规、规章规定应当公开的，从其规定。`,
  a29: `${LAW}第二十九条规定，申请人应当以书面形式提出政府信息公开申请；书写确有困难的，可以口头提出，由受理机关代为填写申请。`,
  a30: `${LAW}第三十条规定，申请内容不明确的，行政机关应当给予指导和释明，并自收到申请之日起7个工作日内一次性告知申请人作出补正，说明需要补正的事项和合理的补正期限；答复期限自行政机关收到补正后的申请之日起计算。申请人无正当理由逾期不补正的，视为放弃申请，行政机关不再处理该政府信息公开申请。`,
  a31: `${LAW}第三十一条规定，收到申请的时间按申请的提交方式确定：当面提交的，以提交之日为准；以邮寄方式提交的，以行政机关签收之日为准（以平常信函等无需签收的方式邮寄的，以双方确认之日为准）；通过互联网渠道或者传真提交的，以双方确认之日为准。`,
  a32: `${LAW}第三十二条规定，依申请公开的政府信息公开会损害第三方合法权益的，行政机关应当书面征求第三方的意见；第三方应当自收到征求意见书之日起15个工作日内提出意见，逾期未提出意见的，由行政机关依照条例规定决定是否公开；第三方不同意公开且有合理理由的，行政机关不予公开；行政机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的内容和理由书面告知第三方。`,
  a33: `${LAW}第三十三条规定，行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。征求第三方和其他机关意见所需时间，不计算在上述期限内。`,
  a33ext: `${LAW}第三十三条第二款规定，行政机关不能在20个工作日内答复的，经政府信息公开工作机构负责人同意并告知申请人，可以延长答复期限，延长的期限最长不得超过20个工作日。`,
  a34: `${LAW}第三十四条规定，申请公开的政府信息由两个以上行政机关共同制作的，牵头制作的行政机关收到申请后可以征求相关行政机关的意见；被征求意见的机关应当自收到征求意见书之日起15个工作日内提出意见，逾期未提出意见的，视为同意公开。`,
  a35: `${LAW}第三十五条规定，申请人申请公开政府信息的数量、频次明显超过合理范围的，行政机关可以要求申请人说明理由；行政机关认为申请理由不合理的，告知申请人不予处理。`,
  a36_1: `${LAW}第三十六条第（一）项规定，所申请公开的信息已经主动公开的，告知申请人获取该政府信息的方式、途径。`,
  a36_2: `${LAW}第三十六条第（二）项规定，所申请公开的信息可以公开的，向申请人提供该政府信息，或者告知申请人获取该政府信息的方式、途径和时间。`,
  a36_3: `${LAW}第三十六条第（三）项规定，行政机关依据条例决定不予公开的，告知申请人不予公开并说明理由。`,
  a36_4: `${LAW}第三十六条第（四）项规定，经检索没有所申请公开的信息的，告知申请人该政府信息不存在。`,
  a36_5: `${LAW}第三十六条第（五）项规定，所申请公开的信息不属于本行政机关负责公开的，告知申请人并说明理由；能够确定负责公开该政府信息的行政机关的，告知申请人该行政机关的名称和联系方式。`,
  a36_6: `${LAW}第三十六条第（六）项规定，行政机关已就申请人提出的政府信息公开申请作出答复，申请人重复申请公开相同政府信息的，告知申请人不予重复处理。`,
  a36_7: `${LAW}第三十六条第（七）项规定，所申请公开的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定的，告知申请人依照有关法律、行政法规的规定办理。`,
  a37: `${LAW}第三十七条规定，申请公开的信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理的，行政机关应当向申请人提供可以公开的政府信息内容，并对不予公开的内容说明理由。`,
  a38: `${LAW}第三十八条规定，行政机关向申请人提供的信息，应当是已制作或者获取的政府信息；除能够作区分处理的以外，需要对现有政府信息进行加工、分析的，行政机关可以不予提供。`,
  a39_1: `${LAW}第三十九条第一款规定，申请人以政府信息公开申请的形式进行信访、投诉、举报等活动的，行政机关告知申请人不作为政府信息公开申请处理，并可以告知其通过相应渠道提出。`,
  a39_2pub: `${LAW}第三十九条第二款规定，申请人要求行政机关提供政府公报、报刊、书籍等公开出版物的，行政机关可以告知获取的途径。`,
  a39_2re: `${LAW}第三十九条第二款规定，申请人要求行政机关确认或者重新出具已获取的信息的，行政机关可以不予处理。`,
  a41: `${LAW}第四十一条规定，公民、法人或者其他组织有证据证明行政机关提供的与其自身相关的政府信息记录不准确的，可以要求行政机关更正；有权更正的行政机关审核属实的，应当予以更正并告知申请人；不属于本机关职能范围的，行政机关可以转送有权更正的行政机关处理并告知申请人，或者告知申请人向有权更正的行政机关提出。`,
  a42: `${LAW}第四十二条规定，行政机关依申请提供政府信息不收取费用；但申请人申请公开政府信息的数量、频次明显超过合理范围的，行政机关可以收取信息处理费。${FEE_RULE}规定，信息处理费可以按件或者按量（页）计收，二者不得同时适用；申请人应当自收到收费通知之日起20个工作日内缴纳，逾期未缴纳的视为放弃申请，行政机关不再处理该申请；自发出收费通知至申请人缴费之日的期间，不计算在答复期限内。`,
} as const;

/** 第五十一条 and the time limits of the 行政复议法 and the 行政诉讼法, for every decision letter. */
const remedy = (what = '本答复', doc = '本告知书') =>
  `如对${what}不服，可以自收到${doc}之日起60日内向{复议机关}申请行政复议，或者自收到${doc}之日起6个月内依法向人民法院提起行政诉讼（${LAW}第五十一条）。`;
const REMEDY = remedy();
const CONTACT = '联系地址：{机关地址}　联系电话：{机关电话}';

// Reply letters share their opening, their remedies and their close.
const OPENING = '本机关于{收到日期}收到您（单位）提出的政府信息公开申请（受理编号：{受理编号}），申请获取“{所需信息}”。经审查，现答复如下：';
const reply = (title: string, ...paras: string[]): Template => ({
  title,
  body: ['{申请人}：', OPENING, ...paras, REMEDY, CONTACT, '特此告知。'].join('\n'),
});
const REPLY_TITLE = '政府信息公开申请答复告知书';
const REFUSE = (art: string, what: string) => reply(REPLY_TITLE,
  `您（单位）所申请的信息${what}。根据{法律依据}的规定，本机关决定不予公开。`,
  art,
  '具体理由：{说明}');
const NOT_HANDLED_TITLE = '政府信息公开申请不予处理告知书';

/** The annual report's rows (table 三), keyed by the row code. */
function outcomeTemplates(): Record<Outcome, Template> {
  return {
    '1': reply(REPLY_TITLE,
      '您（单位）所申请的信息属于可以公开的政府信息，本机关决定予以公开。' + ART.a36_2,
      '本机关向您（单位）提供以下信息：{提供内容}',
      '提供形式：{获取形式}；获取方式、途径和时间：{获取方式}',
      '{说明}'),
    '2': reply(REPLY_TITLE,
      '您（单位）所申请的信息中，部分内容可以公开，部分内容依法不予公开。' + ART.a37,
      '本机关向您（单位）提供可以公开的以下内容：{提供内容}',
      '提供形式：{获取形式}；获取方式、途径和时间：{获取方式}',
      '以下内容不予公开，理由分别为：',
      '{不予公开部分}',
      '{说明}'),
    '3.1': REFUSE(ART.a14, '已依法确定为国家秘密'),
    '3.2': REFUSE(ART.a14, '属于法律、行政法规禁止公开的信息'),
    '3.3': REFUSE(ART.a14, '公开后可能危及国家安全、公共安全、经济安全或者社会稳定'),
    '3.4': REFUSE(ART.a15 + ART.a32, '涉及第三方的商业秘密、个人隐私等合法权益，公开后会对第三方合法权益造成损害'),
    '3.5': REFUSE(ART.a16i, '属于行政机关的内部事务信息'),
    '3.6': REFUSE(ART.a16p, '属于行政机关在履行行政管理职能过程中形成的过程性信息'),
    '3.7': REFUSE(ART.a16e, '属于行政执法案卷信息'),
    '3.8': reply(REPLY_TITLE,
      '您（单位）所申请的信息属于有关法律、行政法规对获取另有特别规定的查询事项。' + ART.a36_7,
      '请您（单位）依照有关规定向{负责机关}办理查询，联系方式：{联系方式}。{说明}'),
    '4.1': reply(REPLY_TITLE,
      '经检索，本机关不掌握您（单位）所申请的政府信息。' + ART.a36_4,
      '检索情况：{说明}'),
    '4.2': reply(REPLY_TITLE,
      '本机关没有您（单位）所申请的现成信息，提供该信息需要对现有政府信息进行加工、分析。' + ART.a38,
      '本机关不予提供。具体说明：{说明}'),
    '4.3': reply(REPLY_TITLE,
      '本机关已告知您（单位）补正申请，但补正后申请内容仍不明确，本机关无法确定所需的政府信息。' + ART.a30,
      '具体说明：{说明}。您（单位）可以在明确所需信息的名称、文号或者其他特征后重新提出申请。'),
    '5.1': reply(NOT_HANDLED_TITLE,
      '您（单位）提出的申请实质是信访、投诉、举报事项，不作为政府信息公开申请处理。' + ART.a39_1,
      '您（单位）可以通过以下渠道反映有关诉求：{说明}'),
    '5.2': reply('政府信息公开申请不予重复处理告知书',
      '本机关已就您（单位）申请公开的相同政府信息作出答复（{原答复情况}），此次申请属于重复申请。' + ART.a36_6,
      '本机关对此次申请不予重复处理。{说明}'),
    '5.3': reply(NOT_HANDLED_TITLE,
      '您（单位）申请获取的是公开出版物。' + ART.a39_2pub,
      '您（单位）可以通过以下途径获取：{获取方式}',
      '{说明}'),
    '5.4': reply(NOT_HANDLED_TITLE,
      '您（单位）申请公开政府信息的数量、频次明显超过合理范围，经本机关要求说明理由，本机关认为申请理由不合理。' + ART.a35,
      '具体说明：{说明}。本机关对该申请不予处理。'),
    '5.5': reply(NOT_HANDLED_TITLE,
      '您（单位）的申请是要求本机关确认或者重新出具已获取的信息。' + ART.a39_2re,
      '具体说明：{说明}。本机关对该申请不予处理。'),
    '6.1': reply('政府信息公开申请终止处理告知书',
      '本机关已书面告知您（单位）补正申请，补正期限为{补正期限}。您（单位）无正当理由逾期未补正，视为放弃申请。' + ART.a30,
      '本机关不再处理该政府信息公开申请。{说明}'),
    '6.2': reply('政府信息公开申请终止处理告知书',
      '本机关已向您（单位）发出收费通知，缴费期限为{缴费期限}。您（单位）逾期未缴纳信息处理费，视为放弃申请。' + ART.a42,
      '本机关不再处理该政府信息公开申请。{说明}'),
    '6.3': reply('政府信息公开申请处理告知书',
      '{说明}'),
  };
}

/** The built-in texts, one per template key. Our own wording; formal and plain. */
export const DEFAULT_TEMPLATES: Readonly<Record<string, Template>> = {
  receipt: {
    title: '政府信息公开申请登记回执',
    body: [
      '{申请人}：',
      '您（单位）于{申请日期}以{申请方式}方式提出的政府信息公开申请，本机关已登记，受理编号为{受理编号}。申请获取的信息为：“{所需信息}”。',
      '本机关收到申请之日为{收到日期}（{收到日期说明}）。' + ART.a31,
      ART.a33 + '按照上述规定，本机关将于{答复期限}前作出答复；如需补正、征求意见、收取信息处理费或者延长答复期限，本机关将另行书面告知。',
      '您（单位）可以凭受理编号和查询码在本机关政府信息公开网站的“依申请公开查询”栏目查询办理进度，下载有关告知书和答复。请妥善保管查询码。',
      CONTACT,
    ].join('\n'),
  },
  correction_notice: {
    title: '补正申请告知书',
    body: [
      '{申请人}：',
      '本机关于{收到日期}收到您（单位）提出的政府信息公开申请（受理编号：{受理编号}），申请获取“{所需信息}”。经审查，您（单位）的申请内容不够明确，本机关无法据此确定所需的政府信息。',
      ART.a30,
      '请您（单位）对以下事项作出补正：',
      '{补正内容}',
      '请于{补正期限}前，通过本机关政府信息公开网站的“依申请公开查询”栏目提交补正材料，或者将补正材料送达、邮寄至本机关。答复期限自本机关收到补正后的申请之日起重新计算。无正当理由逾期不补正的，视为放弃申请，本机关将不再处理该申请。',
      '如对补正事项有疑问，请与本机关联系。' + CONTACT,
      '特此告知。',
    ].join('\n'),
  },
  extension_notice: {
    title: '延期答复告知书',
    body: [
      '{申请人}：',
      '本机关于{收到日期}收到您（单位）提出的政府信息公开申请（受理编号：{受理编号}），申请获取“{所需信息}”。',
      '因{延期理由}，本机关不能在法定期限内作出答复。' + ART.a33ext,
      '经本机关政府信息公开工作机构负责人同意，答复期限延长{延期天数}个工作日，本机关将于{延长后期限}前作出答复。',
      CONTACT,
      '特此告知。',
    ].join('\n'),
  },
  third_party_letter: {
    title: '第三方意见征询函',
    body: [
      '{第三方}：',
      '本机关收到一份政府信息公开申请（受理编号：{受理编号}），申请获取“{所需信息}”。经审查，该信息可能涉及贵方的商业秘密、个人隐私等合法权益，公开后可能对贵方造成损害。',
      ART.a32,
      '征求意见的具体事项：{说明}',
      '现书面征求贵方意见。请于{征求意见期限}前，以书面形式告知本机关是否同意公开上述信息；不同意公开的，请说明理由并提供相应证明材料。逾期未提出意见的，本机关将依照条例规定决定是否公开。',
      '为保护申请人的个人信息，本函不载明申请人的身份。',
      CONTACT,
      '特此函询。',
    ].join('\n'),
  },
  inter_agency_letter: {
    title: '政府信息公开征求意见函',
    body: [
      '{征求意见机关}：',
      '本机关收到一份政府信息公开申请（受理编号：{受理编号}），申请获取“{所需信息}”。该信息由本机关与贵机关共同制作，本机关为牵头制作机关。',
      ART.a34,
      '征求意见的具体事项：{说明}',
      '现征求贵机关意见。请于{征求意见期限}前书面回复是否同意公开；不同意公开的，请说明理由和依据。逾期未回复的，视为同意公开。',
      CONTACT,
      '特此函商。',
    ].join('\n'),
  },
  fee_notice: {
    title: '政府信息公开信息处理费收费通知书',
    body: [
      '{申请人}：',
      '本机关于{收到日期}收到您（单位）提出的政府信息公开申请（受理编号：{受理编号}），申请获取“{所需信息}”。经审查，您（单位）申请公开政府信息的数量、频次明显超过合理范围，需要收取信息处理费。',
      ART.a42,
      '经计算，应缴纳信息处理费{费用}元。计费说明：{计费说明}',
      '请于{缴费期限}前按以下方式缴纳：{缴费方式}。逾期未缴纳的，视为放弃申请，本机关将不再处理该申请。如您（单位）认为符合减免条件，可以在缴费期限内向本机关书面提出并说明理由。',
      remedy('本收费决定', '本通知书'),
      CONTACT,
      '特此通知。',
    ].join('\n'),
  },

  // --- 第三十六条 answers -------------------------------------------------------------------------
  'reply:published': reply(REPLY_TITLE,
    '您（单位）所申请的信息已由本机关主动公开。' + ART.a36_1,
    '您（单位）可以通过以下方式、途径获取：{获取方式}',
    '{说明}'),
  'reply:not_ours': reply(REPLY_TITLE,
    '您（单位）所申请的信息不属于本机关负责公开。' + ART.a36_5,
    '理由：{说明}',
    '经核实，该信息由{负责机关}负责公开，联系方式：{联系方式}。您（单位）可以向该机关提出申请。'),
  'reply:not_held': reply(REPLY_TITLE,
    '本机关对所申请的信息进行了检索（检索范围和方式：{说明}），没有查找到所申请的政府信息，该政府信息不存在。' + ART.a36_4),
  'reply:repeat': reply('政府信息公开申请不予重复处理告知书',
    '本机关已就您（单位）申请公开的相同政府信息作出答复（{原答复情况}）。您（单位）此次申请公开的是相同的政府信息，属于重复申请。' + ART.a36_6,
    '本机关对此次申请不予重复处理。{说明}'),
  'reply:withdrawn': reply('政府信息公开申请撤回确认书',
    '您（单位）已申请撤回上述政府信息公开申请（{说明}）。本机关确认该申请已撤回，不再继续处理。您（单位）今后仍可以就所需信息重新提出申请。'),

  ...Object.fromEntries(Object.entries(outcomeTemplates()).map(([o, t]) => [`reply:${o}`, t])),
  // --- 更正 (第四十一条) ----------------------------------------------------------------------------
  'correction_reply:corrected': {
    title: '政府信息更正申请答复书',
    body: ['{申请人}：',
      '本机关于{收到日期}收到您（单位）提出的政府信息更正申请（受理编号：{受理编号}），要求更正：“{更正内容}”。',
      ART.a41,
      '经审核，您（单位）提出的更正要求属实，本机关已予以更正。更正情况：{说明}',
      REMEDY, CONTACT, '特此告知。'].join('\n'),
  },
  'correction_reply:not_ours': {
    title: '政府信息更正申请答复书',
    body: ['{申请人}：',
      '本机关于{收到日期}收到您（单位）提出的政府信息更正申请（受理编号：{受理编号}），要求更正：“{更正内容}”。',
      ART.a41,
      '经审查，该信息的更正不属于本机关职能范围，有权更正的行政机关为{负责机关}（联系方式：{联系方式}）。{说明}',
      REMEDY, CONTACT, '特此告知。'].join('\n'),
  },
  'correction_reply:rejected': {
    title: '政府信息更正申请答复书',
    body: ['{申请人}：',
      '本机关于{收到日期}收到您（单位）提出的政府信息更正申请（受理编号：{受理编号}），要求更正：“{更正内容}”。',
      ART.a41,
      '经审核，本机关提供的政府信息记录准确，您（单位）的更正理由不成立，本机关不予更正。理由：{说明}',
      REMEDY, CONTACT, '特此告知。'].join('\n'),
  },
};
export function defaultTemplate(key: string): Template | undefined {
  return Object.hasOwn(DEFAULT_TEMPLATES, key) ? DEFAULT_TEMPLATES[key] : undefined;
}

// --- validation and rendering: the generic engine (platform/documents) with these placeholders --------

const engine = createTemplateEngine({ placeholders: PLACEHOLDERS, titleMax: TITLE_MAX, bodyMax: BODY_MAX, blank: BLANK });

export { placeholdersIn, normaliseBody, chineseDate };
export type { TemplateErrors };

/** Checks an edited template before it is saved: required, bounded, only known placeholders. */
export const validateTemplate = (t: { title: string; body: string }): TemplateErrors => engine.validate(t);

export interface Rendered extends RenderedText {
  /** The signature block: 机关名称（印章） and the date. */
  signature: { org: string; date: string };
}

/**
 * Fills a template. A value with several lines becomes several paragraphs (e.g. the withheld
 * parts of a 部分公开 reply); a missing value becomes BLANK; "{" never reaches the output.
 * Every notice is signed by the organisation ({机关名称}) on {日期}.
 */
export function renderTemplate(t: Template, vars: Vars): Rendered {
  return { ...engine.render(t, vars), signature: { org: engine.value(vars, '机关名称') ?? BLANK, date: engine.value(vars, '日期') ?? BLANK } };
}

/** Sample values for the template preview: shows every placeholder filled in. */
export const SAMPLE_VARS: Readonly<Record<Placeholder, string>> = {
  申请人: '张某某', 受理编号: '2026-YXJTJ-00017', 申请日期: '2026年9月16日', 收到日期: '2026年9月18日',
  收到日期说明: '以提交之日为收到申请之日', 申请方式: '网上申请', 所需信息: '2026年度县级义务教育学校校舍维修项目资金安排情况',
  获取形式: '电子文档', 获取途径: '电子邮件', 答复期限: '2026年10月22日', 机关名称: '云溪县教育体育局',
  机关地址: '云溪县人民路1号', 机关电话: '0793-5120030', 复议机关: '云溪县人民政府', 日期: '2026年9月25日',
  法律依据: `${LAW}第三十六条`, 补正内容: '请说明所需信息的具体年度和项目名称', 补正期限: '2026年10月9日',
  延期天数: '20', 延期理由: '所需信息涉及多个年度，需要检索、汇总的档案数量较多', 延长后期限: '2026年11月19日',
  费用: '100', 计费说明: '按件计收：本月第11件至第30件，100元', 缴费期限: '2026年10月30日', 缴费方式: '到本机关财务室缴纳或者转账至本机关账户',
  第三方: '云溪县某某建筑有限公司', 征求意见机关: '云溪县财政局', 征求意见期限: '2026年10月16日',
  提供内容: '《关于下达2026年校舍维修资金的通知》1件（共3页）', 获取方式: '随本告知书以电子邮件发送',
  不予公开部分: '1. 合同附件中的银行账户信息：涉及第三方商业秘密（第十五条）\n2. 评审专家个人信息：涉及个人隐私（第十五条）',
  负责机关: '云溪县自然资源局', 联系方式: '0793-5120088', 原答复情况: '2026年3月5日，受理编号2026-YXJTJ-00003',
  更正内容: '公示名单中申请人的姓名有误', 说明: '（此处填写具体说明）',
};
