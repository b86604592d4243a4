// Chinese text rules shared by the catalogue, search and review: search normalisation, search
// tokens and queries, highlighting, 文号, 关键词 and the privacy/secrecy scanner. Pure functions.
export { toSearchForm, toSearchFormWithMap, toOriginalRange, isHan, type MappedText } from './normalize.ts';
export {
  searchTokens,
  toTsvectorInput,
  highlight,
  getJieba,
  MAX_FIELD_CHARS,
  MAX_JIEBA_CHARS,
  MAX_LEXEMES,
  type TokenOptions,
  type TsvectorFields,
  type HighlightSegment,
  type Snippet,
  type HighlightOptions,
} from './tokens.ts';
export {
  buildTsQuery,
  clauseTsQuery,
  phraseOf,
  synonymSet,
  chineseToArabic,
  arabicToChinese,
  QUERY_STOP_WORDS,
  MAX_QUERY_CHARS,
  MAX_QUERY_LEXEMES,
  type BuiltTsQuery,
  type QueryLexeme,
  type QueryClause,
  type QueryWord,
  type Phrase,
  type SynonymSet,
} from './query.ts';
export { parseDocNo, findDocNo, MAX_DOC_NO_LENGTH, type DocNoResult, type DocNoOk, type FoundDocNo } from './docno.ts';
export {
  validateKeywords,
  suggestKeywords,
  KEYWORD_STOP_WORDS,
  MAX_KEYWORDS,
  MAX_KEYWORD_CHARS,
  type KeywordsResult,
} from './keywords.ts';
export {
  scanText,
  redact,
  luhnValid,
  maskBankCard,
  maskUsccPerson,
  normalizeFindingValue,
  formatLandline,
  FINDING_KINDS,
  SPAM_LEXICON,
  type Finding,
  type FindingKind,
  type ScanOptions,
} from './scanner.ts';
