import { wrapText } from '../../ui/format/wrap.js';
import type { CommandSpec, OptionSpec } from './spec.js';
import { usageLine } from './usage-line.js';

/** Help lines stay within this many columns: an 80-column terminal with a little room to spare is the narrowest kept in mind, 100 the widest. */
const helpWidth = 100;

const exitCodes = '0 done, 1 an API or runtime error, 2 a usage error';

function optionLabel(name: string, option: OptionSpec): string {
  const short = option.short ? `-${option.short}, ` : '';
  return `${short}--${name}${option.value ? ` ${option.value}` : ''}`;
}

/** The whole `--help` text of a command. */
export function commandHelp(spec: CommandSpec): string {
  const lines = [usageLine(spec), ''];
  for (const paragraph of spec.about)
    lines.push(...paragraph.split('\n').flatMap((line) => wrapText(line, helpWidth)), '');
  const options = Object.entries(spec.options);
  if (options.length > 0) {
    const labels = options.map(([name, o]) => optionLabel(name, o));
    const width = Math.min(24, Math.max(...labels.map((l) => l.length)));
    lines.push('Options:');
    const indent = ' '.repeat(width + 4);
    options.forEach(([, option], i) => {
      const label = labels[i]!;
      const description = wrapText(option.description, helpWidth - indent.length).map((row) => indent + row);
      if (label.length > width) lines.push(`  ${label}`, ...description);
      else lines.push(`  ${label.padEnd(width)}  ${description[0]!.trimStart()}`, ...description.slice(1));
    });
    lines.push('');
  }
  if (spec.examples && spec.examples.length > 0) lines.push('Examples:', ...spec.examples.map((e) => `  ${e}`), '');
  lines.push(...wrapText(`Exit status: ${[exitCodes, ...(spec.exitNotes ?? [])].join(', ')}.`, helpWidth), '');
  return lines.join('\n');
}
