/**
 * Stack-wide settings the dynamic-provider host hands to `configure`: `aws:region` and
 * `aws:profile`, honoured as pulumi-aws users expect. They live for the host process.
 */

/** What `configure` learned from the stack config. */
export interface ProviderSettings {
  readonly region?: string;
  readonly profile?: string;
}

/** The part of Pulumi's `configure` request this package reads. */
export interface StackConfig {
  get(key: string): string | undefined;
}

let settings: ProviderSettings = {};

/** Records the stack's `aws:region` and `aws:profile`. */
export function applyStackConfig(config: StackConfig): void {
  settings = { region: config.get("aws:region"), profile: config.get("aws:profile") };
}

/** The settings in force. */
export function currentSettings(): ProviderSettings {
  return settings;
}

/** The region used when a resource gives none: stack config, then `AWS_REGION`, then `AWS_DEFAULT_REGION`. */
export function defaultRegion(): string | undefined {
  return settings.region || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || undefined;
}
