/**
 * The properties layer, run after the kinds are known: what data a component handles (`data`),
 * who can reach it (`exposure`), whether a model is someone else's (`provider`), and what a model
 * reads or makes (`modality`, `generative`, `federated`), and which model family it names
 * (`model-family`). Rules select on these properties and
 * the score reads `data` and `exposure`, so a diagram that says "patient records" or draws an
 * "Internet" boundary gets the same treatment as one that declares them.
 *
 * A property the diagram states (YAML, `@component X data=…`) is never changed: inference only
 * fills what is missing, and says why in `propertyReasons`.
 */
import type { Boundary, Component, ComponentKind, SystemModel } from '../model';
import { kindForRules } from '../model';
import { mayContain, PhraseIndex } from './phrases';
import { tokenize } from './tokens';
import { FAMILY_WORDS, MODALITY_OF, PROVIDER_WORDS } from './words';

export type DataClass = 'pii' | 'phi' | 'payment' | 'credentials' | 'confidential';

/** Words that name a class of sensitive data, in labels, descriptions and flow labels. */
const DATA_WORDS: Record<DataClass, string[]> = {
  pii: [
    'pii', 'personal data', 'personal information', 'personally identifiable', 'customer data', 'customer records',
    'customer profile', 'customer info', 'user data', 'user profile', 'user records', 'user info', 'contact details',
    'email address', 'phone number', 'home address', 'date of birth', 'ssn', 'social security', 'passport', 'national id',
    'kyc', 'identity documents', 'employee records', 'hr records', 'resume', 'candidate data', 'gdpr',
  ],
  phi: [
    'phi', 'ehr', 'emr', 'health record', 'medical record', 'patient data', 'patient record', 'patient info', 'clinical notes',
    'clinical data', 'diagnosis', 'diagnoses', 'lab results', 'prescription', 'fhir', 'hl7', 'dicom', 'radiology', 'medical image',
    'health data', 'vitals', 'symptoms', 'hipaa', 'medical history',
  ],
  payment: [
    'payment', 'card payment', 'card details', 'card data', 'credit card', 'debit card', 'pci', 'cardholder', 'billing',
    'bank account', 'iban', 'transaction', 'transaction history', 'checkout', 'invoice', 'stripe',
  ],
  credentials: [
    'credentials', 'credential', 'password', 'secret', 'api key', 'access token', 'auth token', 'session token', 'oauth',
    'jwt', 'private key', 'key vault', 'hashicorp vault', 'secrets manager', 'secret manager', 'keychain', 'identity provider',
    'auth0', 'okta', 'keycloak', 'cognito',
  ],
  confidential: [
    'confidential', 'proprietary', 'internal documents', 'internal data', 'trade secret', 'contracts', 'legal documents',
    'case files', 'financial statements', 'financial reports', 'source code', 'sensitive data', 'sensitive documents',
  ],
};
const DATA_INDEX = new PhraseIndex(Object.entries(DATA_WORDS).flatMap(([cls, words]) => words.map((w) => [w, cls as DataClass] as const)));

/** In a store, these name whose records it keeps. */
const STORE_CONTENT_WORDS = new PhraseIndex<DataClass>([['users', 'pii'], ['customers', 'pii'], ['profiles', 'pii'], ['accounts', 'pii'], ['patients', 'phi'], ['members', 'pii']]);
const STORE_KINDS: ReadonlySet<ComponentKind> = new Set(['datastore', 'memory', 'vector-store', 'dataset', 'document-source']);

/** Boundary words that mean anyone can reach what is inside. */
const PUBLIC_WORDS = new PhraseIndex<true>(['internet', 'public', 'untrusted', 'world wide web', 'public zone', 'anonymous'].map((w) => [w, true] as const));
/** Boundary words that mean a provider runs what is inside: someone else's service, not an attacker. */
const THIRD_PARTY_WORDS = new PhraseIndex<true>(['third party', 'third parties', '3rd party', 'external services', 'external apis', 'external providers', 'saas', 'vendors', 'vendor', 'cloud providers', 'providers', 'partner'].map((w) => [w, true] as const));
const PROVIDER_INDEX = new PhraseIndex(PROVIDER_WORDS.map((w) => [w, w] as const));
const FAMILY_INDEX = new PhraseIndex(FAMILY_WORDS.map((w) => [w, w] as const));
const MODALITY_INDEX = new PhraseIndex([...MODALITY_OF].map(([phrase, note]) => [phrase, note] as const));
const MAYBE_FEDERATED = /feder|fedavg|fed avg|flower|fl server|fl client|aggregation/i;
const FEDERATED_WORDS = new PhraseIndex<true>(['federated', 'fedavg', 'fed avg', 'flower', 'fl server', 'fl client', 'secure aggregation'].map((w) => [w, true] as const));

