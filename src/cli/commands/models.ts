import { toWireModel } from '../../api/index.js';
import { localDateTime } from '../../ui/format/time.js';
import { connectCommand } from '../connect.js';
import type { ParsedCommand } from '../framework/spec.js';
import { writeJson } from '../output/json.js';
import { jsonOutput } from '../options.js';
import { renderTable } from '../output/table.js';
import { terminalWidth } from '../output/terminal.js';

/** `fizz-batch models`: what the provider offers (GET /models), sorted by id. */
export async function runModels({ values }: ParsedCommand): Promise<number> {
  const { json, keepRaw } = jsonOutput(values);
  const { client } = connectCommand(values);
  const models = [...(await client.listModels({ keepRaw }))].sort((a, b) => a.id.localeCompare(b.id));
  if (json) {
    writeJson(models.map(toWireModel));
    return 0;
  }
  if (models.length === 0) {
    process.stderr.write('The provider lists no models.\n');
    return 0;
  }
  const forPeople = terminalWidth() !== null;
  process.stdout.write(
    await renderTable(
      models,
      [
        { title: 'ID', cell: (m) => m.id },
        { title: 'OWNED BY', cell: (m) => m.ownedBy ?? '', flexible: true },
        {
          title: 'CREATED',
          cell: (m) =>
            m.createdAt === null
              ? ''
              : forPeople
                ? localDateTime(m.createdAt).slice(0, 10)
                : new Date(m.createdAt * 1000).toISOString(),
        },
      ],
      terminalWidth(),
    ),
  );
  return 0;
}
