/** Command ids of the walkthrough (the CodeLens and hover links use OPEN). */
export const WALKTHROUGH_CMD = {
  /** Contributed: "Threatlens: Open STRIDE-for-AI walkthrough". Args: a Uri, or `{ uri, componentId? }`. */
  open: 'threatlens.openWalkthrough',
  /**
   * Internal: applies one walkthrough decision, `{ uri, decision }` (see `decisionSchema`); returns
   * true when the file changed. The panel writes every choice through the same function.
   */
  decide: 'threatlens.walkthrough.decide',
} as const;

/** Arguments of the open command when it comes from a CodeLens or a hover link. */
export interface OpenWalkthroughArgs {
  uri: string;
  componentId?: string;
}
