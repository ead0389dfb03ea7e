/**
 * Salesforce auto-number display formats (`INV-{YYYY}-{0000}`) as Tessera formats. Both have one zero-padded
 * counter and date parts `{YYYY} {YY} {MM} {DD}`; a format with no counter gets one appended.
 */
export function autonumberFormat(displayFormat: string | undefined): { format: string; note?: string } {
  const given = displayFormat ?? '{0}';
  const counters = given.match(/\{0+\}/g) ?? [];
  const unknown = (given.match(/\{[^}]*\}/g) ?? []).filter((p) => !/^\{(0+|YYYY|YY|MM|DD)\}$/.test(p));
  let format = given.replace(/\{[^}]*\}/g, (p) => (unknown.includes(p) ? '' : p));
  let note: string | undefined;
  if (unknown.length)
    note = `left out ${unknown.join(', ')} (Tessera formats have {YYYY} {YY} {MM} {DD} and a counter)`;
  if (counters.length === 0) {
    format = `${format}{0}`;
    note = `${note ? `${note}; ` : ''}no counter in "${given}": one appended`;
  }
  if (format.length > 64) {
    format = `${format.slice(0, 60 - (counters[0]?.length ?? 3))}${counters[0] ?? '{0}'}`;
    note = `${note ? `${note}; ` : ''}shortened to 64 characters`;
  }
  return note ? { format, note } : { format };
}
