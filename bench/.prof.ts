import { CONSTRUCTS } from './constructs';
import { Engine } from '../src/core/engine';
const name = process.argv[2]; const n = Number(process.argv[3]);
const c = CONSTRUCTS.find((x) => x.name === name)!;
const e = new Engine(undefined, { today: '2026-12-01' });
const t = c.make(n); const t0 = performance.now(); e.analyze(c.path, t); console.log(name, n, (performance.now() - t0).toFixed(0), 'ms');
