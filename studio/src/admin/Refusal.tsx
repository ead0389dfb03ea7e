/** The server's refusal of a metadata change: its message, and each entry with where it points. */
import type { ApiError } from '../api/client.js';

export function Refusal({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <div className="form-error" role="alert">
      <p>{error.message}</p>
      {error.errors.length > 0 && (
        <ul>
          {error.errors.map((e) => (
            <li key={`${e.field}-${e.code}`} data-code={e.code}>
              {e.field ? <code>{e.field}</code> : null} {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
