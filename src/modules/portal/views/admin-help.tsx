// 工作人员使用说明 (/admin/help): what each part of the back office is for, the legal clocks, who
// does what in review, where the audit log is and how to get help. The same page for every staff
// role; the signed-in user's roles and what they allow come from the policy, never typed out here.
import { AdminLayout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { DataTable } from '../../../platform/views/form.tsx';

export interface AdminHelpData {
  /** The user's roles with what each allows (ACTION_LABELS of the role's actions). */
  myRoles: { role: string; allows: string[] }[];
  /** Every role with its allowed actions, for the division of work. */
  allRoles: { role: string; allows: string[] }[];
  mayReadAudit: boolean;
}

/** The parts of the back office, in the order of the navigation. */
const PARTS: [string, string, string][] = [
  ['工作台', '/admin/', '登录后的首页。集中显示待我审核、退回修改、即将到期、已逾期、待确认收到等待办数量，点击数字即进入相应的筛选列表；左侧菜单中的数字与之一致。'],
  ['组织机构', '/admin/orgs', '维护本级政府及所属部门、乡镇的机构树，以及统一社会信用代码、行政区划代码、受理申请的地址和电话。'],
  ['用户与角色', '/admin/users', '为工作人员开设账户、授予角色。每个角色都限定在某一机构（可含下级机构）范围内。'],
  ['主动公开目录', '/admin/catalog', '起草、上传或批量导入主动公开信息，填写索引号以外的各项元数据，提交审核，查看发布时限提醒。'],
  ['待我审核', '/admin/review', '轮到本人审核的主动公开信息和依申请公开答复。审核时须填写意见，可以通过、退回修改或不予公开。'],
  ['征求意见', '/admin/coordination', '信息涉及其他机关的，书面征求其意见并设定答复期限；意见不一致的报政务公开办协调决定。'],
  ['不予公开复查', '/admin/catalog/recheck', '对不予公开的信息定期复查，已解密或不再需要保护的，可以转为公开。'],
  ['政策解读时限', '/admin/catalog/interpretations', '重要政策和行政规范性文件的解读方案及解读材料的发布期限。'],
  ['依申请公开', '/admin/requests', '政府信息公开申请的受理、办理和答复。列表可按状态、办理单位、承办人、期限筛选，可导出办理台账。'],
  ['登记申请', '/admin/requests/new', '登记当面、信函、传真、电子邮件或口头提出的申请，并按申请方式确定收到申请之日。'],
  ['依申请公开统计', '/admin/requests/stats', '按年度报告表格口径统计申请数量和办理结果。'],
  ['文书模板', '/admin/requests/templates', '维护答复告知书、补正告知书、延期告知书等文书的模板。'],
  ['审核流程配置', '/admin/review-chains', '按信息类型和机构配置审核步骤：每一步由哪个角色、在哪个机构范围内审核。'],
  ['工作日历', '/admin/calendar', '法定节假日和调休工作日。所有按工作日计算的期限都以此为准，日历调整后在办申请的期限自动重新计算。'],
  ['审计日志', '/admin/audit', '系统中每一项操作的记录：何人、何时、对何对象、做了什么。'],
  ['账户设置', '/admin/account', '修改本人密码。'],
];

/** What each role is for, in one sentence (the permissions themselves come from the policy). */
export const ROLE_DUTIES: Record<string, string> = {
  承办人: '起草主动公开信息并提交审核；登记和办理分配给本人的政府信息公开申请，拟写答复。',
  承办部门审核人: '审核本部门承办人提交的信息和答复，指定申请的承办人。',
  单位审发人: '作为本单位负责人审定发布主动公开信息，签发依申请公开答复。',
  保密审查员: '对拟公开的信息进行保密审查，形成书面审查记录，处理隐私和涉密内容的检查结果。',
  政务公开办: '统筹本级政府信息公开工作：审批延期答复，协调争议，维护工作日历、审核流程和文书模板，编制年度报告。',
  '宣传部/新闻办': '查看主动公开信息，配合政策解读和新闻发布。',
  舆情专员: '关注和处置政务舆情。',
  系统管理员: '维护机构、用户、角色和接口令牌，查看审计日志。',
};

export function AdminHelpPage({ ctx, data }: { ctx: ViewContext; data: AdminHelpData }) {
  return (
    <AdminLayout ctx={ctx} meta={{ title: '工作人员使用说明' }} current="/admin/help">
      <h1>工作人员使用说明</h1>
      <p>本说明介绍管理平台各部分的用途、法定办理时限、审核分工和获取帮助的方式。各项规定以《中华人民共和国政府信息公开条例》（以下简称《条例》）和本地区的有关制度为准。</p>
      <nav aria-labelledby="h-toc" class="toc">
        <h2 id="h-toc">目录</h2>
        <ol>
          <li><a href="#parts">平台各部分的用途</a></li>
          <li><a href="#clocks">法定办理时限</a></li>
          <li><a href="#review">审核分工</a></li>
          <li><a href="#audit">审计日志</a></li>
          <li><a href="#help">获取帮助</a></li>
        </ol>
      </nav>

      <section aria-labelledby="h-mine">
        <h2 id="h-mine">您的角色</h2>
        {data.myRoles.length === 0
          ? <p>您的账户尚未分配角色，请联系系统管理员。</p>
          : <ul>{data.myRoles.map((r) => <li><strong>{r.role}</strong>：{ROLE_DUTIES[r.role] ?? ''}可以{r.allows.join('、')}。</li>)}</ul>}
        <p>左侧菜单只显示您的角色可以使用的功能；看不到某项功能，说明当前授权不包括该功能。</p>
      </section>

      <section aria-labelledby="h-parts" id="parts">
        <h2 id="h-parts">一、平台各部分的用途</h2>
        <dl class="facts help-parts">
          {PARTS.map(([name, href, what]) => (
            <>
              <dt>{name}<span class="muted">（{href}）</span></dt>
              <dd>{what}</dd>
            </>
          ))}
        </dl>
      </section>

      <section aria-labelledby="h-clocks" id="clocks">
        <h2 id="h-clocks">二、法定办理时限</h2>
        <p>下列期限除特别说明外均按<strong>工作日</strong>计算，法定节假日不计入，调休上班的周末计入。计算期限时，收到申请（或补正材料）的当日不计，从其后的第一个工作日起算第1日。平台按工作日历自动计算，并在每件申请的“期限台账”中列明每一次计时变化及其依据。</p>

        <h3>依申请公开</h3>
        <ul>
          <li><strong>收到申请之日</strong>（《条例》第三十一条）：当面提交的，为提交之日；以邮政挂号信等需要签收的方式提交的，为签收之日；以平信提交的，为与申请人确认之日；通过互联网、传真等提交的，为双方确认之日。网上申请须由工作人员在申请页面“确认收到”，确认之前不开始计时，工作台的“待确认收到”即指此类申请。</li>
          <li><strong>答复期限</strong>（第三十三条第二款）：能够当场答复的应当场答复；不能当场答复的，自收到申请之日起 20 个工作日内答复。</li>
          <li><strong>延期答复</strong>：需要延长的，经政府信息公开工作机构负责人（平台中为政务公开办）同意并告知申请人，延长的期限最长不超过 20 个工作日。延期应在原答复期限届满前提出并经审批。</li>
          <li><strong>补正</strong>（第三十条）：申请内容不明确的，应自收到申请之日起 7 个工作日内一次性告知申请人需要补正的事项和合理的补正期限。补正告知只能发出一次。发出后计时暂停，答复期限自收到补正材料之日起重新计算；申请人无正当理由逾期不补正的，视为放弃申请，按年度报告“其他处理”办结。</li>
          <li><strong>征求意见</strong>：征求第三方意见（第三十二条，第三方应在 15 个工作日内提出意见）和征求其他行政机关意见（第三十四条）所需时间，不计算在答复期限内（第三十三条第三款）。</li>
          <li><strong>信息处理费</strong>（第四十二条、国办函〔2020〕109号）：申请数量、频次明显超过合理范围需要收费的，发出收费通知后计时暂停；申请人逾期未缴费的，不再处理该申请。</li>
          <li>部分单位按本地制度适用较短的期限（例如 15 个工作日答复、延期不超过 15 个工作日），由政务公开办在“办理规则”中设定，每件申请的详情页显示其适用的规则。</li>
        </ul>

        <h3>主动公开</h3>
        <ul>
          <li><strong>公开时限</strong>（第二十六条）：属于主动公开范围的政府信息，应自形成或者变更之日起 20 个工作日内予以公开；法律、法规对期限另有规定的，从其规定。本地规定了更短期限的（如行政规范性文件 10 个工作日内上网、工作动态 24 小时内发布），可在录入时选择相应的时限。</li>
          <li><strong>第二十条事项</strong>：《条例》第二十条列举了行政机关应当主动公开的十五类信息（机构职能、规章和行政规范性文件、规划、统计信息、行政许可和行政处罚等）。录入信息时请正确选择所属的第二十条事项，年度报告中“主动公开政府信息情况”表按此统计。</li>
          <li>目录中“应公开日期”临近或已过的信息会显示提示，并列入“发布时限提醒”。</li>
        </ul>
      </section>

      <section aria-labelledby="h-review" id="review">
        <h2 id="h-review">三、审核分工</h2>
        <p>政府信息坚持“先审查、后公开”和“一事一审”。平台默认的审核流程如下，政务公开办可按信息类型和机构在“审核流程配置”中调整：</p>
        <ol>
          <li><strong>主动公开信息</strong>：承办人提交 → 承办部门审核 → 保密审查 → 单位审发。保密审查员须对隐私、涉密检查结果逐项处理（遮盖，或说明理由后保留），并形成书面审查记录。</li>
          <li><strong>依申请公开答复</strong>：承办人拟办 → 承办部门审核 → 单位签发。签发后答复方可送达申请人。</li>
        </ol>
        <p>每一步都记录审核人、时间、结论和意见。除流程另有设置外，同一人不能连续审核同一事项的两个步骤。审核人可以退回修改：信息回到起草人的“退回修改”中，修改后重新提交，审核从第一步重新开始。</p>
        <p>轮到您审核的事项显示在“待我审核”中，工作台和菜单中的数字即为待审核的件数。</p>
        <DataTable caption="各角色的职责和权限" head={['角色', '主要职责', '可以使用的功能']}
          rows={data.allRoles.map((r) => [r.role, ROLE_DUTIES[r.role] ?? '—', r.allows.join('、')])} />
      </section>

      <section aria-labelledby="h-audit" id="audit">
        <h2 id="h-audit">四、审计日志</h2>
        <p>平台对登录、信息的起草和修改、每一步审核、申请的每一项办理操作、用户和角色的变更等都记录审计日志，日志前后相连、不能修改或删除，任何改动都能被发现。</p>
        <p>审计日志由系统管理员和政务公开办在菜单“审计日志”中查看，可按操作人、操作类型、对象和时间筛选。{data.mayReadAudit
          ? <>您可以<a href="/admin/audit">查看审计日志</a>。</>
          : '如需核查某项操作，请联系政务公开办或系统管理员。'}此外，每条主动公开信息的详情页列有该信息的操作记录，每件申请的详情页列有完整的办理过程。</p>
      </section>

      <section aria-labelledby="h-help" id="help">
        <h2 id="h-help">五、获取帮助</h2>
        <ul>
          <li>忘记密码、账户被锁定、需要增加或调整角色的，请联系本单位的系统管理员。连续多次输入错误密码后账户会暂时锁定，请稍后再试，不要反复尝试。</li>
          <li>对公开范围、办理时限、答复口径有疑问，或与其他单位意见不一致的，请联系本级政府的政务公开办。</li>
          <li>发现期限计算有误、页面报错或数据异常的，请记下页面地址、操作时间和提示内容，告知系统管理员。</li>
          <li>平台所有页面均可只用键盘操作，不依赖 JavaScript；页面顶部可切换繁体中文和长者模式。</li>
        </ul>
        <p><a href="/admin/">返回工作台</a></p>
      </section>
    </AdminLayout>
  );
}
