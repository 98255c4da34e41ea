/** The model card's security section: which models, the section, and putting it into a card. */
export { buildCardSubject, toCardSection, SECTION_HEADING, type CardModel, type CardSubject } from './section';
export { minimalCard, splitFrontMatter, withCardSection } from './card';
export { modelComponents, type ModelComponent } from './select';
