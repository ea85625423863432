export type { Config, ConfigKey, ReceiverConfig } from './config-type.ts';
export { type ConfigDefaults, type LoadConfigResult, loadConfig } from './load-config.ts';
export { NOTIFICATION_REASONS } from './notifications-schema.ts';
export { leaseTimingsOf, operatorSettingsOf, readLimitsOf } from './runtime-settings.ts';
export { CONFIG_SCHEMA } from './schema.ts';
export { describeSource, SETTING_SOURCES, type SettingSource } from './sources.ts';
