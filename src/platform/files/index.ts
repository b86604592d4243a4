// Uploaded documents: type by content, text extraction, metadata, and the SM3-deduplicated store.
export * from './sniff.ts';
export { extractText, normalizeCjk, type Extracted, type ExtractOptions } from './extract.ts';
export { htmlToText, htmlTitle, decodeEntities } from './html.ts';
export { extractMetadata, parseDate, type DocMetadata } from './metadata.ts';
export { storeFile, getFile, getFileInfo, getFileText, type FileInfo, type StoredFile } from './store.ts';
