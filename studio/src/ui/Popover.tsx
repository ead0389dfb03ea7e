/** A small panel anchored to a button, for a choice or a form that belongs to it (Radix Popover). */
import { Popover as P } from 'radix-ui';
import type { ReactElement, ReactNode } from 'react';

export function Popover({
  trigger,
  children,
  label,
  align = 'start',
  open,
  onOpenChange,
}: {
  trigger: ReactElement;
  children: ReactNode;
  /** The panel's accessible name. */
  label: string;
  align?: 'start' | 'center' | 'end';
  /** Controlled use: pass both, e.g. to close the panel once its form is saved. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}) {
  return (
    <P.Root {...(open === undefined ? {} : { open })} {...(onOpenChange ? { onOpenChange } : {})}>
      <P.Trigger asChild>{trigger}</P.Trigger>
      <P.Portal>
        <P.Content className="ui-popover" align={align} sideOffset={4} aria-label={label}>
          {children}
        </P.Content>
      </P.Portal>
    </P.Root>
  );
}
