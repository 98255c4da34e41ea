/** How big the walkthrough draws its diagrams (no DOM here, so it is unit-tested). */
/** Below this scale "Fit" stops shrinking and the drawing scrolls: smaller text cannot be read at all. */
const MIN_FIT_SCALE = 0.2;

export type Zoom = 'fit' | 'actual';

/**
 * One scale for every drawing of the file, so a component's box and text have the same size in
 * an overview and in its detail diagram: "Fit" takes the scale at which the widest drawing fits the
 * panel (never enlarging), "100%" the natural size.
 */
export function commonScale(naturals: readonly number[], available: number, zoom: Zoom): number {
  if (zoom === 'actual') return 1;
  const widest = naturals.reduce((m, n) => (n > m ? n : m), 0);
  return widest ? Math.min(1, Math.max(available / widest, MIN_FIT_SCALE)) : 1;
}

