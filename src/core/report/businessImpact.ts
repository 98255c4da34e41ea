/**
 * A risk in business terms, for readers who decide on budget and risk: the kinds of harm and the
 * rule's sentence about this component, plus what the component's data adds (a leak of health
 * records is a reportable breach, a leak of a product manual is not).
 */
import type { Business, StrideLetter } from '../rules/schema';
import type { BUSINESS_HARMS } from '../rules/schema';

type Harm = (typeof BUSINESS_HARMS)[number];

export const HARM_WORDS: Readonly<Record<Harm, string>> = {
  'data-loss': 'data loss',
  regulatory: 'regulatory fines',
  fraud: 'fraud',
  outage: 'outage',
  'user-harm': 'harm to users',
  reputation: 'reputational damage',
  cost: 'runaway costs',
};

/** For rules without a business text (workspace rules): what each STRIDE category tends to cost. */
const BY_STRIDE: Readonly<Record<StrideLetter, string>> = {
  S: 'fraud or actions taken in someone else\'s name',
  T: 'corrupted data or manipulated answers',
  R: 'no evidence of what happened in a dispute or audit',
  I: 'leak of customer or confidential data',
  D: 'outages or runaway usage costs',
  E: 'unauthorised actions on company systems',
};

/** Data class words of the `data` property, grouped as a reader names them; the first three are regulated. */
const DATA_GROUPS: readonly { name: string; words: readonly string[]; regulated: boolean }[] = [
  { name: 'health data', words: ['phi', 'health', 'medical', 'ehr', 'emr', 'patient', 'clinical'], regulated: true },
  { name: 'personal data', words: ['pii', 'personal', 'customer', 'gdpr'], regulated: true },
  { name: 'payment data', words: ['pci', 'payment', 'payments', 'card', 'financial', 'cardholder', 'billing'], regulated: true },
  { name: 'credentials', words: ['credentials', 'credential', 'secret', 'secrets', 'keys', 'tokens', 'password', 'passwords'], regulated: false },
  { name: 'confidential data', words: ['confidential', 'proprietary', 'internal', 'restricted', 'sensitive'], regulated: false },
];

/** The data groups a `data` property names (`pii,phi` -> health data, personal data). */
export function dataGroups(data: string | undefined): { name: string; regulated: boolean }[] {
  if (!data) return [];
  const words = new Set(data.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean));
  return DATA_GROUPS.filter((g) => g.words.some((w) => words.has(w)));
}

export interface ImpactInput {
  business?: Business;
  stride: readonly StrideLetter[];
  /** The component's name as a reader knows it (its label). */
  component: string;
  /** The component's `data` property (declared or inferred). */
  data?: string;
}

/** `{ harms: 'data loss, regulatory fines', text: '…' }`, unescaped: the caller escapes for its format. */
export function businessImpact(x: ImpactInput): { harms: string; text: string } {
  if (!x.business) {
    const words = [...new Set(x.stride.map((s) => BY_STRIDE[s]))];
    return { harms: '', text: words.length ? `${words.join('; ')}.` : 'loss of trust in the system.' };
  }
  const text = x.business.text.split('{component}').join(`"${x.component}"`);
  const groups = dataGroups(x.data);
  // Only a risk that can leak data makes the data it handles a matter for regulators.
  const leaks = x.business.impacts.includes('data-loss');
  let data = '';
  if (leaks && groups.length) {
    const names = groups.map((g) => g.name).join(', ');
    data = groups.some((g) => g.regulated)
      ? ` It handles ${names}: a leak is a breach that regulators and the people affected must be told about.`
      : ` It handles ${names}, which a leak would expose.`;
  }
  const harms = [...x.business.impacts.map((h) => HARM_WORDS[h]), ...(data && groups.some((g) => g.regulated) && !x.business.impacts.includes('regulatory') ? [HARM_WORDS.regulatory] : [])];
  return { harms: harms.join(', '), text: `${text}${data}` };
}
