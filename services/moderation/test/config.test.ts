import { ConfigError } from '@blog/service-kit';
import { loadModerationConfig } from '../src/config';

describe('moderation config', () => {
  test('loadModerationConfig, when nothing is set, listens on the course port 4003 and has the bus push to itself there', () => {
    // Arrange
    const env = {};

    // Act
    const config = loadModerationConfig(env);

    // Assert
    expect(config).toMatchObject({ PORT: 4003, EVENT_BUS_URL: 'http://localhost:4005', SUBSCRIBER_URL: 'http://localhost:4003/events' });
  });

  test('loadModerationConfig, when the subscriber URL is not http, refuses it and names it', () => {
    // Arrange
    const env = { SUBSCRIBER_URL: 'ftp://moderation/events' };

    // Act
    const load = () => loadModerationConfig(env);

    // Assert
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/SUBSCRIBER_URL/);
  });
});
