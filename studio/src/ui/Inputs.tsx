/**
 * Text inputs and selects with the kit's look. The select stays the browser's own element (a phone shows its
 * native picker, which is the best one there) with a drawn chevron instead of the platform's arrow (ui.css
 * gives every single select that chevron, so selects not yet made with the kit look the same).
 */
import type { InputHTMLAttributes, Ref, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

type Invalid = { invalid?: boolean };

function join(...names: (string | undefined | false)[]) {
  return names.filter(Boolean).join(' ');
}

export function TextInput({
  invalid,
  className,
  ...rest
}: InputHTMLAttributes<HTMLInputElement> & Invalid & { ref?: Ref<HTMLInputElement> }) {
  return (
    <input
      className={join('ui-input', className)}
      aria-invalid={invalid || rest['aria-invalid'] || undefined}
      {...rest}
    />
  );
}

export function TextArea({
  invalid,
  className,
  ...rest
}: TextareaHTMLAttributes<HTMLTextAreaElement> & Invalid & { ref?: Ref<HTMLTextAreaElement> }) {
  return (
    <textarea
      className={join('ui-input', 'ui-textarea', className)}
      aria-invalid={invalid || rest['aria-invalid'] || undefined}
      {...rest}
    />
  );
}

export function Select({
  invalid,
  className,
  children,
  ...rest
}: SelectHTMLAttributes<HTMLSelectElement> & Invalid & { ref?: Ref<HTMLSelectElement> }) {
  return (
    <select
      className={join('ui-input', 'ui-select', className)}
      aria-invalid={invalid || rest['aria-invalid'] || undefined}
      {...rest}
    >
      {children}
    </select>
  );
}
