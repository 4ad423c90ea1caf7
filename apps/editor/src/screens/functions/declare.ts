import { useCallback } from 'react';
import { ApiError, api, path } from '../../app/api';
import { type AppDetail, useCurrentApp } from '../../app/app-context';

/**
 * After a deploy, makes sure the app schema declares the function (`functions.<name>`), which
 * callFunction actions and function queries are checked against. Saves the draft on top of the
 * newest version; when someone saved in between (409) it reads the draft again and retries once.
 */
export function useDeclareFunction(): (name: string, description?: string) => Promise<void> {
  const { app } = useCurrentApp();
  const appId = app.data?.id;
  const reload = app.reload;
  return useCallback(
    async (name, description) => {
      if (!appId) return;
      for (let attempt = 0; attempt < 2; attempt++) {
        const current = await api.get<AppDetail>(path('/api/apps/:appId', { appId }));
        const functions = (current.schema.functions ?? {}) as Record<string, unknown>;
        if (functions[name]) return;
        const schema = {
          ...current.schema,
          functions: { ...functions, [name]: description ? { description } : {} },
        };
        try {
          await api.put(
            `${path('/api/apps/:appId/draft', { appId })}?baseVersion=${current.version}`,
            schema,
          );
          reload();
          return;
        } catch (error) {
          if (!(error instanceof ApiError && error.status === 409) || attempt === 1) throw error;
        }
      }
    },
    [appId, reload],
  );
}