const MAY_NAME_SOMETHING = mayContain([DATA_INDEX, STORE_CONTENT_WORDS, PROVIDER_INDEX, FAMILY_INDEX, MODALITY_INDEX, FEDERATED_WORDS]);
const GRAPH_START = /^(?:<p>)?__start__(?:<\/p>)?$/;
const MODEL_KINDS: ReadonlySet<ComponentKind> = new Set(['llm', 'ml-model', 'embedding-model']);
const TRAINING_KINDS: ReadonlySet<ComponentKind> = new Set(['training-pipeline', 'ml-model', 'model-registry', 'dataset']);

/** Label, id and the short hints (technology, icon); prose descriptions mention too much in passing. */
function ownText(c: Component): string {
  if (!c.hints || c.hints.length === 0) return c.id === c.label ? c.label : `${c.label} \n ${c.id}`;
  return [c.label, c.id, ...(c.hints ?? []).filter((h) => h.kind === undefined && h.source !== 'description').map((h) => h.text)].join(' \n ');
}

/** Sets `key` unless the diagram stated it, with the reason; merges into a comma list for `data`. */
function put(c: Component, key: string, value: string, reason: string): void {
  if (c.properties[key] !== undefined && !(c.propertyReasons?.[key] !== undefined && key === 'data')) return;
  const reasons = (c.propertyReasons ??= {});
  if (key === 'data' && c.properties.data !== undefined) {
    const have = c.properties.data.split(',');
    if (have.includes(value)) return;
    c.properties.data = [...have, value].join(',');
    reasons.data = `${reasons.data}; ${reason}`;
    return;
  }
  c.properties[key] = value;
  reasons[key] = reason;
}

/**
 * The nearest boundary, itself or an ancestor, that `says` something, for any boundary id. Answers are
 * kept per boundary, so a chain of nested boundaries is walked once in all, not once per component
 * inside it (deeply nested diagrams would otherwise cost depth squared). Cycle-safe: each id once.
 */
function nearestSaying<N>(byId: ReadonlyMap<string, Boundary>, says: (b: Boundary) => N | undefined): (id: string) => { b: Boundary; note: N } | undefined {
  const memo = new Map<string, { b: Boundary; note: N } | null>();
  return (start) => {
    const walked: string[] = [];
    const seen = new Set<string>();
    let found: { b: Boundary; note: N } | null = null;
    for (let id: string | undefined = start; id !== undefined && !seen.has(id); id = byId.get(id)?.parent) {
      const known = memo.get(id);
      if (known !== undefined) { found = known; break; }
      seen.add(id);
      walked.push(id);
      const b = byId.get(id);
      const note = b ? says(b) : undefined;
      if (b && note !== undefined) { found = { b, note }; break; }
    }
    for (const id of walked) memo.set(id, found);
    return found ?? undefined;
  };
}

