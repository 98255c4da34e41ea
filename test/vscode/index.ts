// Mocha (tdd) entry for the extension-host suites. VS Code loads the bundle of this file (out/test/vscode/index.js)
// as `extensionTestsPath` and awaits `run()`: under code-server here (scripts/vscode/run-tests.mjs) and under
// @vscode/test-electron on a desktop. Every out/test/vscode/suite/**/*.test.js next to it is loaded, so adding a
// suite is adding a test/vscode/suite/<name>.test.ts file. The result is written as JSON for the runner.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export interface SuiteResult {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
  vscodeVersion: string;
}

/** Name of the result file written in the first workspace folder when THREATLENS_TEST_RESULT is not set. */
export const RESULT_FILE_NAME = '.threatlens-test-result.json';

function resultPath(): string | undefined {
  const fromEnv = process.env.THREATLENS_TEST_RESULT;
  if (fromEnv) return fromEnv;
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? path.join(folder.uri.fsPath, RESULT_FILE_NAME) : undefined;
}

function findTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? findTests(path.join(dir, e.name)) : e.name.endsWith('.test.js') ? [path.join(dir, e.name)] : []))
    .sort();
}

function writeResult(result: SuiteResult): void {
  const file = resultPath();
  if (!file) {
    console.error('[threatlens-tests] no result path (no THREATLENS_TEST_RESULT and no workspace folder)');
    return;
  }
  // Write then rename, so the runner never reads a half-written file.
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(result, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.THREATLENS_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of findTests(path.join(__dirname, 'suite'))) mocha.addFile(file);

  const result: SuiteResult = { passed: 0, failed: 0, pending: 0, failures: [], vscodeVersion: vscode.version };
  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        writeResult(result);
        if (result.failed > 0) reject(new Error(`${result.failed} test(s) failed`));
        else resolve();
      });
      runner.on('pass', () => {
        result.passed++;
      });
      runner.on('pending', () => {
        result.pending++;
      });
      runner.on('fail', (test, err: unknown) => {
        result.failed++;
        const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
        result.failures.push({ title: test.fullTitle(), error });
      });
    } catch (err) {
      // A suite that throws while loading: report it instead of hanging the runner.
      const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      result.failed++;
      result.failures.push({ title: 'loading test suites', error });
      writeResult(result);
      reject(err instanceof Error ? err : new Error(error));
    }
  });
}
