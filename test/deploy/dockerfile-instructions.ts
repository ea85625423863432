export interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

/** A Dockerfile's instructions, with continuation lines joined and comments dropped. */
export function instructions(source: string): Instruction[] {
  const joined = source.replace(/\\\n\s*/g, ' ');
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

/** The instructions of each stage, each list starting with its FROM. */
export function stagesOf(all: readonly Instruction[]): Instruction[][] {
  return all.reduce<Instruction[][]>((found, instruction) => {
    if (instruction.keyword === 'FROM') found.push([]);
    found.at(-1)?.push(instruction);
    return found;
  }, []);
}

/** The arguments of a stage's instructions of one keyword, in order. */
export function argsOf(stage: readonly Instruction[], keyword: string): string[] {
  return stage
    .filter((instruction) => instruction.keyword === keyword)
    .map((instruction) => instruction.args);
}
