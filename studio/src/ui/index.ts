/**
 * The studio's component kit — use these instead of bare `<button>`, `<select>` and hand-made popups.
 *
 * - Behaviour comes from Radix primitives (`radix-ui`): focus handling, keyboard use and ARIA are theirs, so a
 *   dialog traps focus, a menu answers arrow keys and type-ahead, Esc closes whatever is open.
 * - Icons are lucide (`lucide-react`), imported one by one so only the used ones ship.
 * - The look is ours, in `ui.css` (loaded by main.tsx after the pages' styles.css), from the design tokens in `tokens.css` (CSS custom properties): a spacing
 *   scale `--space-1…7` (4 px steps, then 24/32/48), a type scale `--text-xs…2xl`, radii, and colours named
 *   by role (`--color-text`, `--color-text-muted`, `--color-accent`, `--color-danger`, …) all at least 4.5:1
 *   against the surfaces they sit on (WCAG AA). Pages' own CSS should use the tokens, not literal values.
 * - Touch: on narrow screens or coarse pointers `--control-height` grows to 44 px, so every Button, IconButton,
 *   input and select is a 44 px target on a phone without each page asking for it.
 * - Text is never built in here: every label (an IconButton's, a dialog's close button's) is passed in by the
 *   caller from i18n.
 *
 * API: Button (variant primary | secondary | danger | ghost, size sm | md, icon, busy); IconButton (icon, label
 * — also the tooltip); Dialog, Drawer, ConfirmDialog (controlled by open / onOpenChange); Menu + MenuItem +
 * MenuSeparator + MenuLabel; Popover; Tooltip; Badge (tone) and Chip (onRemove); TextInput, TextArea, Select
 * (invalid); Spinner (label makes it announced); PageHeader (title, actions, children).
 */
export { Badge, Chip, type Tone } from './Badge.js';
export { Button, type ButtonProps, type ButtonSize, type ButtonVariant, IconButton } from './Button.js';
export { ConfirmDialog, Dialog, Drawer } from './Dialog.js';
export { Select, TextArea, TextInput } from './Inputs.js';
export { Menu, MenuItem, MenuLabel, MenuSeparator } from './Menu.js';
export { PageHeader } from './PageHeader.js';
export { Popover } from './Popover.js';
export { Spinner } from './Spinner.js';
export { Tooltip } from './Tooltip.js';
