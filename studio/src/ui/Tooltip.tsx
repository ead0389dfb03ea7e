/** A short hint on hover or focus. Each tooltip brings its own provider, so no app-wide wrapper is needed. */
import { Tooltip as T } from 'radix-ui';
import type { ReactElement, ReactNode } from 'react';

export function Tooltip({ content, children }: { content: ReactNode; children: ReactElement }) {
  return (
    <T.Provider delayDuration={400}>
      <T.Root>
        <T.Trigger asChild>{children}</T.Trigger>
        <T.Portal>
          <T.Content className="ui-tooltip" sideOffset={4}>
            {content}
          </T.Content>
        </T.Portal>
      </T.Root>
    </T.Provider>
  );
}
