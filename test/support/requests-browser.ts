// Filling in the public application form (/ysqgk/apply) in a browser, as an applicant would.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

export interface ApplicantValues {
  orgId: number; name: string; idNumber: string; phone: string; address: string; description: string;
  email?: string; form?: string; delivery?: string;
}

/** Fills every field a natural person needs (first form and delivery option unless given). */
export async function fillApplication(p: Page, v: ApplicantValues): Promise<void> {
  await p.locator('#f-orgId').selectOption(String(v.orgId));
  await p.locator('input[name="kind"][value="disclosure"]').check();
  await p.locator('#f-applicantType').selectOption('natural');
  await p.locator('#f-applicantName').fill(v.name);
  await p.locator('#f-idType').selectOption('id_card');
  await p.locator('#f-idNumber').fill(v.idNumber);
  await p.locator('#f-phone').fill(v.phone);
  if (v.email) await p.locator('#f-email').fill(v.email);
  await p.locator('#f-address').fill(v.address);
  await p.locator('#f-infoDescription').fill(v.description);
  await (v.form ? p.locator(`input[name="forms"][value="${v.form}"]`) : p.locator('#f-forms')).check();
  await (v.delivery ? p.locator(`input[name="delivery"][value="${v.delivery}"]`) : p.locator('#f-delivery')).check();
}

/** Answers the text challenge ("7 加 5 等于多少") the way a screen-reader user would: by reading its label. */
export async function answerChallenge(p: Page): Promise<void> {
  const q = await p.locator('label[for="f-challengeAnswer"]').innerText();
  const m = /(\d+)\s*(加|减|減)\s*(\d+)/.exec(q);
  assert.ok(m, `challenge question: ${q}`);
  await p.locator('#f-challengeAnswer').fill(String(m[2] === '加' ? Number(m[1]) + Number(m[3]) : Number(m[1]) - Number(m[3])));
}
