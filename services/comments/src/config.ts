import { configFields, loadConfig, serviceConfigSchema } from '@blog/service-kit';

export const CommentsConfigSchema = serviceConfigSchema(4001).extend({
  /** Where the bus pushes this service's subscribed events: its own (cluster) name, so one replica gets each. */
  SUBSCRIBER_URL: configFields.url('http://localhost:4001/events'),
  /** How long a comment on a not-yet-seen post waits for the log to catch up before 404. */
  POST_LOOKUP_WAIT_MS: configFields.positiveInt(3000),
});
export type CommentsConfig = ReturnType<typeof loadCommentsConfig>;
export const loadCommentsConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(CommentsConfigSchema, env);
