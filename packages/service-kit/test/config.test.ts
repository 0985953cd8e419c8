import { z } from 'zod';
import { ConfigError, configFields, loadConfig, serviceConfigSchema } from '@blog/service-kit';

const schema = serviceConfigSchema(4000);

function configErrorOf(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError, but the config loaded');
}

describe('loadConfig', () => {
  test('loadConfig, when the environment sets nothing, gives the defaults that run the local stack', () => {
    // Arrange
    const env = {};

    // Act
    const config = loadConfig(schema, env);

    // Assert
    expect(config).toEqual({ PORT: 4000, EVENT_BUS_URL: 'http://localhost:4005', LOG_LEVEL: 'info', WORKERS: 1, BODY_LIMIT: '16kb' });
  });

  test('loadConfig, when values are set as strings, coerces the numbers and keeps the rest', () => {
    // Arrange
    const env = { PORT: '4100', EVENT_BUS_URL: 'http://event-bus:4005', LOG_LEVEL: 'debug', WORKERS: '3', BODY_LIMIT: '1mb' };

    // Act
    const config = loadConfig(schema, env);

    // Assert
    expect(config).toEqual({ PORT: 4100, EVENT_BUS_URL: 'http://event-bus:4005', LOG_LEVEL: 'debug', WORKERS: 3, BODY_LIMIT: '1mb' });
  });

  test('loadConfig, when the environment holds keys it does not know, ignores them', () => {
    // Arrange
    const env = { HOME: '/home/node', PATH: '/usr/bin' };

    // Act
    const config = loadConfig(schema, env);

    // Assert
    expect(config).not.toHaveProperty('HOME');
    expect(config.PORT).toBe(4000);
  });

  test('loadConfig, when several keys are bad, names every one of them in a single ConfigError', () => {
    // Arrange
    const env = { PORT: 'eighty', EVENT_BUS_URL: 'ftp://bus:21', LOG_LEVEL: 'loud', WORKERS: '0' };

    // Act
    const error = configErrorOf(() => loadConfig(schema, env));

    // Assert
    for (const key of ['PORT', 'EVENT_BUS_URL', 'LOG_LEVEL', 'WORKERS']) expect(error.message).toContain(key);
  });

  test.each([
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '4000.5'],
    ['EVENT_BUS_URL', 'not a url'],
    ['WORKERS', '65'],
  ])('loadConfig, when %s is %p, refuses it and names the key', (key, value) => {
    // Arrange
    const env = { [key]: value };

    // Act
    const error = configErrorOf(() => loadConfig(schema, env));

    // Assert
    expect(error.message).toContain(key);
  });

  test('loadConfig, when a service extends the schema, checks and defaults its own keys too', () => {
    // Arrange
    const extended = schema.extend({ SUBSCRIBER_URL: configFields.url('http://localhost:4001/events'), WAIT_MS: configFields.positiveInt(3000) });

    // Act
    const defaults = loadConfig(extended, {});
    const error = configErrorOf(() => loadConfig(extended, { SUBSCRIBER_URL: 'mailto:me', WAIT_MS: '0' }));

    // Assert
    expect(defaults).toMatchObject({ SUBSCRIBER_URL: 'http://localhost:4001/events', WAIT_MS: 3000 });
    expect(error.message).toContain('SUBSCRIBER_URL');
    expect(error.message).toContain('WAIT_MS');
  });

  test('loadConfig, when a key is set but empty (compose with an unset variable), uses its default', () => {
    // Arrange
    const schema = serviceConfigSchema(4001);

    // Act
    const config = loadConfig(schema, { PORT: '', LOG_LEVEL: '' });

    // Assert
    expect(config.PORT).toBe(4001);
    expect(config.LOG_LEVEL).toBe('info');
  });

  test('loadConfig, when given no environment, reads process.env', () => {
    // Arrange
    const own = z.object({ BLOG_TEST_MARKER: z.string() });
    process.env.BLOG_TEST_MARKER = 'from process.env';

    // Act
    const config = loadConfig(own);

    // Assert
    expect(config.BLOG_TEST_MARKER).toBe('from process.env');
    delete process.env.BLOG_TEST_MARKER;
  });
});
