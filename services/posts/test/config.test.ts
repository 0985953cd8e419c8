import { ConfigError } from '@blog/service-kit';
import { loadPostsConfig } from '../src/config';

describe('posts config', () => {
  test('loadPostsConfig, when nothing is set, listens on the course port 4000 and talks to the local bus', () => {
    // Arrange
    const env = {};

    // Act
    const config = loadPostsConfig(env);

    // Assert
    expect(config).toMatchObject({ PORT: 4000, EVENT_BUS_URL: 'http://localhost:4005', WORKERS: 1 });
  });

  test('loadPostsConfig, when PORT is not a port, refuses to start and names PORT', () => {
    // Arrange
    const env = { PORT: 'http' };

    // Act
    const load = () => loadPostsConfig(env);

    // Assert
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/PORT/);
  });
});
