/** Command ids and the argument shapes passed through hover links, code actions and tree items. */
import { WALKTHROUGH_CMD } from './walkthrough/ids';

export const CMD = {
  scanWorkspace: 'threatlens.scanWorkspace',
  exportReport: 'threatlens.exportReport',
  exportVerificationPlan: 'threatlens.exportVerificationPlan',
  exportWorkshopPack: 'threatlens.exportWorkshopPack',
  exportCompliance: 'threatlens.exportCompliance',
  exportModelCard: 'threatlens.exportModelCard',
  showAttackTree: 'threatlens.showAttackTree',
  copyReviewComment: 'threatlens.copyReviewComment',
  copyReviewComments: 'threatlens.copyReviewComments',
  compareWithBranch: 'threatlens.compareWithBranch',
  clearComparison: 'threatlens.clearComparison',
  refresh: 'threatlens.refresh',
  filterBySeverity: 'threatlens.filterBySeverity',
  filterByStatus: 'threatlens.filterByStatus',
  filterByOwasp: 'threatlens.filterByOwasp',
  clearFilters: 'threatlens.clearFilters',
  fixAll: 'threatlens.fixAll',
  focusView: 'threatlens.focusView',
  openExample: 'threatlens.openExample',
  insertMitigation: 'threatlens.insertMitigation',
  acceptRisk: 'threatlens.acceptRisk',
  declareKind: 'threatlens.declareKind',
  showAllFixes: 'threatlens.showAllFixes',
  showFindingDetails: 'threatlens.showFindingDetails',
  saveBriefingHtml: 'threatlens.saveBriefingHtml',
} as const;

/** The only commands a hover card may link to (`MarkdownString.isTrusted.enabledCommands`). */
export const HOVER_COMMANDS: readonly string[] = [CMD.insertMitigation, CMD.acceptRisk, CMD.declareKind, CMD.focusView, CMD.showFindingDetails, WALKTHROUGH_CMD.open];

/** A decision about one component of one file, as JSON-safe command arguments. */
export interface DecisionArgs {
  uri: string;
  componentId: string;
  /** Offset of the component's declaration (disambiguates Markdown files with several diagrams). */
  anchor: number;
  threat?: string;
  control?: string;
  reason?: string;
  kind?: string;
}

/** The range a "Show all fixes…" entry was offered for: start line, character, end line, character. */
export interface ShowAllFixesArgs {
  uri: string;
  range: [number, number, number, number];
}

/** A Markdown link target that runs `command` with `args` (encoded as VS Code expects). */
export function commandUri(command: string, args: unknown): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([args]))}`;
}
