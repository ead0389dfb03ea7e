/** Small labels: a Badge states something (a status, a count); a Chip is a value the user may remove. */
import { X } from 'lucide-react';
import type { ReactNode } from 'react';

export type Tone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger';

export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`ui-badge ui-badge--${tone}`}>{children}</span>;
}

export function Chip({
  children,
  onRemove,
  removeLabel,
}: {
  children: ReactNode;
  /** With it, the chip ends in a remove button named `removeLabel`. */
  onRemove?: () => void;
  removeLabel?: string;
}) {
  return (
    <span className="ui-chip">
      <span className="ui-chip__text">{children}</span>
      {onRemove && (
        <button type="button" className="ui-chip__remove" aria-label={removeLabel} onClick={onRemove}>
          <X size={14} aria-hidden="true" />
        </button>
      )}
    </span>
  );
}
