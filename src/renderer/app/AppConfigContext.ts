import { createContext, useContext } from 'react';
import { DEFAULT_APP_CONFIG, type AppConfig } from './appConfigSchema.ts';

// Defaults when no provider is mounted, so screens rendered on their own behave like a deployment
// without config.json.
export const AppConfigContext = createContext<AppConfig>(DEFAULT_APP_CONFIG);

export function useAppConfig(): AppConfig {
  return useContext(AppConfigContext);
}
