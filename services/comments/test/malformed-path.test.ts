import request from 'supertest';
import { Readiness, createLogger } from '@blog/service-kit';
import { createApp } from '../src/app';
import { CommentStore } from '../src/comment-store';
import { FakeBus } from '../../../test-support/fake-bus';

/*
 * Express's router cannot percent-decode such a path parameter and passes on
 * a URIError marked status 400 (but not `expose`), which the error handler
 * answers as an unexpected 500. Nothing a client sends may get a 500.
 */
function setup() {
  const readiness = new Readiness();
  readiness.markReady();
  const bus = new FakeBus();
  const app = createApp({ store: new CommentStore(), bus, catchUp: async () => true, readiness, logger: createLogger('comments-test', 'silent') });
  return { app, bus };
}

describe('comments routes with a malformed percent-encoded post id', () => {
  test.each(['/posts/%/comments', '/posts/%E0%A4%A/comments'])('GET %s, when the post id is not valid percent-encoding, answers 400', async (path) => {
    // Arrange
    const { app } = setup();

    // Act
    const response = await request(app).get(path);

    // Assert
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: [{ message: expect.any(String) }] });
  });

  test('POST /posts/%/comments, when the post id is not valid percent-encoding, answers 400 and publishes nothing', async () => {
    // Arrange
    const { app, bus } = setup();

    // Act
    const response = await request(app).post('/posts/%/comments').send({ content: 'Hi' });

    // Assert
    expect(response.status).toBe(400);
    expect(bus.published).toEqual([]);
  });
});
