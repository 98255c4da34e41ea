/** Stable problem codes of the sequence-diagram parser. */
export const CODES = {
  unexpectedText: 'sequence/unexpected-text',
  missingTarget: 'sequence/missing-target',
  missingText: 'sequence/missing-message-text',
  missingName: 'sequence/missing-participant',
  boxContent: 'sequence/box-content',
  unexpectedEnd: 'sequence/unexpected-end',
  missingEnd: 'sequence/missing-end',
  misplacedBranch: 'sequence/misplaced-branch',
  relabelled: 'sequence/relabelled-participant',
  boxConflict: 'sequence/box-conflict',
} as const;
