/** The facilitator's workshop pack: pure, shared by the CLI, the editor command and the tests. */
export { buildWorkshopPack, type WorkshopOptions } from './build';
export { AGENDA_RULE, MIN_SESSION, buildAgenda, slotMinutes } from './agenda';
export { AI_KINDS } from './cards';
export { ROLES } from './roles';
export { toWorkshopMarkdown } from './markdown';
export { workshopPage, workshopSection } from './html';
export type * from './types';
