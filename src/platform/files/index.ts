// Uploaded documents: type by content, text extraction, metadata, and the store (public files SM3-deduplicated, personal files sealed).
export * from './sniff.ts';
// extractText parses in the caller's thread: only for bytes the platform made itself. Uploads and
// imports go through the sandbox (extractUpload, readSheetUpload, readCsvUpload).
export { extractText, normalizeCjk, type Extracted, type ExtractOptions } from './extract.ts';
export { extractUpload, redactDocxUpload, readSheetUpload, readCsvUpload, refusalStatus, closeSandbox, SANDBOX, type Refusal, type RefusalCode, type DocxPublic } from './sandbox.ts';
export { htmlToText, htmlTitle, decodeEntities } from './html.ts';
export { extractMetadata, parseDate, type DocMetadata } from './metadata.ts';
export { storeFile, storePersonalFile, deletePersonalFiles, getFile, getFileInfo, getFileText, sealPendingFiles, SealedFileError, type FileInfo, type StoredFile } from './store.ts';
// Public versions of redacted Word files (bytes in, bytes out, within the zip limits); for uploads use redactDocxUpload (sandboxed).
export { redactDocx, docxTitle, type DocxRedaction, type RedactTerm } from './redact-docx.ts';
