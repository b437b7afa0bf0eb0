export type { BenchOptions, BenchResult, CampaignResult, ProcessUse } from './bench.js';
export { runBench } from './bench.js';
export type { LoadOptions, LoadResult } from './load.js';
export { runLoad } from './load.js';
export type { HotFunction, ProfileSummary } from './profile.js';
export { profilesIn, summarizeProfile } from './profile.js';
export type { Row } from './table.js';
export { markdownTable, rows, textTable } from './table.js';
