/** A menu of actions behind a button (Radix DropdownMenu: arrow keys, type-ahead, Esc). */
import type { LucideIcon } from 'lucide-react';
import { DropdownMenu as M } from 'radix-ui';
import type { ReactElement, ReactNode } from 'react';

export function Menu({
  trigger,
  children,
  align = 'end',
}: {
  /** The button that opens the menu (e.g. an IconButton). */
  trigger: ReactElement;
  children: ReactNode;
  align?: 'start' | 'end';
}) {
  return (
    <M.Root modal={false}>
      <M.Trigger asChild>{trigger}</M.Trigger>
      <M.Portal>
        <M.Content className="ui-menu" align={align} sideOffset={4}>
          {children}
        </M.Content>
      </M.Portal>
    </M.Root>
  );
}

export function MenuItem({
  icon: Icon,
  onSelect,
  danger = false,
  disabled = false,
  children,
}: {
  icon?: LucideIcon;
  onSelect: () => void;
  danger?: boolean;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <M.Item
      className={danger ? 'ui-menu__item ui-menu__item--danger' : 'ui-menu__item'}
      onSelect={onSelect}
      disabled={disabled}
    >
      {Icon && <Icon size={16} aria-hidden="true" />}
      {children}
    </M.Item>
  );
}

export function MenuSeparator() {
  return <M.Separator className="ui-menu__separator" />;
}

export function MenuLabel({ children }: { children: ReactNode }) {
  return <M.Label className="ui-menu__label">{children}</M.Label>;
}
