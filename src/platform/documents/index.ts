// Documents: the GB/T 9704 .docx writer and the editable-template engine, for every module that
// issues documents (依申请公开 notices, 舆情专报, press releases, the annual report).
export * from './model.ts';
export { writeOfficialDocument } from './docx.ts';
export { layoutTable } from './table.ts';
export {
  createTemplateEngine, normaliseBody, placeholdersIn,
  type RenderedText, type TemplateEngine, type TemplateErrors, type TemplateSpec, type TemplateText, type Vars,
} from './template.ts';
