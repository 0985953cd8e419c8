/**
 * The publish baseline: a bare Express 5 JSON route that answers 201 with the
 * body it got. Same body parser and limit as the services, no validation, no
 * disk, no logging: what one Express process can do before the bus adds work.
 * Run as its own process (`node echo-server.js`, PORT from the environment).
 */
import express from 'express';

const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '64kb' }));
app.get('/readyz', (_req, res) => {
  res.json({ status: 'ready' });
});
app.post('/events', (req, res) => {
  res.status(201).json(req.body);
});

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
