/** Buttons: one look for every action, an icon from lucide before the words, a spinner while it works. */
import type { LucideIcon } from 'lucide-react';
import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';
import { Spinner } from './Spinner.js';
import { Tooltip } from './Tooltip.js';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';
export type ButtonSize = 'sm' | 'md';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** An icon before the label. */
  icon?: LucideIcon;
  /** Shows a spinner instead of the icon and refuses clicks until it is over. */
  busy?: boolean;
  ref?: Ref<HTMLButtonElement>;
  children?: ReactNode;
}

function classes(variant: ButtonVariant, size: ButtonSize, extra: string | undefined, iconOnly = false) {
  return ['ui-button', `ui-button--${variant}`, `ui-button--${size}`, iconOnly && 'ui-button--icon', extra]
    .filter(Boolean)
    .join(' ');
}

export function Button({
  variant = 'secondary',
  size = 'md',
  icon: Icon,
  busy = false,
  type = 'button',
  className,
  children,
  disabled,
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      className={classes(variant, size, className)}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy ? <Spinner size={16} /> : Icon && <Icon size={16} aria-hidden="true" />}
      {children}
    </button>
  );
}

export interface IconButtonProps extends Omit<ButtonProps, 'children' | 'icon'> {
  icon: LucideIcon;
  /** The accessible name, also shown as a tooltip: an icon alone never explains itself. */
  label: string;
}

/** A square button showing only an icon; its label is its accessible name and its tooltip. */
export function IconButton({
  icon: Icon,
  label,
  variant = 'ghost',
  size = 'md',
  type = 'button',
  className,
  busy = false,
  disabled,
  ...rest
}: IconButtonProps) {
  return (
    <Tooltip content={label}>
      <button
        type={type}
        aria-label={label}
        className={classes(variant, size, className, true)}
        disabled={disabled || busy}
        aria-busy={busy || undefined}
        {...rest}
      >
        {busy ? <Spinner size={16} /> : <Icon size={size === 'sm' ? 16 : 18} aria-hidden="true" />}
      </button>
    </Tooltip>
  );
}
