// The pure rules of on-request disclosure (依申请公开), no I/O: the rule sets (rule-sets.ts), the
// legal clock (clock-rules.ts), fees (fees.ts) and the workflow of a case (workflow.ts).
export * from './rule-sets.ts';
export * from './clock-rules.ts';
export * from './fees.ts';
export * from './workflow.ts';
