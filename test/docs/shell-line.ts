/**
 * The small part of POSIX shell the CI recipes use on a `shipshape` line: words, '...' and "...",
 * $VAR and ${VAR}, $(command), and `> file`. Anything else (pipes, `;`, `&&`, backticks) is an
 * error, so a recipe cannot grow a line this test would read wrongly.
 */
export interface ShellLine {
  readonly argv: readonly string[];
  /** Where `> file` sends standard output. */
  readonly stdoutFile?: string;
}

export interface Expansions {
  readonly variable: (name: string) => string;
  readonly command: (text: string) => string;
}

export function parseShellLine(line: string, expand: Expansions): ShellLine {
  const words: string[] = [];
  let stdoutFile: string | undefined;
  let redirect = false;
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at column ${i + 1} of: ${line}`);
  };

  /** `$...` at i (i on the `$`): its expansion; i moves past it. */
  const dollar = (): string => {
    const rest = line.slice(i + 1);
    const sub = /^\(([^()]*)\)/.exec(rest);
    if (sub?.[1] !== undefined) {
      i += sub[0].length + 1;
      return expand.command(sub[1]);
    }
    const name = /^\{(\w+)\}|^(\w+)/.exec(rest);
    const found = name?.[1] ?? name?.[2];
    if (name === null || found === undefined) return fail('unsupported $');
    i += name[0].length + 1;
    return expand.variable(found);
  };

  while (i < line.length) {
    while (line[i] === ' ' || line[i] === '\t') i += 1;
    if (i >= line.length) break;
    if (line[i] === '>') {
      if (redirect || stdoutFile !== undefined) fail('a second redirection');
      redirect = true;
      i += 1;
      continue;
    }
    let word = '';
    while (i < line.length && line[i] !== ' ' && line[i] !== '\t') {
      const c = line[i] ?? '';
      if (c === "'") {
        const end = line.indexOf("'", i + 1);
        if (end < 0) fail('an unclosed quote');
        word += line.slice(i + 1, end);
        i = end + 1;
      } else if (c === '"') {
        i += 1;
        while (line[i] !== '"') {
          if (i >= line.length) fail('an unclosed quote');
          if (line[i] === '\\' || line[i] === '`') fail('an escape or backtick');
          if (line[i] === '$') word += dollar();
          else {
            word += line[i];
            i += 1;
          }
        }
        i += 1;
      } else if (c === '$') {
        word += dollar();
      } else if ('|;&<`\\*?'.includes(c)) {
        fail(`unsupported "${c}"`);
      } else {
        word += c;
        i += 1;
      }
    }
    if (redirect) {
      stdoutFile = word;
      redirect = false;
    } else words.push(word);
  }
  if (redirect) fail('a redirection without a file');
  return { argv: words, ...(stdoutFile === undefined ? {} : { stdoutFile }) };
}
