/** The STRIDE-for-AI walkthrough's step model: pure, shared by the extension and the tests. */
export { buildWalkthrough, componentStepId, riskOrder, SCOPE_STEP_ID, SUMMARY_STEP_ID } from './build';
export { lensesFor, questionsFor, strideLettersFor } from './applicability';
export { componentKey, findingComponentKey } from './components';
export { diagramViews, type DiagramView } from './diagrams';
export { decisionThreat } from './findingView';
export type * from './types';
