// Posts the action's pull-request comment, or updates the one an earlier run posted (found by its
// marker), so a pull request carries one Threatlens comment however often it is pushed to.
import { readFileSync } from 'node:fs';
import { COMMENT_MARKER } from './commentMarker.mjs';

const env = process.env;
const api = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, '');
const repo = env.GITHUB_REPOSITORY;
const pr = env.TL_PR_NUMBER;
const token = env.GITHUB_TOKEN;

async function call(method, path, body) {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${token}`,
      'x-github-api-version': '2022-11-28',
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/** The id of this action's earlier comment on the pull request, looking through every page. */
async function findOwnComment() {
  for (let page = 1; page <= 50; page++) {
    const comments = await call('GET', `/repos/${repo}/issues/${pr}/comments?per_page=100&page=${page}`);
    const own = comments.find((c) => typeof c.body === 'string' && c.body.startsWith(COMMENT_MARKER));
    if (own) return own.id;
    if (comments.length < 100) return undefined;
  }
  return undefined;
}

async function main() {
  if (!repo || !pr || !token) {
    console.log('Threatlens: no pull request or token, so no comment.');
    return;
  }
  const body = readFileSync(env.TL_COMMENT_FILE, 'utf8');
  const id = await findOwnComment();
  if (id === undefined) {
    await call('POST', `/repos/${repo}/issues/${pr}/comments`, { body });
    console.log('Threatlens: comment posted.');
  } else {
    await call('PATCH', `/repos/${repo}/issues/comments/${id}`, { body });
    console.log('Threatlens: comment updated.');
  }
}

main().catch((e) => {
  // A comment that cannot be written must not hide the verdict, which the next step gives.
  console.log(`::warning::Threatlens could not write the pull-request comment: ${String(e.message ?? e).replace(/[\r\n]+/g, ' ')}`);
});
