/**
 * YAML 1.2 (like VS Code) ends a line at `\r\n`, `\n` or a lone `\r`, but the `yaml` package only
 * knows the first two: a file saved with classic Mac line ends would read as one long line. The
 * Mermaid scanners have the same need; both use one offset-preserving conversion.
 */
export { withLineFeeds } from '../common/lineBreaks';

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A problem message on one line: control characters that came from the file (in a key, an id, a
 * YAML error excerpt) are shown as `\n`, `\u0000`, … so they cannot start a forged line in the
 * CLI's `file:line:col` output or a CI log.
 */
export function oneLineMessage(message: string): string {
  return message.replace(CONTROL, (c) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
