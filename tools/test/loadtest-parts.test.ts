import { parseOptions, UsageError } from '../src/loadtest/options';
import { commentContent, findCommentId, isOrange } from '../src/loadtest/run-load';
import { percentile, summariseLatencies } from '../src/loadtest/stats';

describe('load test options', () => {
  it('parseOptions, when given only a base URL, sends every route there with the defaults', () => {
    const parsed = parseOptions(['--url', 'http://posts.com/']);

    expect(parsed).toEqual({
      help: false,
      options: expect.objectContaining({
        postsUrl: 'http://posts.com',
        commentsUrl: 'http://posts.com',
        queryUrl: 'http://posts.com',
        posts: 10,
        comments: 1000,
        durationSeconds: undefined,
        concurrency: 20,
        orangeShare: 0.2,
        json: false,
      }),
    });
  });

  it('parseOptions, when the services are named one by one, uses each URL for its route', () => {
    const parsed = parseOptions(['--posts-url', 'http://127.0.0.1:4000', '--comments-url', 'http://127.0.0.1:4001', '--query-url', 'http://127.0.0.1:4002']);

    expect(parsed.help === false && parsed.options).toMatchObject({
      postsUrl: 'http://127.0.0.1:4000',
      commentsUrl: 'http://127.0.0.1:4001',
      queryUrl: 'http://127.0.0.1:4002',
    });
  });

  it('parseOptions, when a duration is given without a count, runs for the duration only', () => {
    const parsed = parseOptions(['--duration', '30', '--concurrency', '50', '--orange', '0.5', '--rate', '100', '--json']);

    expect(parsed.help === false && parsed.options).toMatchObject({ durationSeconds: 30, comments: undefined, concurrency: 50, orangeShare: 0.5, rate: 100, json: true });
  });

  it.each([
    [['--concurrency', '0'], /--concurrency must be a whole number from 1/],
    [['--orange', '1.5'], /--orange must be a number from 0 to 1/],
    [['--comments', 'many'], /--comments must be a whole number/],
    [['--url', 'ftp://x'], /--url must be an http\(s\) URL/],
    [['--url', 'not a url'], /--url must be a URL/],
    [['--bogus'], /Unknown option/],
  ])('parseOptions, when given %j, refuses it with a message', (argv, message) => {
    expect(() => parseOptions(argv)).toThrow(UsageError);
    expect(() => parseOptions(argv)).toThrow(message);
  });

  it('parseOptions, when asked for help, says so', () => {
    expect(parseOptions(['-h'])).toEqual({ help: true });
  });
});

describe('load test content', () => {
  it('isOrange, over many comments, marks exactly the requested share', () => {
    const orange = Array.from({ length: 1000 }, (_, n) => isOrange(n, 0.2)).filter(Boolean).length;

    expect(orange).toBe(200);
    expect(Array.from({ length: 10 }, (_, n) => isOrange(n, 0)).some(Boolean)).toBe(false);
    expect(Array.from({ length: 10 }, (_, n) => isOrange(n, 1)).every(Boolean)).toBe(true);
  });

  it('commentContent, for orange and plain comments, contains "orange" only in the orange ones', () => {
    for (let n = 0; n < 50; n++) {
      expect(/orange/i.test(commentContent('0af3b2c1', n, true))).toBe(true);
      expect(/orange/i.test(commentContent('0af3b2c1', n, false))).toBe(false);
    }
  });

  it('findCommentId, given the post\'s comments, finds the new one by its content', () => {
    const answer = JSON.stringify([
      { id: 'a', content: 'x', status: 'approved' },
      { id: 'b', content: 'mine', status: 'pending' },
    ]);

    expect(findCommentId(answer, 'mine')).toBe('b');
    expect(findCommentId(answer, 'absent')).toBeUndefined();
    expect(findCommentId('not json', 'mine')).toBeUndefined();
    expect(findCommentId('{"id":"b"}', 'mine')).toBeUndefined();
  });
});

describe('latency statistics', () => {
  it('percentile, over 1..100, gives the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);

    expect([percentile(values, 50), percentile(values, 95), percentile(values, 99), percentile(values, 100)]).toEqual([50, 95, 99, 100]);
    expect(percentile([], 50)).toBe(0);
  });

  it('summariseLatencies, given unsorted values, sorts them first', () => {
    expect(summariseLatencies([30, 10, 20])).toEqual({ count: 3, mean: 20, p50: 20, p95: 30, p99: 30, max: 30 });
  });
});
