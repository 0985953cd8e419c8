import { Agent, request } from 'undici';

/** A keep-alive client with enough connections for the load it drives. */
export function loadAgent(connections: number): Agent {
  return new Agent({ connections, pipelining: 1, keepAliveTimeout: 30_000, headersTimeout: 30_000, bodyTimeout: 30_000 });
}

export interface Answer {
  status: number;
  text: string;
}

/** POSTs JSON and reads the whole answer. */
export async function postJson(agent: Agent, url: string, body: string): Promise<Answer> {
  const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, dispatcher: agent });
  return { status: response.statusCode, text: await response.body.text() };
}

/** PUTs JSON and reads the whole answer. */
export async function putJson(agent: Agent, url: string, body: string): Promise<Answer> {
  const response = await request(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body, dispatcher: agent });
  return { status: response.statusCode, text: await response.body.text() };
}

/** GETs JSON; throws when the answer is not 200. */
export async function getJson<T>(agent: Agent, url: string): Promise<T> {
  const response = await request(url, { method: 'GET', dispatcher: agent });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`GET ${url} answered ${response.statusCode}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}
