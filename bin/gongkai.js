#!/usr/bin/env node
// Entry point for `npx gongkai …` and `npm start`: runs the TypeScript sources through tsx,
// so there is no build step to remember.
// What stops start-up before our code runs (old Node.js, dependencies not installed) is a message, not a stack trace.
const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  console.error(`gongkai 未能启动：需要 Node.js 20 或更高版本，当前为 ${process.versions.node}。请升级 Node.js 后重试。`);
  process.exit(1);
}
let register;
try {
  ({ register } = await import('tsx/esm/api'));
} catch {
  console.error('gongkai 未能启动：未找到依赖包 tsx，依赖尚未安装或安装不完整。请在项目目录执行 npm ci 后重试。');
  process.exit(1);
}
register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
if (code >= 0) process.exit(code);
