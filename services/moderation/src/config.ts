import { configFields, loadConfig, serviceConfigSchema } from '@blog/service-kit';

export const ModerationConfigSchema = serviceConfigSchema(4003).extend({
  /** Where the bus pushes CommentCreated events to this service. */
  SUBSCRIBER_URL: configFields.url('http://localhost:4003/events'),
});
export const loadModerationConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(ModerationConfigSchema, env);
