/**
 * The OWASP, ATLAS and STRIDE mappings of the built-in rules. Pins the corrections made after a
 * security review (so a return to the old ids fails), then checks properties that follow from
 * the ATLAS data itself: techniques listed in the matrix's tactic order, no parent listed beside
 * its own sub-technique, STRIDE letters that match what a technique's tactics do, and evidence
 * controls on repudiation rules. Ids and names are checked against the reference in
 * catalogAccuracy.test.ts; the ATLAS facts here come from test/reference-facts.json, which that
 * suite keeps equal to the official release.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Catalog } from '../../src/core/catalog/catalog';
import { counterparts } from '../../src/core/catalog/editions';
import { buildCatalog } from '../../src/core/catalog/fromFiles';
import { readCatalogFiles } from './support/catalogFiles';
import type { StrideLetter } from '../../src/core/rules/schema';

const repoRoot = path.resolve(__dirname, '..', '..');

interface AtlasFacts {
  matrices: {
    tactics: { id: string; name: string }[];
    techniques: { id: string; name: string; tactics?: string[]; 'subtechnique-of'?: string }[];
    mitigations: { id: string; name: string }[];
  }[];
}
const facts = JSON.parse(readFileSync(path.join(repoRoot, 'test', 'reference-facts.json'), 'utf8')) as Record<string, unknown>;
const matrix = (facts['ATLAS.yaml'] as AtlasFacts).matrices[0];
const techniques = new Map(matrix.techniques.map((t) => [t.id, t]));
const tacticIndex = new Map(matrix.tactics.map((t, i) => [t.id, i]));
const tacticByName = new Map(matrix.tactics.map((t) => [t.name, t.id]));
const techniqueName = (id: string): string | undefined => techniques.get(id)?.name;
const mitigationName = (id: string): string | undefined => matrix.mitigations.find((m) => m.id === id)?.name;

/** A sub-technique has the tactics of its parent. */
function tacticsOf(id: string): string[] {
  const t = techniques.get(id);
  if (!t) return [];
  if (t.tactics?.length) return t.tactics;
  return t['subtechnique-of'] ? tacticsOf(t['subtechnique-of']) : [];
}
const parentOf = (id: string): string | undefined => techniques.get(id)?.['subtechnique-of'];
const tactic = (name: string): string => {
  const id = tacticByName.get(name);
  assert.ok(id, `tactic ${name} is not in the reference`);
  return id;
};

const catalog: Catalog = buildCatalog(readCatalogFiles());
const rule = (id: string) => {
  const r = catalog.ruleById.get(id);
  assert.ok(r, `rule ${id} exists`);
  return r;
};

