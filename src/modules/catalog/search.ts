// Public full-text search of the catalogue: the pure query rules (search-query.ts) and the index and
// queries on PostgreSQL (search.repo.ts). Only what publicWhere() allows is ever searched.
export * from './search-query.ts';
export { findExact, reindexRecord, searchRecords } from './search.repo.ts';
