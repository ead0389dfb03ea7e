/**
 * The migration report: every item of the Salesforce project, mapped as it was, approximated (and how) or
 * skipped (and why), with counts per kind. Written as `migration-report.json` for tools and
 * `migration-report.md` for people.
 */
export type ItemStatus = 'mapped' | 'approximated' | 'skipped';

export interface ReportItem {
  /** `object`, `field`, `validation rule`, `layout`… */
  kind: string;
  /** The Salesforce name: `Account.Foo__c`, `ServiceDelivery__c`, `Account-Household Layout`. */
  source: string;
  status: ItemStatus;
  /** What it became: `account.foo`, `layout:service_delivery_layout`. */
  target?: string;
  /** How it was approximated, or why it was skipped. */
  note?: string;
}

export interface ReportCounts {
  mapped: number;
  approximated: number;
  skipped: number;
}

export interface MigrationReport {
  project: string;
  package: string;
  items: ReportItem[];
  /** Per kind, and `total`. */
  counts: Record<string, ReportCounts>;
}

export class ReportBuilder {
  private readonly items: ReportItem[] = [];

  add(item: ReportItem): void {
    this.items.push(item);
  }

  mapped(kind: string, source: string, target: string, note?: string): void {
    this.add({ kind, source, status: 'mapped', target, ...(note ? { note } : {}) });
  }

  approximated(kind: string, source: string, target: string, note: string): void {
    this.add({ kind, source, status: 'approximated', target, note });
  }

  skipped(kind: string, source: string, note: string): void {
    this.add({ kind, source, status: 'skipped', note });
  }

  /**
   * An item converted earlier that a later check refused: it becomes skipped with the reason. Every item
   * is counted once, in its final state.
   */
  drop(kind: string, target: string, note: string): void {
    const item = this.items.find((i) => i.kind === kind && i.target === target && i.status !== 'skipped');
    if (!item) return;
    item.note =
      item.status === 'approximated' && item.note ? `${note} (converted first as: ${item.note})` : note;
    item.status = 'skipped';
    delete item.target;
  }

  /** A converted item that lost a part: approximated, with what it lost. */
  approximate(kind: string, target: string, note: string): void {
    const item = this.items.find((i) => i.kind === kind && i.target === target && i.status !== 'skipped');
    if (!item) return;
    item.note = item.status === 'approximated' && item.note ? `${item.note}; ${note}` : note;
    item.status = 'approximated';
  }

  /** Whether a converted item is still in (not dropped). */
  has(kind: string, target: string): boolean {
    return this.items.some((i) => i.kind === kind && i.target === target && i.status !== 'skipped');
  }

  build(project: string, packageName: string): MigrationReport {
    const counts: Record<string, ReportCounts> = {};
    const total: ReportCounts = { mapped: 0, approximated: 0, skipped: 0 };
    for (const item of this.items) {
      counts[item.kind] ??= { mapped: 0, approximated: 0, skipped: 0 };
      (counts[item.kind] as ReportCounts)[item.status]++;
      total[item.status]++;
    }
    const sorted = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
    return { project, package: packageName, items: [...this.items], counts: { ...sorted, total } };
  }
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function reportMarkdown(report: MigrationReport): string {
  const lines = [
    `# Migration report: ${report.project} → ${report.package}`,
    '',
    'Every item of the Salesforce project: **mapped** as it was, **approximated** (how) or **skipped** (why).',
    '',
    '| kind | mapped | approximated | skipped |',
    '| --- | ---: | ---: | ---: |',
    ...Object.entries(report.counts).map(
      ([kind, c]) =>
        `| ${kind === 'total' ? '**total**' : kind} | ${c.mapped} | ${c.approximated} | ${c.skipped} |`,
    ),
  ];
  for (const status of ['approximated', 'skipped', 'mapped'] as const) {
    const items = report.items.filter((i) => i.status === status);
    if (!items.length) continue;
    lines.push('', `## ${status[0]?.toUpperCase()}${status.slice(1)} (${items.length})`, '');
    lines.push(
      status === 'skipped' ? '| kind | Salesforce | why |' : '| kind | Salesforce | Tessera | note |',
      status === 'skipped' ? '| --- | --- | --- |' : '| --- | --- | --- | --- |',
    );
    for (const i of items)
      lines.push(
        status === 'skipped'
          ? `| ${i.kind} | ${cell(i.source)} | ${cell(i.note ?? '')} |`
          : `| ${i.kind} | ${cell(i.source)} | ${cell(i.target ?? '')} | ${cell(i.note ?? '')} |`,
      );
  }
  return `${lines.join('\n')}\n`;
}
