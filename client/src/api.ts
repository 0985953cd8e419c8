import type { Comment } from './types';

export interface ErrorDetail {
  message: string;
  field?: string;
}

/** An answer the API refused, or no answer at all (status 0), with what to tell the person. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly errors: ErrorDetail[],
  ) {
    // The services' messages already name the field ("title must not be empty").
    super(errors.map((e) => e.message).join('; '));
  }
}

function errorDetailsFrom(body: unknown): ErrorDetail[] {
  if (typeof body !== 'object' || body === null || !('errors' in body) || !Array.isArray(body.errors)) return [];
  return body.errors
    .filter((e): e is { message: unknown; field?: unknown } => typeof e === 'object' && e !== null && 'message' in e)
    .map((e) => ({
      message: String(e.message),
      ...(typeof e.field === 'string' ? { field: e.field } : {}),
    }));
}

async function postJson<T>(path: string, body: unknown, fetchImpl: typeof fetch): Promise<T> {
  let response: Response;
  try {
    response = await fetchImpl(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, [{ message: 'Could not reach the server. Check that the blog is running and try again.' }]);
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const details = errorDetailsFrom(payload);
    throw new ApiError(
      response.status,
      details.length > 0 ? details : [{ message: `The server answered ${response.status} ${response.statusText}`.trim() }],
    );
  }
  return payload as T;
}

/** The two writes the app makes; reads come from the live stream. */
export interface BlogApi {
  createPost(title: string): Promise<{ id: string; title: string }>;
  /** Answers with every comment of the post, the new one included. */
  createComment(postId: string, content: string): Promise<Comment[]>;
}

export function createBlogApi(fetchImpl: typeof fetch = (...args) => fetch(...args)): BlogApi {
  return {
    createPost: (title) => postJson('/posts/create', { title }, fetchImpl),
    createComment: (postId, content) =>
      postJson(`/posts/${encodeURIComponent(postId)}/comments`, { content }, fetchImpl),
  };
}
