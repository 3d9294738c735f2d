export { AppConfig, loadConfig, RedisNode } from './app-config';
export { ConfigError, Environment, validateEnvironment } from './env';
export { ConfigModule } from './config.module';
export { readJsonDirectory } from './json-directory';
