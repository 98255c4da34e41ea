/**
 * The MCP server's file access: only inside the root folder it was started with. A path is
 * refused when it leaves the root by `..`, by being absolute elsewhere, or through a symbolic
 * link whose real path is outside; reads go through the CLI's safe reader (regular files within
 * the size limit), and a write goes to the real path without following a link swapped in since.
 */
import { closeSync, constants, fstatSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { toPosix } from '../files';
import { isInside, readRegularFile, resolveInside } from '../safeRead';
import { MAX_ARCHITECTURE_FILE_BYTES } from '../workingTree';

export interface RootFile {
  /** Relative to the root, `/`-separated: what reports and the tools' answers show. */
  path: string;
  /** The real path, inside the root. */
  real: string;
  text: string;
}

export class Refusal extends Error {}

/** The file at `path` (relative to the root, or absolute inside it), or a Refusal saying why not. */
export function readInRoot(root: string, path: string): RootFile {
  const abs = resolve(root, path);
  if (!isInside(root, abs)) throw new Refusal(`${path} is outside the server's root folder ${root}`);
  const where = resolveInside(abs, root);
  if ('skipped' in where) throw new Refusal(`${path} cannot be used: ${where.skipped}`);
  const read = readRegularFile(where.real, { root, maxBytes: MAX_ARCHITECTURE_FILE_BYTES });
  if ('skipped' in read) throw new Refusal(`${path} cannot be read: ${read.skipped}`);
  return { path: toPosix(relative(root, abs)), real: where.real, text: read.text };
}

/** Replaces the content of a file read by readInRoot, checked again at the moment of writing. */
export function writeInRoot(root: string, file: RootFile, text: string): void {
  const where = resolveInside(file.real, root);
  if ('skipped' in where || where.real !== file.real) throw new Refusal(`${file.path} changed into something else since it was read; nothing was written`);
  // Non-blocking, so a FIFO put in its place cannot hang the server; truncated only once it is known to be a regular file.
  const fd = openSync(where.real, constants.O_WRONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
  try {
    if (!fstatSync(fd).isFile()) throw new Refusal(`${file.path} is not a regular file; nothing was written`);
    ftruncateSync(fd, 0);
    const data = Buffer.from(text, 'utf8');
    let done = 0;
    while (done < data.length) done += writeSync(fd, data, done, data.length - done);
  } finally {
    closeSync(fd);
  }
}
