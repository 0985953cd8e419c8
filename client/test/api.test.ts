import { ApiError, createBlogApi } from '../src/api';

function answering(status: number, body: unknown): jest.MockedFunction<typeof fetch> {
  return jest.fn().mockResolvedValue({
    ok: status >= 200 && status < 300,
    status,
    statusText: status === 502 ? 'Bad Gateway' : '',
    json: () => (body === undefined ? Promise.reject(new SyntaxError('no JSON')) : Promise.resolve(body)),
  } as Response);
}

describe('createBlogApi', () => {
  it('createPost, when the title is accepted, posts JSON to /posts/create and answers the post', async () => {
    // Arrange
    const fetchImpl = answering(201, { id: 'p1', title: 'Hi' });

    // Act
    const post = await createBlogApi(fetchImpl).createPost('Hi');

    // Assert
    expect(post).toEqual({ id: 'p1', title: 'Hi' });
    expect(fetchImpl).toHaveBeenCalledWith('/posts/create', expect.objectContaining({ method: 'POST', body: '{"title":"Hi"}' }));
  });

  it('createComment, for any post id, escapes it into the path', async () => {
    // Arrange
    const fetchImpl = answering(201, []);

    // Act
    await createBlogApi(fetchImpl).createComment('a/b?c', 'x');

    // Assert
    expect(fetchImpl.mock.calls[0]?.[0]).toBe('/posts/a%2Fb%3Fc/comments');
  });

  it('createPost, when the API answers {errors}, rejects with those messages', async () => {
    // Arrange
    const fetchImpl = answering(400, { errors: [{ message: 'title must not be empty', field: 'title' }] });

    // Act
    const failure = createBlogApi(fetchImpl).createPost('');

    // Assert
    await expect(failure).rejects.toEqual(
      expect.objectContaining({ status: 400, message: 'title must not be empty', errors: [{ message: 'title must not be empty', field: 'title' }] }),
    );
  });

  it('createPost, when the answer is an error without a body, says what the server answered', async () => {
    // Arrange
    const fetchImpl = answering(502, undefined);

    // Act
    const failure = createBlogApi(fetchImpl).createPost('x');

    // Assert
    await expect(failure).rejects.toThrow('The server answered 502 Bad Gateway');
  });

  it('createPost, when the server cannot be reached, rejects with an ApiError of status 0', async () => {
    // Arrange
    const fetchImpl = jest.fn().mockRejectedValue(new TypeError('Failed to fetch'));

    // Act
    const failure = createBlogApi(fetchImpl).createPost('x');

    // Assert
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 0, message: expect.stringMatching(/Could not reach the server/) });
  });
});
