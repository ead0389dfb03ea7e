/** A turning ring for work in progress; with a label it is announced, without one it is decoration. */
import { LoaderCircle } from 'lucide-react';

export function Spinner({ size = 20, label }: { size?: number; label?: string }) {
  if (!label) return <LoaderCircle className="ui-spinner" size={size} aria-hidden="true" />;
  return (
    <span role="status" className="ui-spinner-status">
      <LoaderCircle className="ui-spinner" size={size} aria-hidden="true" />
      <span className="ui-visually-hidden">{label}</span>
    </span>
  );
}
