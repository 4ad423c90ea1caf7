import { catalogue } from '@tessera/components';
import { migrateApp, type SchemaIssue, validateApp } from '@tessera/schema';
import { parseOptions, UsageError } from './cli';
import { loadApp } from './load-app';
import { type CliIO, line } from './output';

export interface FileReport {
  file: string;
  valid: boolean;
  /** Set when the file was written for an older schemaVersion and checked after migrating it. */
  migratedFrom?: number;
  errors: SchemaIssue[];
}

export async function validateFile(path: string): Promise<FileReport> {
  const loaded = await loadApp(path);
  if (!loaded.ok)
    return { file: loaded.file, valid: false, errors: [{ pointer: '', message: loaded.message }] };
  const migrated = migrateApp(loaded.app);
  const result = validateApp(migrated.app, { catalogue });
  const report: FileReport = { file: loaded.file, valid: result.valid, errors: result.errors };
  if (migrated.from !== migrated.to) report.migratedFrom = migrated.from;
  return report;
}

export async function validateCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
  });
  if (positionals.length === 0) throw new UsageError('name at least one app.json or app folder');

  const reports: FileReport[] = [];
  for (const path of positionals) reports.push(await validateFile(path));

  if (values.json) {
    line(io.stdout, JSON.stringify(reports, null, 2));
  } else {
    for (const report of reports) printReport(report, io);
    const invalid = reports.filter((report) => !report.valid).length;
    if (reports.length > 1) line(io.stdout, `${reports.length - invalid} valid, ${invalid} invalid`);
  }
  return reports.every((report) => report.valid) ? 0 : 1;
}

function printReport(report: FileReport, io: CliIO): void {
  const note =
    report.migratedFrom === undefined
      ? ''
      : ` (checked after migrating from schemaVersion ${report.migratedFrom})`;
  if (report.valid) {
    line(io.stdout, `${report.file}: valid${note}`);
    return;
  }
  const count = report.errors.length;
  line(io.stderr, `${report.file}: ${count} ${count === 1 ? 'problem' : 'problems'}${note}`);
  for (const error of report.errors) {
    line(io.stderr, `  ${error.pointer === '' ? '(document)' : error.pointer}: ${error.message}`);
  }
}