describe('rule mappings', () => {
  describe('corrections from the security review', () => {
    // [rule, technique it must cite, that technique's official name]
    const cites: [string, string, string][] = [
      ['TL018', 'AML.T0036', 'Data from Information Repositories'],
      ['TL018', 'AML.T0024.001', 'Invert AI Model'],
      ['TL049', 'AML.T0080.000', 'Memory'],
      ['TL025', 'AML.T0018', 'Manipulate AI Model'],
      ['TL026', 'AML.T0010', 'AI Supply Chain Compromise'],
      ['TL027', 'AML.T0010', 'AI Supply Chain Compromise'],
      ['TL028', 'AML.T0010', 'AI Supply Chain Compromise'],
      ['TL039', 'AML.T0010', 'AI Supply Chain Compromise'],
      ['TL039', 'AML.T0109', 'AI Supply Chain Rug Pull'],
      ['TL050', 'AML.T0051.001', 'Indirect'],
    ];
    for (const [id, technique, name] of cites) {
      it(`${id} cites ${technique} (${name})`, () => {
        assert.equal(techniqueName(technique), name, `${technique} is named ${name} in the reference`);
        assert.ok(rule(id).atlas.includes(technique), `${id} atlas: ${rule(id).atlas.join(', ')}`);
      });
    }

    // [rule, technique it must not cite, why]
    const avoids: [string, string, string][] = [
      ['TL040', 'AML.T0092', 'editing a victim\'s chat history is not what missing logs expose'],
      ['TL041', 'AML.T0092', 'editing a victim\'s chat history is not what a missing audit trail exposes'],
      ['TL041', 'AML.T0053', 'tool invocation is the action, not the missing record of it'],
      ['TL018', 'AML.T0082', 'harvesting credentials through RAG is not reading an unencrypted store'],
      ['TL049', 'AML.T0080.001', 'a shared thread is not memory shared across users'],
      ['TL025', 'AML.T0010.004', 'a model registry is not a container registry'],
      ['TL033', 'AML.T0024.002', 'a vendor-hosted model is not copied through your gateway gap'],
      ['TL050', 'AML.T0073', 'impersonating a person is not forging an agent'],
    ];
    for (const [id, technique, why] of avoids) {
      it(`${id} does not cite ${technique}: ${why}`, () => {
        assert.ok(techniques.has(technique), `${technique} exists in the reference`);
        assert.ok(!rule(id).atlas.includes(technique), `${id} atlas: ${rule(id).atlas.join(', ')}`);
      });
    }

    it('TL025 cites Data and Model Poisoning (LLM04:2025) besides Supply Chain', () => {
      assert.equal(catalog.owasp.get('LLM04:2025')?.name, 'Data and Model Poisoning');
      assert.ok(rule('TL025').owasp.includes('LLM04:2025'));
      assert.ok(rule('TL025').owasp.includes('LLM03:2025'));
    });

    for (const id of ['TL007', 'TL008', 'TL010', 'TL011']) {
      it(`${id} cites Excessive Agency (LLM06:2025)`, () => {
        assert.equal(catalog.owasp.get('LLM06:2025')?.name, 'Excessive Agency');
        assert.ok(rule(id).owasp.includes('LLM06:2025'), `${id} owasp: ${rule(id).owasp.join(', ')}`);
      });
    }

    for (const id of ['TL040', 'TL041']) {
      it(`${id} is repudiation, with a control backed by AI Telemetry Logging (AML.M0024)`, () => {
        assert.equal(mitigationName('AML.M0024'), 'AI Telemetry Logging');
        assert.deepEqual([...rule(id).stride], ['R']);
        const controls = rule(id).mitigations.map((m) => catalog.mitigations.get(m));
        assert.ok(controls.some((c) => c?.atlas.includes('AML.M0024')), `${id} controls: ${rule(id).mitigations.join(', ')}`);
      });
    }
  });

  describe('properties of every built-in rule', () => {
    it('cites only techniques of the reference release', () => {
      for (const r of catalog.rules) for (const t of r.atlas) assert.ok(techniques.has(t), `${r.id}: ${t}`);
    });

    it('lists ATLAS techniques in the matrix\'s tactic order (by the first tactic of each)', () => {
      const first = (t: string) => Math.min(...tacticsOf(t).map((x) => tacticIndex.get(x) ?? Infinity));
      const unordered = catalog.rules.filter((r) => r.atlas.some((t, i) => i > 0 && first(t) < first(r.atlas[i - 1])));
      assert.deepEqual(unordered.map((r) => `${r.id}: ${r.atlas.join(', ')}`), []);
    });

    it('never lists a technique next to its own parent (the exact one is enough)', () => {
      const both = catalog.rules.flatMap((r) => r.atlas.filter((t) => {
        const p = parentOf(t);
        return p !== undefined && r.atlas.includes(p);
      }).map((t) => `${r.id}: ${t}`));
      assert.deepEqual(both, []);
    });

    it('keeps to a few ids: at most four techniques and three OWASP entries', () => {
      for (const r of catalog.rules) {
        assert.ok(r.atlas.length <= 4, `${r.id}: ${r.atlas.length} techniques`);
        assert.ok(r.owasp.length <= 3, `${r.id}: ${r.owasp.length} OWASP ids`);
      }
    });

    it('gives each technique a STRIDE letter that fits what its tactics do', () => {
      const only = (t: string, allowed: string[]) => tacticsOf(t).every((x) => allowed.includes(x));
      const has = (t: string, name: string) => tacticsOf(t).includes(tactic(name));
      const dos = new Set(['Denial of AI Service', 'Cost Harvesting'].map((n) => {
        const id = matrix.techniques.find((t) => t.name === n)?.id;
        assert.ok(id, `${n} is in the reference`);
        return id;
      }));
      // [what the technique does, the letters a rule citing it needs one of]
      const checks: [string, (t: string) => boolean, StrideLetter[]][] = [
        ['takes data out', (t) => only(t, [tactic('Collection'), tactic('Exfiltration')]), ['I']],
        ['steals credentials', (t) => only(t, [tactic('Credential Access')]), ['I', 'S', 'E']],
        ['plants something that persists', (t) => has(t, 'Persistence') && only(t, [tactic('Persistence'), tactic('Resource Development'), tactic('AI Attack Staging')]), ['T']],
        ['raises privileges', (t) => has(t, 'Privilege Escalation') && only(t, [tactic('Privilege Escalation'), tactic('Defense Evasion')]), ['E']],
        ['exhausts the service or its budget', (t) => dos.has(t) || dos.has(parentOf(t) ?? ''), ['D']],
      ];
      const misfits: string[] = [];
      for (const r of catalog.rules) {
        for (const t of r.atlas) {
          for (const [what, applies, letters] of checks) {
            if (applies(t) && !letters.some((l) => r.stride.includes(l))) misfits.push(`${r.id} [${r.stride.join('')}]: ${t} ${what}, needs ${letters.join('/')}`);
          }
        }
      }
      assert.deepEqual(misfits, []);
    });

    it('a rule that is only about repudiation cites no attack technique', () => {
      const pureR = catalog.rules.filter((r) => r.stride.length === 1 && r.stride[0] === 'R');
      assert.ok(pureR.length >= 2, 'the logging rules are pure repudiation');
      for (const r of pureR) assert.deepEqual([...r.atlas], [], `${r.id}: ${r.atlas.join(', ')}`);
    });

    it('every repudiation rule offers a control that keeps evidence (telemetry or dataset provenance)', () => {
      const evidence = new Set(['AI Telemetry Logging', 'Maintain AI Dataset Provenance'].map((n) => {
        const m = matrix.mitigations.find((x) => x.name === n);
        assert.ok(m, `${n} is in the reference`);
        return m.id;
      }));
      for (const r of catalog.rules.filter((x) => x.stride.includes('R'))) {
        const atlas = r.mitigations.flatMap((m) => catalog.mitigations.get(m)?.atlas ?? []);
        assert.ok(atlas.some((a) => evidence.has(a)), `${r.id}: controls ${r.mitigations.join(', ')} cite ${atlas.join(', ') || 'no ATLAS mitigation'}`);
      }
    });

    it('cites OWASP LLM risks once: never two ids the crosswalk calls the same risk', () => {
      for (const r of catalog.rules) {
        for (const o of r.owasp) {
          const same = counterparts(catalog, o).filter((l) => l.match === 'exact' && l.to !== undefined).map((l) => l.to);
          const dup = r.owasp.filter((x) => x !== o && same.includes(x));
          assert.deepEqual(dup, [], `${r.id}: ${o} and ${dup.join(', ')} are the same risk`);
        }
      }
    });

    it('every LLM id on a rule has exactly one 2026 counterpart, so the 2026 view shows each risk', () => {
      for (const r of catalog.rules) {
        for (const o of r.owasp.filter((x) => x.startsWith('LLM'))) {
          const to2026 = o.endsWith(':2026') ? [o] : counterparts(catalog, o).filter((l) => l.toEdition === 2026 && l.to !== undefined);
          assert.equal(to2026.length, 1, `${r.id}: ${o}`);
        }
      }
    });
  });
});
