import fs from 'node:fs';
import path from 'node:path';
import { environmentFor, repoRoot, serviceNames, serviceNodeOptions, type ServiceName } from '../src/stack';

const dockerfileOf = (name: ServiceName) => path.join(repoRoot, name === 'client' ? 'client' : `services/${name}`, 'Dockerfile');
const ports = Object.fromEntries(serviceNames.map((name, i) => [name, 5000 + i])) as Record<ServiceName, number>;

describe('the heap flags every service runs with', () => {
  test.each(serviceNames)('the %s image, when run, sets the same NODE_OPTIONS as npm start', (name) => {
    // Arrange
    const dockerfile = fs.readFileSync(dockerfileOf(name), 'utf8');
    // Act
    const fromImage = /NODE_OPTIONS="([^"]*)"/.exec(dockerfile)?.[1];
    // Assert
    expect(fromImage).toBe(serviceNodeOptions);
  });

  it('environmentFor, when the caller passes NODE_OPTIONS of its own, keeps the heap flags and puts the caller\'s after them, so they win', () => {
    // Act
    const env = environmentFor('comments', ports, { dataDir: '/tmp/x', env: { NODE_OPTIONS: '--max-semi-space-size=16' } });
    // Assert
    expect(env.NODE_OPTIONS).toBe(`${serviceNodeOptions} --max-semi-space-size=16`);
  });

  it('environmentFor, without NODE_OPTIONS from the caller, gives the heap flags alone', () => {
    expect(environmentFor('query', ports, { dataDir: '/tmp/x' }).NODE_OPTIONS).toBe(serviceNodeOptions);
  });
});
