import { loadConfig, serviceConfigSchema } from '@blog/service-kit';

export const PostsConfigSchema = serviceConfigSchema(4000);
export const loadPostsConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(PostsConfigSchema, env);
