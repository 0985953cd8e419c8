import { ConfigError } from '@blog/service-kit';
import { loadCommentsConfig } from '../src/config';

describe('comments config', () => {
  test('loadCommentsConfig, when nothing is set, listens on the course port 4001 and has the bus push to itself there', () => {
    // Arrange
    const env = {};

    // Act
    const config = loadCommentsConfig(env);

    // Assert
    expect(config).toMatchObject({
      PORT: 4001,
      EVENT_BUS_URL: 'http://localhost:4005',
      SUBSCRIBER_URL: 'http://localhost:4001/events',
      POST_LOOKUP_WAIT_MS: 3000,
    });
  });

  test('loadCommentsConfig, when the subscriber URL and the wait are bad, names both', () => {
    // Arrange
    const env = { SUBSCRIBER_URL: 'comments:4001', POST_LOOKUP_WAIT_MS: '-5' };

    // Act
    const load = () => loadCommentsConfig(env);

    // Assert
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/SUBSCRIBER_URL[\s\S]*POST_LOOKUP_WAIT_MS|POST_LOOKUP_WAIT_MS[\s\S]*SUBSCRIBER_URL/);
  });
});
