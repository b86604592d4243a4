// Uploaded documents: type by content, text extraction, metadata, and the store (public files SM3-deduplicated, personal files sealed).
export * from './sniff.ts';
export { extractText, normalizeCjk, type Extracted, type ExtractOptions } from './extract.ts';
export { htmlToText, htmlTitle, decodeEntities } from './html.ts';
export { extractMetadata, parseDate, type DocMetadata } from './metadata.ts';
export { storeFile, storePersonalFile, getFile, getFileInfo, getFileText, sealPendingFiles, SealedFileError, type FileInfo, type StoredFile } from './store.ts';
