-- Catalogue search sizes its first publication-date band from how often the query's words occur
-- (src/modules/catalog/search.ts, lexemeStats). With the default statistics target only the ~1,000
-- most common lexemes are listed; 1,000 lists ~10,000, down to words in about 1 % of the records.
-- Costs a larger ANALYZE sample (about 75 s at 1,000,000 records, in the background).
ALTER TABLE "catalog_records" ALTER COLUMN "search_vector" SET STATISTICS 1000;
