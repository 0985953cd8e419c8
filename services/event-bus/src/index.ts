import { runService } from '@blog/service-kit';
import { createBus } from './bus';
import { loadBusConfig } from './config';

runService('event-bus', loadBusConfig, (config, logger) => createBus(config, logger));
