import express from 'express';
import request from 'supertest';
import { Readiness, healthRoutes } from '@blog/service-kit';

function appWith(readiness: Readiness, details?: () => object) {
  const app = express();
  app.use(healthRoutes(readiness, details));
  return app;
}

describe('Readiness', () => {
  test('Readiness, when marked broken, fails /healthz and /readyz with the reason, even if marked ready again', async () => {
    // Arrange
    const readiness = new Readiness();
    readiness.markReady();

    // Act
    readiness.markBroken('event log writer failed');
    readiness.markReady();

    // Assert
    const alive = await request(appWith(readiness)).get('/healthz');
    const ready = await request(appWith(readiness)).get('/readyz');
    expect([alive.status, ready.status]).toEqual([503, 503]);
    expect(alive.body).toEqual({ status: 'event log writer failed' });
  });

  test('Readiness, when just created, is not ready and says it is starting', () => {
    // Arrange
    const readiness = new Readiness();

    // Act
    const state = { isReady: readiness.isReady, status: readiness.status };

    // Assert
    expect(state).toEqual({ isReady: false, status: 'starting' });
  });

  test('Readiness, when marked ready, is ready', () => {
    // Arrange
    const readiness = new Readiness();

    // Act
    readiness.markReady();

    // Assert
    expect(readiness.isReady).toBe(true);
    expect(readiness.status).toBe('ready');
  });

  test('Readiness, when marked not ready with a reason, reports that reason', () => {
    // Arrange
    const readiness = new Readiness();
    readiness.markReady();

    // Act
    readiness.markNotReady('event log unreachable');

    // Assert
    expect(readiness.isReady).toBe(false);
    expect(readiness.status).toBe('event log unreachable');
  });

  test('Readiness, when draining, stays not ready even if marked ready again', () => {
    // Arrange
    const readiness = new Readiness();
    readiness.markReady();

    // Act
    readiness.markDraining();
    readiness.markReady();

    // Assert
    expect(readiness.isReady).toBe(false);
    expect(readiness.status).toBe('shutting down');
  });
});

describe('healthRoutes', () => {
  test('GET /healthz, when the service is not ready yet, still answers 200 because the process is alive', async () => {
    // Arrange
    const app = appWith(new Readiness());

    // Act
    const response = await request(app).get('/healthz');

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  test('GET /readyz, when the service is starting, answers 503 with its status', async () => {
    // Arrange
    const app = appWith(new Readiness());

    // Act
    const response = await request(app).get('/readyz');

    // Assert
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ status: 'starting' });
  });

  test('GET /readyz, when the service is ready, answers 200 with the details it is given', async () => {
    // Arrange
    const readiness = new Readiness();
    readiness.markReady();
    const app = appWith(readiness, () => ({ lastSeq: 42 }));

    // Act
    const response = await request(app).get('/readyz');

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ready', lastSeq: 42 });
  });

  test('GET /readyz, when the service is draining, answers 503 shutting down', async () => {
    // Arrange
    const readiness = new Readiness();
    readiness.markReady();
    readiness.markDraining();
    const app = appWith(readiness);

    // Act
    const response = await request(app).get('/readyz');

    // Assert
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ status: 'shutting down' });
  });
});
