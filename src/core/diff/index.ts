/** Threat model comparison: diffs, baselines and their reports (text, JSON, Markdown, PR comment). */
export * from './types';
export { diffResults, diffBaseline, byRisk, type DiffOptions } from './diff';
export { makeBaseline, parseBaseline, serializeBaseline, baselineRecords, baselineKeys, BASELINE_VERSION, type Baseline, type BaselineEntry } from './baseline';
export { failingFindings } from './gate';
export { diffToText } from './render/text';
export { diffToJson } from './render/json';
export { diffToMarkdown } from './render/markdown';
export { diffToPrComment, PR_COMMENT_MARKER, type PrCommentOptions } from './render/prComment';
export { normalizeLinkBase, lineUrl, headline } from './render/shared';
export { diffReportSchema } from './contract';
