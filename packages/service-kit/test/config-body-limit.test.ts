import { ConfigError, createBaseApp, loadConfig, Readiness, serviceConfigSchema } from '@blog/service-kit';

/*
 * BODY_LIMIT goes straight to express.json(), which throws a TypeError for a
 * size it cannot parse when the app is built — after config loading, so the
 * service does not name the key, and with WORKERS > 1 the cluster primary
 * replaces the crashing worker forever.
 */
describe('loadConfig and BODY_LIMIT', () => {
  test('loadConfig, when BODY_LIMIT is not a size, refuses it with a ConfigError naming BODY_LIMIT', () => {
    // Arrange
    const env = { BODY_LIMIT: 'lots' };

    // Act
    const load = () => loadConfig(serviceConfigSchema(4000), env);

    // Assert
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/BODY_LIMIT/);
  });

  test.each(['16kb', '1mb', '512', '2 MB'])('loadConfig, when BODY_LIMIT is the size %p, accepts what express.json accepts', (limit) => {
    // Arrange
    const env = { BODY_LIMIT: limit };

    // Act
    const config = loadConfig(serviceConfigSchema(4000), env);

    // Assert
    expect(config.BODY_LIMIT).toBe(limit);
    expect(() => createBaseApp({ readiness: new Readiness(), bodyLimit: config.BODY_LIMIT })).not.toThrow();
  });
});
