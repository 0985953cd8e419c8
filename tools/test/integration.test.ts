/**
 * The real processes (`node services/<name>/dist/index.js`) on free loopback
 * ports: the course flow, and what must survive crashes and restarts.
 * Needs `npm run build` first (`npm test` does it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack, type RunningStack } from '../src/stack';

jest.setTimeout(90_000);

interface PostView {
  id: string;
  title: string;
  comments: Array<{ id: string; content: string; status: string }>;
}

async function post(url: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

async function createPost(stack: RunningStack, title: string): Promise<string> {
  const response = await post(`${stack.urls.posts}/posts/create`, { title });
  expect(response.status).toBe(201);
  return response.body.id;
}

/** Adds a comment; returns its id (the last one of the post's list answered). */
async function addComment(stack: RunningStack, postId: string, content: string): Promise<string> {
  const response = await post(`${stack.urls.comments}/posts/${postId}/comments`, { content });
  expect(response.status).toBe(201);
  const mine = (response.body as Array<{ id: string; content: string }>).filter((c) => c.content === content);
  return mine[mine.length - 1]!.id;
}

async function queryView(stack: RunningStack): Promise<Record<string, PostView>> {
  return (await fetch(`${stack.urls.query}/posts`)).json() as Promise<Record<string, PostView>>;
}

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await probe();
  }
  return value;
}

const expectedStatus = (content: string) => (/orange/i.test(content) ? 'rejected' : 'approved');

/** True when every expected comment is in the view exactly once, with its final status. */
function allFinal(view: Record<string, PostView>, expected: Map<string, string>): boolean {
  const seen = new Map<string, number>();
  for (const p of Object.values(view)) for (const c of p.comments) seen.set(c.id, (seen.get(c.id) ?? 0) + 1);
  const allOnce = [...expected.keys()].every((id) => seen.get(id) === 1);
  const statuses = Object.values(view).flatMap((p) => p.comments);
  return allOnce && statuses.filter((c) => expected.has(c.id)).every((c) => c.status === expectedStatus(expected.get(c.id)!));
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'blog-it-'));

describe('the stack as real processes', () => {
  let stack: RunningStack;
  let dataDir: string;

  beforeEach(async () => {
    dataDir = tempDir();
    stack = await startStack({ dataDir, logDir: path.join(dataDir, 'logs'), workers: { comments: 1 } });
  });
  afterEach(async () => {
    // Every process drains and exits 0 on SIGTERM.
    const codes = await stack?.stop();
    expect(codes).toEqual({ 'event-bus': 0, posts: 0, comments: 0, query: 0, moderation: 0 });
  });

  it('the course flow: a post and two comments reach the query service with their moderated statuses', async () => {
    // Arrange
    const postId = await createPost(stack, 'Hello microservices');
    // Act
    const fine = await addComment(stack, postId, 'Nice post');
    const fruity = await addComment(stack, postId, 'I like ORANGE juice');
    // Assert
    const view = await eventually(() => queryView(stack), (v) => v[postId]?.comments.every((c) => c.status !== 'pending') === true && v[postId]!.comments.length === 2, 'moderation');
    expect(view[postId]).toEqual({
      id: postId,
      title: 'Hello microservices',
      comments: [
        { id: fine, content: 'Nice post', status: 'approved' },
        { id: fruity, content: 'I like ORANGE juice', status: 'rejected' },
      ],
    });
    const posts = await (await fetch(`${stack.urls.posts}/posts`)).json();
    expect(posts).toEqual({ [postId]: { id: postId, title: 'Hello microservices' } });
    const comments = await (await fetch(`${stack.urls.comments}/posts/${postId}/comments`)).json();
    expect(comments).toEqual([
      { id: fine, content: 'Nice post', status: 'approved' },
      { id: fruity, content: 'I like ORANGE juice', status: 'rejected' },
    ]);
  });

  it('moderation, SIGKILLed mid-flow and restarted, still moderates every comment', async () => {
    const postId = await createPost(stack, 'crash test');
    const expected = new Map<string, string>();
    for (let i = 0; i < 5; i++) expected.set(await addComment(stack, postId, `before ${i}`), `before ${i}`);

    await stack.kill('moderation', 'SIGKILL');
    for (let i = 0; i < 5; i++) expected.set(await addComment(stack, postId, `while down ${i} orange`), `while down ${i} orange`);
    await stack.restart('moderation');
    for (let i = 0; i < 5; i++) expected.set(await addComment(stack, postId, `after ${i}`), `after ${i}`);

    const view = await eventually(() => queryView(stack), (v) => allFinal(v, expected), 'every comment moderated');
    expect(view[postId]!.comments).toHaveLength(15);
  });

  it('the bus, SIGKILLed and restarted, has lost no acknowledged event', async () => {
    const postId = await createPost(stack, 'bus crash');
    const expected = new Map<string, string>();
    for (let i = 0; i < 10; i++) expected.set(await addComment(stack, postId, `c${i}`), `c${i}`);
    const before = (await (await fetch(`${stack.urls['event-bus']}/events`)).json()) as Array<{ id: string }>;

    await stack.kill('event-bus', 'SIGKILL');
    const whileDown = await post(`${stack.urls.comments}/posts/${postId}/comments`, { content: 'lost?' });
    await stack.restart('event-bus');
    for (let i = 10; i < 15; i++) expected.set(await addComment(stack, postId, `c${i}`), `c${i}`);

    expect(whileDown.status).toBe(503);
    const after = (await (await fetch(`${stack.urls['event-bus']}/events`)).json()) as Array<{ id: string }>;
    expect(after.slice(0, before.length)).toEqual(before);
    await eventually(() => queryView(stack), (v) => allFinal(v, expected), 'every comment after the bus restart');
  });

  it('query, restarted, rebuilds an identical view from the log', async () => {
    const postId = await createPost(stack, 'replay');
    const expected = new Map<string, string>();
    for (let i = 0; i < 6; i++) expected.set(await addComment(stack, postId, i % 2 ? `orange ${i}` : `plain ${i}`), i % 2 ? `orange ${i}` : `plain ${i}`);
    const before = await eventually(() => queryView(stack), (v) => allFinal(v, expected), 'moderation');

    await stack.kill('query', 'SIGTERM');
    await stack.restart('query');

    expect(await queryView(stack)).toEqual(before);
  });
});

describe('the stack with three comments workers', () => {
  it('comments made through any worker, on posts just created, are each visible exactly once with their final status', async () => {
    // Arrange
    const dataDir = tempDir();
    const stack = await startStack({ dataDir, logDir: path.join(dataDir, 'logs'), workers: { comments: 3 } });
    const expected = new Map<string, string>();
    try {
      // Act: each post is commented on at once, so a worker that has not seen it yet must wait, not 404.
      await Promise.all(
        Array.from({ length: 8 }, async (_, p) => {
          const postId = await createPost(stack, `post ${p}`);
          for (let c = 0; c < 10; c++) {
            const content = c % 3 === 0 ? `orange ${p}.${c}` : `comment ${p}.${c}`;
            expected.set(await addComment(stack, postId, content), content);
          }
        }),
      );
      // Assert
      const view = await eventually(() => queryView(stack), (v) => allFinal(v, expected), 'every comment final');
      const total = Object.values(view).reduce((n, p) => n + p.comments.length, 0);
      expect(total).toBe(80);
      expect(expected.size).toBe(80);
    } finally {
      expect(await stack.stop()).toEqual({ 'event-bus': 0, posts: 0, comments: 0, query: 0, moderation: 0 });
    }
  });
});
