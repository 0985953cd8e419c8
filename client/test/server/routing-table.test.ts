/** @jest-environment node */
import { compileRoutingTable, loadRoutingTable, RoutingTableSchema } from '../../server/routing-table';

describe('routing table', () => {
  const table = loadRoutingTable();
  const router = compileRoutingTable(table);

  it('infra/routing-table.json, when loaded, has samples to check', () => {
    // Arrange, Act, Assert
    expect(table.samples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(table.samples.map((sample) => [sample.method, sample.path, sample.service] as const))(
    'serviceFor, given %s %s, answers %s',
    (_method, samplePath, service) => {
      // Arrange (the table), Act
      const answer = router.serviceFor(samplePath);

      // Assert
      expect(answer).toBe(service);
    },
  );

  it.each([
    ['/posts/create', 'posts'],
    ['/posts/abc/comments', 'comments'],
    ['/posts/abc', 'query'],
    ['/posts', 'query'],
    ['/posts/stream', 'query'],
    ['/events', 'client'],
    ['/subscriptions/moderation', 'client'],
    ['/', 'client'],
  ])('serviceFor, given the course path %s, answers %s', (samplePath, service) => {
    // Arrange (the table), Act, Assert
    expect(router.serviceFor(samplePath)).toBe(service);
  });

  it('compileRoutingTable, when two routes match, takes the first one in the table', () => {
    // Arrange
    const ordered = compileRoutingTable(
      RoutingTableSchema.parse({ routes: [{ match: '^/a/b', service: 'first' }, { match: '^/a', service: 'second' }], fallback: 'app' }),
    );

    // Act, Assert
    expect([ordered.serviceFor('/a/b'), ordered.serviceFor('/a/c'), ordered.serviceFor('/z')]).toEqual(['first', 'second', 'app']);
  });

  it('RoutingTableSchema, when a route is not a valid regular expression, refuses the table', () => {
    // Arrange
    const broken = { routes: [{ match: '^/posts(', service: 'query' }], fallback: 'client' };

    // Act
    const result = RoutingTableSchema.safeParse(broken);

    // Assert
    expect(result.success).toBe(false);
  });

  it('the routing table, by construction, names no event bus', () => {
    // Arrange, Act
    const services = [...router.upstreamServices, router.fallback];

    // Assert
    expect(services).not.toContain('event-bus');
  });
});