export function inferProperties(model: SystemModel): void {
  const byId = new Map<string, Boundary>();
  for (const b of model.boundaries) if (!byId.has(b.id)) byId.set(b.id, b);
  const boundaryNote = new Map<string, { public?: string; thirdParty?: string }>();
  const noteOf = (b: Boundary) => {
    let n = boundaryNote.get(b.id);
    if (!n) {
      const text = `${b.label} ${b.id}`;
      n = { public: PUBLIC_WORDS.find(text)[0]?.written, thirdParty: THIRD_PARTY_WORDS.find(text)[0]?.written };
      boundaryNote.set(b.id, n);
    }
    return n;
  };
  const zoneOf = nearestSaying(byId, (b) => { const n = noteOf(b); return n.public || n.thirdParty ? n : undefined; });
  // A substring test first: most diagrams never say "federated", and reading every label to learn that costs.
  const federatedSystem = model.components.some((c) => MAYBE_FEDERATED.test(c.label) && FEDERATED_WORDS.find(c.label).length > 0)
    || model.boundaries.some((b) => MAYBE_FEDERATED.test(b.label) && FEDERATED_WORDS.find(b.label).length > 0);

  for (const c of model.components) {
    // A LangGraph export's `__start__` is where the caller's request enters the graph.
    if (GRAPH_START.test(c.label.trim()) || GRAPH_START.test(c.id)) {
      put(c, 'trust', 'untrusted', "the graph's entry: the caller's input enters here");
      continue;
    }
    const kind = kindForRules(c);
    // Read once, looked up in every index; most labels name nothing any index lists.
    const text = ownText(c);
    const tokens = MAY_NAME_SOMETHING(text) ? tokenize(text, 2000) : [];
    for (const hit of DATA_INDEX.findIn(text, tokens)) put(c, 'data', hit.value, `named "${hit.written}"`);
    if (STORE_KINDS.has(kind)) for (const hit of STORE_CONTENT_WORDS.find(c.label)) put(c, 'data', hit.value, `keeps records of "${hit.written}"`);

    // The nearest boundary that says something decides: a public zone inside a vendor's cloud is public.
    const zone = c.boundary === undefined ? undefined : zoneOf(c.boundary);
    if (zone?.note.public) put(c, 'exposure', 'public', `inside the boundary "${zone.b.label}"`);
    else if (zone) {
      put(c, 'exposure', 'third-party', `run by a provider: inside the boundary "${zone.b.label}"`);
      if (MODEL_KINDS.has(kind)) put(c, 'provider', 'third-party', `inside the boundary "${zone.b.label}"`);
    }
    if (MODEL_KINDS.has(kind) || kind === 'guardrail') {
      // A provider's name is specific enough to trust even in a description.
      const prose = (c.hints ?? []).filter((h) => h.source === 'description').map((h) => h.text).join(' \n ');
      const provider = (prose ? PROVIDER_INDEX.find(`${text} \n ${prose}`) : PROVIDER_INDEX.findIn(text, tokens))[0];
      if (provider) {
        put(c, 'provider', 'third-party', `hosted by a provider: "${provider.written}"`);
        put(c, 'exposure', 'third-party', `hosted by a provider: "${provider.written}"`);
      }
    }
    if (kind === 'external-api' || c.properties.provider === 'external') put(c, 'exposure', 'third-party', 'run by someone else (an external API or element)');

    if (MODEL_KINDS.has(kind)) {
      const family = FAMILY_INDEX.findIn(text, tokens)[0];
      if (family) put(c, 'model-family', family.value, `named "${family.written}"`);
      const hits = MODALITY_INDEX.findIn(text, tokens);
      // A language model named with pictures, video or sound ("GPT-4o with image input") reads more than text.
      const sensed = kind === 'llm' ? hits.find((h) => h.value.modality !== undefined && h.value.modality !== 'text' && h.value.modality !== 'tabular') : undefined;
      if (sensed) put(c, 'modality', 'multimodal', sensed.value.modality === 'multimodal' ? `named "${sensed.written}"` : `a language model named with "${sensed.written}"`);
      for (const hit of hits) {
        if (hit.value.modality) put(c, 'modality', hit.value.modality, `named "${hit.written}"`);
        if (hit.value.generative) put(c, 'generative', 'true', `named "${hit.written}"`);
      }
    }
    if (TRAINING_KINDS.has(kind) || kind === 'service') {
      const own = FEDERATED_WORDS.findIn(text, tokens)[0];
      if (own) put(c, 'federated', 'true', `named "${own.written}"`);
      else if (federatedSystem && kind === 'training-pipeline') put(c, 'federated', 'true', 'training step of a federated system');
    }
  }

  // Data named on a flow is kept by the store at either end; code in between only passes it on.
  const comp = new Map(model.components.map((c) => [c.id, c] as const));
  for (const f of model.flows) {
    if (!f.label || f.invisible) continue;
    const hits = DATA_INDEX.find(f.label, 500);
    if (hits.length === 0) continue;
    for (const end of [comp.get(f.to), comp.get(f.from)]) {
      if (!end || !STORE_KINDS.has(kindForRules(end))) continue;
      for (const hit of hits) put(end, 'data', hit.value, `a flow carries "${hit.written}"`);
    }
  }
}
