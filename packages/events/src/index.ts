export * from './event-types';
export * from './errors';
export * from './bus-client';
export * from './tail';
export * from './projection';
export * from './subscriber';
