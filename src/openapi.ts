// The public REST API, described as OpenAPI 3.1 and served at /api/v1/openapi.json. Enumerations
// come from the modules' own vocabularies, so the document cannot drift from what the API accepts.
import type { FastifyInstance } from 'fastify';
import type { Config } from './platform/config.ts';
import { CATEGORIES, DOC_TYPES, VALIDITIES } from './modules/catalog/domain.ts';
import { MAX_QUERY_CHARS } from './modules/catalog/search.ts';
import { APPLICANT_TYPES, CASE_KINDS, DELIVERIES, FORMS, ID_TYPES } from './modules/requests/model.ts';
import { LIMITS } from './modules/requests/intake.ts';

const keys = (o: object) => Object.keys(o);
const described = (o: Record<string, string>) => Object.entries(o).map(([k, v]) => `\`${k}\` ${v}`).join('；');

const error = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: '稳定的英文错误代码，如 validation、rate_limited、unauthenticated' },
        message: { type: 'string', description: '中文说明' },
        fields: { type: 'object', additionalProperties: { type: 'string' }, description: '逐字段的中文错误说明' },
      },
    },
  },
};

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

export function openApiDocument(config: Pick<Config, 'siteName' | 'siteDomain'>): Record<string, unknown> {
  const str = (max: number, description: string) => ({ type: 'string', maxLength: max, description });
  return {
    openapi: '3.1.0',
    info: {
      title: `${config.siteName} 政务公开接口`,
      version: '1',
      description: '政府信息检索、依申请公开在线申请和接口令牌自检。错误一律返回 `{"error":{"code","message","fields?"}}`。',
    },
    servers: [{ url: `https://${config.siteDomain}` }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: '接口令牌：npx gongkai token create --user NAME' } },
      schemas: {
        Error: error,
        Application: {
          type: 'object',
          required: ['orgId', 'applicantType', 'applicantName', 'idType', 'idNumber', 'phone', 'infoDescription', 'forms', 'delivery'],
          properties: {
            orgId: { type: 'integer', description: '受理机关（组织机构编号，见 /ysqgk/ 页面的受理机构）' },
            kind: { type: 'string', enum: keys(CASE_KINDS), default: 'disclosure', description: described(CASE_KINDS) },
            applicantType: { type: 'string', enum: keys(APPLICANT_TYPES), description: described(APPLICANT_TYPES) },
            applicantName: str(LIMITS.applicantName, '姓名或法人、其他组织名称'),
            contactName: str(LIMITS.contactName, '联系人（法人或其他组织必填）'),
            idType: { type: 'string', enum: keys(ID_TYPES), description: described(ID_TYPES) },
            idNumber: str(LIMITS.idNumber, '证件号码：居民身份证须通过校验码校验，统一社会信用代码须通过校验字符校验'),
            phone: str(LIMITS.phone, '手机号码或带区号的固定电话'),
            email: str(LIMITS.email, '电子邮箱（获取途径为电子邮件时必填）'),
            address: str(LIMITS.address, '通信地址（获取途径为邮寄时必填）'),
            postcode: str(LIMITS.postcode, '邮政编码（6位数字）'),
            infoDescription: str(LIMITS.infoDescription, '所需信息的名称或内容描述'),
            infoDocNo: str(LIMITS.infoDocNo, '文号'),
            infoFeatures: str(LIMITS.infoFeatures, '其他特征描述'),
            correctionDetail: str(LIMITS.correctionDetail, '需要更正的内容（更正申请必填）'),
            forms: { type: 'array', minItems: 1, items: { type: 'string', enum: keys(FORMS) }, description: described(FORMS) },
            delivery: { type: 'string', enum: keys(DELIVERIES), description: described(DELIVERIES) },
            feeWaiverReason: str(LIMITS.feeWaiverReason, '申请减免信息处理费的理由'),
          },
        },
      },
    },
    paths: {
      '/api/v1/search': {
        get: {
          summary: '检索已公开的政府信息',
          description: '只检索已公开且在公开期限内的信息。检索词为文号或索引号时，exactMatch 给出该条信息。',
          parameters: [
            { name: 'q', in: 'query', schema: { type: 'string', maxLength: MAX_QUERY_CHARS }, description: '检索词（简体或繁体）；与筛选条件至少提供一项' },
            { name: 'org', in: 'query', schema: { type: 'integer' }, description: '发布机构编号' },
            { name: 'category', in: 'query', schema: { type: 'string', enum: CATEGORIES.map((c) => c.code) } },
            { name: 'year', in: 'query', schema: { type: 'integer' }, description: '成文年份' },
            { name: 'type', in: 'query', schema: { type: 'string', enum: DOC_TYPES.map((c) => c.code) } },
            { name: 'validity', in: 'query', schema: { type: 'string', enum: VALIDITIES.map((c) => c.code) } },
            { name: 'order', in: 'query', schema: { type: 'string', enum: ['relevance', 'date'], default: 'relevance' } },
            { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
            { name: 'pageSize', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50 } },
          ],
          responses: {
            200: { description: '检索结果（total 超过上限时 totalCapped 为 true）' },
            400: errorResponse('参数无效（invalid_parameter、query_too_long、query_required、query_unusable）'),
          },
        },
      },
      '/api/v1/requests': {
        post: {
          summary: '提交政府信息公开申请（或更正申请）',
          description: '成功时返回受理编号和查询码（查询码只返回这一次，请妥善保存），在 /ysqgk/track 查询办理进度。受理机关确认收到申请之日为收到申请之日（《中华人民共和国政府信息公开条例》第三十一条）。同一地址提交过于频繁时返回 429。',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Application' } } } },
          responses: {
            201: {
              description: '已受理',
              content: { 'application/json': { schema: { type: 'object', properties: { trackingNo: { type: 'string' }, queryCode: { type: 'string' }, trackUrl: { type: 'string' } } } } },
            },
            400: errorResponse('请求体不是 JSON 对象'),
            422: errorResponse('填写内容有误（code = validation，fields 逐项说明）'),
            429: errorResponse('提交过于频繁'),
          },
        },
      },
      '/api/v1/me': {
        get: {
          summary: '接口令牌自检：令牌所属用户及其角色',
          security: [{ bearer: [] }],
          responses: { 200: { description: '用户及授权' }, 401: errorResponse('未提供或令牌无效') },
        },
      },
      '/api/v1/openapi.json': { get: { summary: '本接口说明（OpenAPI 3.1）', responses: { 200: { description: 'OpenAPI 文档' } } } },
    },
  };
}

export function registerOpenApi(app: FastifyInstance, config: Config): void {
  const doc = openApiDocument(config);
  app.get('/api/v1/openapi.json', { config: { policy: 'public' } }, async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send(doc));
}
