/**
 * A page's title and its actions on one line: the title is cut with an ellipsis rather than wrapped, and on a
 * narrow screen the actions move under it instead of off the edge.
 */
import type { ReactNode } from 'react';

export function PageHeader({
  title,
  actions,
  children,
}: {
  title: ReactNode;
  /** Buttons for the whole page (New, Edit, a menu of more). */
  actions?: ReactNode;
  /** What stands under the title line: highlights, a filter bar. */
  children?: ReactNode;
}) {
  return (
    <div className="ui-page-header">
      <div className="ui-page-header__line">
        <h1 className="ui-page-header__title">{title}</h1>
        {actions && <div className="ui-page-header__actions">{actions}</div>}
      </div>
      {children}
    </div>
  );
}
