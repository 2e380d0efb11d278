import type { CommandSpec } from './spec.js';

/** What the completion scripts know of one command: its name, its flags, which take a file. */
export interface CompletionEntry {
  name: string;
  summary: string;
  flags: { name: string; takesValue: boolean; file: boolean; choices: readonly string[]; description: string }[];
  fileArgs: boolean;
}

export function completionEntry(spec: CommandSpec): CompletionEntry {
  return {
    name: spec.name,
    summary: spec.summary,
    flags: Object.entries(spec.options).map(([name, o]) => ({
      name,
      takesValue: o.type === 'string',
      file: o.file === true,
      choices: o.choices ?? [],
      description: o.description,
    })),
    fileArgs: spec.args.some((a) => a.file === true),
  };
}

const quote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;

/** Commands that have subcommands (`profiles add`), with those subcommands' names. */
function parentsOf(entries: readonly CompletionEntry[]): Map<string, string[]> {
  const parents = new Map<string, string[]>();
  for (const e of entries) {
    const [parent, sub] = e.name.split(' ');
    if (sub !== undefined) parents.set(parent!, [...(parents.get(parent!) ?? []), sub]);
  }
  return parents;
}

/** A bash completion script: `eval "$(fizz-batch completion bash)"`. */
export function bashCompletion(entries: readonly CompletionEntry[], globalFlags: readonly string[]): string {
  const cases = entries
    .map((e) => {
      const valued = e.flags.filter((f) => f.takesValue);
      const valueCases = valued
        .map(
          (f) =>
            `      --${f.name}) ${f.choices.length > 0 ? `COMPREPLY=($(compgen -W ${quote(f.choices.join(' '))} -- "$cur"))` : f.file ? 'COMPREPLY=($(compgen -f -- "$cur"))' : 'COMPREPLY=()'}; return ;;`,
        )
        .join('\n');
      return [
        `    ${quote(e.name)})`,
        valued.length > 0 ? `      case "$prev" in\n${valueCases}\n      esac` : '',
        `      COMPREPLY=($(compgen -W ${quote([...e.flags.map((f) => `--${f.name}`), '--help'].join(' '))} -- "$cur"))`,
        e.fileArgs ? '      [[ "$cur" != -* ]] && COMPREPLY+=($(compgen -f -- "$cur"))' : '',
        '      ;;',
      ]
        .filter((line) => line !== '')
        .join('\n');
    })
    .join('\n');
  const parents = parentsOf(entries);
  const subcommandCases = [...parents.entries()]
    .map(([parent, subs]) => `    ${parent}) subs=${quote(subs.join(' '))} ;;`)
    .join('\n');
  return `# fizz-batch completion for bash. Load it with: eval "$(fizz-batch completion bash)"
_fizz_batch() {
  local cur prev cmd subs=""
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd="\${COMP_WORDS[1]}"
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W ${quote([...new Set(entries.map((e) => e.name.split(' ')[0]!)), ...globalFlags].join(' '))} -- "$cur"))
    return
  fi
  case "$cmd" in
${subcommandCases}
  esac
  if [[ -n "$subs" ]]; then
    if [[ $COMP_CWORD -eq 2 ]]; then
      COMPREPLY=($(compgen -W "$subs" -- "$cur"))
      [[ $cmd == files ]] && COMPREPLY+=($(compgen -W ${quote((entries.find((e) => e.name === 'files')?.flags ?? []).map((f) => `--${f.name}`).join(' '))} -- "$cur"))
      return
    fi
    [[ " $subs " == *" \${COMP_WORDS[2]} "* ]] && cmd="$cmd \${COMP_WORDS[2]}"
  fi
  case "$cmd" in
${cases}
  esac
}
complete -F _fizz_batch fizz-batch
`;
}

