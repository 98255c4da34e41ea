/** Stable problem codes of the C4 parser. */
export const CODES = {
  unexpectedText: 'c4/unexpected-text',
  unknownStatement: 'c4/unknown-statement',
  missingArguments: 'c4/missing-arguments',
  unclosedArguments: 'c4/unclosed-arguments',
  unterminatedString: 'c4/unterminated-string',
  missingBrace: 'c4/missing-brace',
  unexpectedBrace: 'c4/unexpected-brace',
  missingBraceClose: 'c4/missing-close-brace',
  unknownElement: 'c4/unknown-element',
  relabelled: 'c4/relabelled-element',
} as const;
