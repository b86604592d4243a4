// A citizen's application as the tests submit it: valid in every field, different per `seq`.
import type { ApplicationInput } from './intake.ts';

export function sampleApplication(orgId: number | undefined, seq: number, p: ApplicationInput = {}): ApplicationInput {
  return {
    orgId: String(orgId), applicantType: 'natural', applicantName: '刘晓燕', idType: 'id_card', idNumber: '11010519491231002X',
    phone: '13812345678', email: 'liu@example.com', address: '云溪县城关镇人民路18号', postcode: '334600',
    infoDescription: `${seq}号申请：城关第${seq}小学${2010 + seq}年操场改造工程的验收报告`, forms: ['paper'], delivery: 'post', ...p,
  };
}