/** A zsh completion script: `eval "$(fizz-batch completion zsh)"` (after compinit). */
export function zshCompletion(entries: readonly CompletionEntry[], globalFlags: readonly string[]): string {
  // Inside a single-quoted zsh word: _arguments reads \: \[ \] as literal; a quote closes and reopens.
  const esc = (text: string) => text.replace(/[[\]:\\]/g, (ch) => `\\${ch}`).replace(/'/g, "'\\''");
  const parents = parentsOf(entries);
  const top = [
    ...new Map(
      entries.map((e) => [
        e.name.split(' ')[0]!,
        parents.has(e.name.split(' ')[0]!) && e.name.includes(' ') ? `${e.name.split(' ')[0]} commands` : e.summary,
      ]),
    ).entries(),
  ];
  const commandList = top.map(([name, summary]) => `    '${esc(name)}:${esc(summary)}'`).join('\n');
  const subLists = [...parents.entries()]
    .map(
      ([parent, subs]) =>
        `    ${parent}) (( CURRENT == 3 )) && { _values 'subcommand' ${subs.map((s) => `'${s}'`).join(' ')}; return } ;;`,
    )
    .join('\n');
  const cases = entries
    .map((e) => {
      const specs = e.flags.map((f) => {
        const action =
          f.choices.length > 0
            ? `:${f.name}:(${f.choices.join(' ')})`
            : f.file
              ? `:${f.name}:_files`
              : f.takesValue
                ? `:${f.name}: `
                : '';
        return `'--${f.name}[${esc(f.description)}]${action}'`;
      });
      if (e.fileArgs) specs.push("'*:file:_files'");
      return `    '${e.name}') _arguments ${specs.join(' ')} ;;`;
    })
    .join('\n');
  return `#compdef fizz-batch
# fizz-batch completion for zsh. Load it with: eval "$(fizz-batch completion zsh)"
_fizz_batch() {
  local -a commands
  commands=(
${commandList}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    _values 'option' ${globalFlags.map((f) => `'${f}'`).join(' ')}
    return
  fi
  local cmd="$words[2]"
  case "$cmd" in
${subLists}
  esac
  case "$cmd" in
${[...parents.keys()].map((p) => `    ${p}) [[ -n "$words[3]" && "$words[3]" != -* ]] && cmd="$cmd $words[3]" ;;`).join('\n')}
  esac
  case "$cmd" in
${cases}
  esac
}
compdef _fizz_batch fizz-batch
`;
}

/** A fish completion script: `fizz-batch completion fish | source`. */
export function fishCompletion(entries: readonly CompletionEntry[], globalFlags: readonly string[]): string {
  const esc = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const parents = parentsOf(entries);
  const lines = [
    '# fizz-batch completion for fish. Load it with: fizz-batch completion fish | source',
    'complete -c fizz-batch -f',
  ];
  const tops = new Set<string>();
  for (const e of entries) {
    const [top, sub] = e.name.split(' ');
    if (!tops.has(top!)) {
      tops.add(top!);
      lines.push(
        `complete -c fizz-batch -n __fish_use_subcommand -a ${esc(top!)} -d ${esc(sub ? `${top} commands` : e.summary)}`,
      );
    }
    if (sub)
      lines.push(
        `complete -c fizz-batch -n '__fish_seen_subcommand_from ${top}; and not __fish_seen_subcommand_from ${parents.get(top!)!.join(' ')}' -a ${esc(sub)} -d ${esc(e.summary)}`,
      );
  }
  for (const flag of globalFlags)
    lines.push(`complete -c fizz-batch -n __fish_use_subcommand -l ${flag.replace(/^--/, '')}`);
  for (const e of entries) {
    const [top, sub] = e.name.split(' ');
    const when = sub
      ? `-n '__fish_seen_subcommand_from ${top}; and __fish_seen_subcommand_from ${sub}'`
      : `-n '__fish_seen_subcommand_from ${top}'`;
    for (const f of e.flags) {
      const value =
        f.choices.length > 0 ? ` -x -a ${esc(f.choices.join(' '))}` : f.file ? ' -r -F' : f.takesValue ? ' -x' : '';
      lines.push(`complete -c fizz-batch ${when} -l ${f.name}${value} -d ${esc(f.description)}`);
    }
    if (e.fileArgs) lines.push(`complete -c fizz-batch ${when} -F`);
  }
  return `${lines.join('\n')}\n`;
}
