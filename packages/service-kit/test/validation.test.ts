import request from 'supertest';
import { z } from 'zod';
import { HttpError, Readiness, createBaseApp, createLogger, finishApp, parseOr400, requireJson, toErrorDetails } from '@blog/service-kit';

const Body = z.object({ title: z.string({ error: 'must be a string' }).min(1, 'must not be empty'), post: z.object({ id: z.string() }) });

function detailsFor(input: unknown) {
  const result = Body.safeParse(input);
  if (result.success) throw new Error('expected the input to be invalid');
  return toErrorDetails(result.error, input);
}

describe('toErrorDetails', () => {
  test('toErrorDetails, when a field is missing, says it is required and names the field', () => {
    // Arrange
    const input = { post: { id: 'p1' } };

    // Act
    const details = detailsFor(input);

    // Assert
    expect(details).toEqual([{ message: 'title is required', field: 'title' }]);
  });

  test('toErrorDetails, when a field is null, says what type it must be rather than that it is missing', () => {
    // Arrange
    const input = { title: null, post: { id: 'p1' } };

    // Act
    const details = detailsFor(input);

    // Assert
    expect(details).toEqual([{ message: 'title must be a string', field: 'title' }]);
  });

  test('toErrorDetails, when a nested field is wrong, names it with a dotted path', () => {
    // Arrange
    const input = { title: 'x', post: { id: 7 } };

    // Act
    const details = detailsFor(input);

    // Assert
    expect(details).toEqual([{ message: expect.stringMatching(/^post\.id /), field: 'post.id' }]);
  });

  test('toErrorDetails, when several fields are wrong, lists every one', () => {
    // Arrange
    const input = { title: '' };

    // Act
    const details = detailsFor(input);

    // Assert
    expect(details).toEqual([
      { message: 'title must not be empty', field: 'title' },
      { message: 'post is required', field: 'post' },
    ]);
  });

  test('toErrorDetails, when the whole value is wrong, gives no field', () => {
    // Arrange
    const input = 'not an object';

    // Act
    const details = detailsFor(input);

    // Assert
    expect(details).toHaveLength(1);
    expect(details[0]).not.toHaveProperty('field');
  });
});

describe('parseOr400', () => {
  test('parseOr400, when the value is valid, returns the parsed value', () => {
    // Arrange
    const input = { title: 'hello', post: { id: 'p1' }, extra: true };

    // Act
    const parsed = parseOr400(Body, input);

    // Assert
    expect(parsed).toEqual({ title: 'hello', post: { id: 'p1' } });
  });

  test('parseOr400, when the value is invalid, throws a 400 HttpError with the details', () => {
    // Arrange
    const input = {};

    // Act
    const parse = () => parseOr400(Body, input);

    // Assert
    expect(parse).toThrow(HttpError);
    expect(parse).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('requireJson', () => {
  const app = finishApp(
    (() => {
      const base = createBaseApp({ readiness: new Readiness() });
      base.post('/things', requireJson, (req, res) => {
        res.status(201).json(req.body);
      });
      return base;
    })(),
    createLogger('test', 'silent'),
  );

  test('requireJson, when the body is a JSON object, lets the request through', async () => {
    // Arrange
    const body = { name: 'thing' };

    // Act
    const response = await request(app).post('/things').send(body);

    // Assert
    expect(response.status).toBe(201);
    expect(response.body).toEqual(body);
  });

  test('requireJson, when the body is plain text, answers 415', async () => {
    // Arrange
    const body = 'name=thing';

    // Act
    const response = await request(app).post('/things').set('content-type', 'text/plain').send(body);

    // Assert
    expect(response.status).toBe(415);
    expect(response.body).toEqual({ errors: [{ message: 'request body must be JSON (Content-Type: application/json)' }] });
  });

  test('requireJson, when there is no content type and no body, answers 415', async () => {
    // Arrange
    const post = request(app).post('/things');

    // Act
    const response = await post;

    // Assert
    expect(response.status).toBe(415);
  });

  test('requireJson, when the body is a form, answers 415', async () => {
    // Arrange
    const form = 'name=thing';

    // Act
    const response = await request(app).post('/things').type('form').send(form);

    // Assert
    expect(response.status).toBe(415);
  });

  test('requireJson, when the JSON body is an array, answers 400', async () => {
    // Arrange
    const body = [{ name: 'thing' }];

    // Act
    const response = await request(app).post('/things').send(body);

    // Assert
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: [{ message: 'request body must be a JSON object' }] });
  });

  test('requireJson, when the JSON body is a bare string, answers 400', async () => {
    // Arrange
    const body = '"thing"';

    // Act
    const response = await request(app).post('/things').set('content-type', 'application/json').send(body);

    // Assert
    expect(response.status).toBe(400);
  });
});
