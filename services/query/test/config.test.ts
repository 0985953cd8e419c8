import { ConfigError } from '@blog/service-kit';
import { loadQueryConfig } from '../src/config';

describe('query config', () => {
  test('loadQueryConfig, when nothing is set, listens on the course port 4002 and talks to the local bus', () => {
    // Arrange
    const env = {};

    // Act
    const config = loadQueryConfig(env);

    // Assert
    expect(config).toMatchObject({ PORT: 4002, EVENT_BUS_URL: 'http://localhost:4005', WORKERS: 1 });
  });

  test('loadQueryConfig, when PORT is not a port, refuses to start and names PORT', () => {
    // Arrange
    const env = { PORT: 'http' };

    // Act
    const load = () => loadQueryConfig(env);

    // Assert
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/PORT/);
  });
});
