// What awsx says of the lines it ignored in the AWS files (a duplicate key or section, a line that is not
// `key = value`, text before the first section, a nested line without `=`): one sentence per file, naming the
// first such line and how the AWS CLI reads the file. botocore refuses the whole file for any of them
// (ConfigParseError), so the AWS CLI reads none of it; awsx keeps going (docs/config-parsing.md (c)).
import type { FileWarning } from './load-config.js';
import { userLine } from './redact.js';

const AWS_CLI_READING = 'the AWS CLI refuses the whole file (Unable to parse config file)';

/** One line per file with ignored lines, without the `awsx: note:` or `awsx: warning:` in front. */
export function ignoredLinesNotes(warnings: readonly FileWarning[]): string[] {
  const byFile = new Map<string, FileWarning[]>();
  for (const w of warnings) byFile.set(w.file, [...(byFile.get(w.file) ?? []), w]);
  return [...byFile].map(([file, list]) => {
    const n = list.length;
    const first = list[0]!;
    const lines = `${n} ${n === 1 ? 'line' : 'lines'} in ${file} ${n === 1 ? 'was' : 'were'} ignored`;
    return userLine(`${lines} (first: line ${first.line}: ${first.message}); ${AWS_CLI_READING}`);
  });
}
