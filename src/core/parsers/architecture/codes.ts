/** Stable problem codes of the architecture-beta parser. */
export const CODES = {
  unexpectedText: 'architecture/unexpected-text',
  missingId: 'architecture/missing-id',
  duplicateId: 'architecture/duplicate-id',
  unknownGroup: 'architecture/unknown-group',
  unknownId: 'architecture/unknown-id',
  sideLetterId: 'architecture/side-letter-id',
  relabelled: 'architecture/relabelled-service',
} as const;
