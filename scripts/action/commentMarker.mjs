// Marks the one pull-request comment the GitHub Action owns, so a later run updates it.
export const COMMENT_MARKER = '<!-- threatlens-action -->';
