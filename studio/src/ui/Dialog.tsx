/**
 * Modal surfaces on Radix Dialog (focus kept inside, Esc closes, the page behind is inert): a centred dialog,
 * a confirmation that asks before something is lost, and a drawer sliding in from the side (the phone menu).
 */
import { X } from 'lucide-react';
import { AlertDialog as A, Dialog as D } from 'radix-ui';
import type { ReactNode } from 'react';
import { Button } from './Button.js';

interface ModalProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  /** A sentence under the title; read out when the dialog opens. */
  description?: ReactNode;
  /** The label of the close button (an icon); i18n is the caller's. */
  closeLabel: string;
  children?: ReactNode;
  /** Buttons at the bottom, right-aligned. */
  footer?: ReactNode;
}

/** A dialog's or drawer's title with its close button. */
function PanelHead({ title, closeLabel }: Pick<ModalProps, 'title' | 'closeLabel'>) {
  return (
    <div className="ui-dialog__head">
      <D.Title className="ui-dialog__title">{title}</D.Title>
      <D.Close asChild>
        <button
          type="button"
          className="ui-button ui-button--ghost ui-button--md ui-button--icon"
          aria-label={closeLabel}
        >
          <X size={18} aria-hidden="true" />
        </button>
      </D.Close>
    </div>
  );
}

export function Dialog({ open, onOpenChange, title, description, closeLabel, children, footer }: ModalProps) {
  return (
    <D.Root open={open} onOpenChange={onOpenChange}>
      <D.Portal>
        <D.Overlay className="ui-overlay" />
        <D.Content className="ui-dialog" {...(description ? {} : { 'aria-describedby': undefined })}>
          <PanelHead title={title} closeLabel={closeLabel} />
          {description && <D.Description className="ui-dialog__description">{description}</D.Description>}
          {children}
          {footer && <div className="ui-dialog__footer">{footer}</div>}
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}

interface DrawerProps extends Omit<ModalProps, 'footer' | 'description'> {
  side?: 'left' | 'right';
}

/** A full-height panel from the side of the screen, over the page: the navigation on a phone. */
export function Drawer({ open, onOpenChange, title, closeLabel, children, side = 'left' }: DrawerProps) {
  return (
    <D.Root open={open} onOpenChange={onOpenChange}>
      <D.Portal>
        <D.Overlay className="ui-overlay" />
        <D.Content className={`ui-drawer ui-drawer--${side}`} aria-describedby={undefined}>
          <PanelHead title={title} closeLabel={closeLabel} />
          {children}
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}

interface ConfirmProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description?: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** A destructive action gets the danger colour. */
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  /** Shown under the question, e.g. the server's refusal. */
  children?: ReactNode;
}

/** Asks before an action that cannot be undone; focus starts on Cancel, the safe choice. */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  cancelLabel,
  danger = false,
  busy = false,
  onConfirm,
  children,
}: ConfirmProps) {
  return (
    <A.Root open={open} onOpenChange={onOpenChange}>
      <A.Portal>
        <A.Overlay className="ui-overlay" />
        <A.Content className="ui-dialog" {...(description ? {} : { 'aria-describedby': undefined })}>
          <A.Title className="ui-dialog__title">{title}</A.Title>
          {description && <A.Description className="ui-dialog__description">{description}</A.Description>}
          {children}
          <div className="ui-dialog__footer">
            <A.Cancel asChild>
              <Button>{cancelLabel}</Button>
            </A.Cancel>
            {/* Not A.Action: that would close the dialog before the work is done (and its refusal shown). */}
            <Button variant={danger ? 'danger' : 'primary'} busy={busy} onClick={onConfirm}>
              {confirmLabel}
            </Button>
          </div>
        </A.Content>
      </A.Portal>
    </A.Root>
  );
}
