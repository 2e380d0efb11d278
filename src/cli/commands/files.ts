import { toWireFile, type FileObject } from '../../api/index.js';
import { formatBytes } from '../../ui/format/numbers.js';
import { localDateTime } from '../../ui/format/time.js';
import { connectCommand } from '../connect.js';
import { confirmed } from '../output/ask.js';
import type { ParsedCommand } from '../framework/spec.js';
import { writeJson } from '../output/json.js';
import { jsonOutput } from '../options.js';
import { renderTable } from '../output/table.js';
import { terminalWidth } from '../output/terminal.js';

/** `fizz-batch files`: the uploaded files, newest first (every page, bounded like the console's). */
export async function runFiles({ values }: ParsedCommand): Promise<number> {
  const { json, keepRaw } = jsonOutput(values);
  const { client } = connectCommand(values);
  const purpose = typeof values.purpose === 'string' ? values.purpose : undefined;
  const pager = client.filePager({ limit: 100, keepRaw, ...(purpose ? { purpose } : {}) });
  const files: FileObject[] = [];
  for (;;) {
    const page = await pager.next();
    if (page === null) break;
    files.push(...page);
    if (pager.done) break;
  }
  if (json) {
    writeJson(files.map(toWireFile));
    return 0;
  }
  if (files.length === 0) {
    process.stderr.write(purpose ? `No files with purpose ${purpose}.\n` : 'No uploaded files.\n');
    return 0;
  }
  const forPeople = terminalWidth() !== null;
  process.stdout.write(
    await renderTable(
      files,
      [
        { title: 'ID', cell: (f) => f.id },
        { title: 'PURPOSE', cell: (f) => f.purpose },
        {
          title: 'SIZE',
          cell: (f) => (forPeople ? formatBytes(f.bytes) : f.bytes === null ? '' : String(f.bytes)),
          align: 'right',
        },
        {
          title: 'CREATED',
          cell: (f) =>
            f.createdAt === null
              ? ''
              : forPeople
                ? localDateTime(f.createdAt).slice(0, 16)
                : new Date(f.createdAt * 1000).toISOString(),
        },
        { title: 'FILENAME', cell: (f) => f.filename, flexible: true },
      ],
      terminalWidth(),
    ),
  );
  return 0;
}

/** `fizz-batch files rm ID`: deletes an uploaded file; asks first on a terminal, needs --yes without one. */
export async function runFilesRm({ values, args }: ParsedCommand): Promise<number> {
  const id = args.ID!;
  const { client } = connectCommand(values);
  const go = await confirmed({
    yes: values.yes === true,
    noTerminal: `files rm asks before it deletes, and there is no terminal to ask on: add --yes to delete ${id}.`,
    question: async () => {
      const file = await client.getFile(id);
      return `Delete ${file.id} (${file.filename || 'no name'}, ${formatBytes(file.bytes)}, ${file.purpose})? A batch still reading it would fail. [y/N] `;
    },
    declined: 'Not deleted.',
  });
  if (!go) return 0;
  const deleted = await client.deleteFile(id);
  if (!deleted.deleted) {
    process.stderr.write(`fizz-batch: the server did not delete ${id}.\n`);
    return 1;
  }
  process.stderr.write(`Deleted ${id}.\n`);
  return 0;
}
