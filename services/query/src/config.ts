import { loadConfig, serviceConfigSchema } from '@blog/service-kit';

export const QueryConfigSchema = serviceConfigSchema(4002);
export const loadQueryConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(QueryConfigSchema, env);
