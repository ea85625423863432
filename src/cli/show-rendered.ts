import type { Rendering } from '../manifest/overlay/index.ts';
import type { CommandIo } from './command.ts';

export const SHOW_RENDERED_USAGE = `  --show-rendered     print each manifest as rendered from an overlay (docs/OVERLAYS.md), headed by the
                       file it came from, the patches applied and the variables used; SecureString
                       parameter values are masked`;

/** What `--show-rendered` prints. */
export type ShownRendering = Pick<Rendering, 'overlay' | 'shown'>;

/** Every rendered file, as YAML on standard output; a folder without overlay.yaml prints its files as read. */
export function printRendered(rendering: ShownRendering, io: CommandIo): void {
  rendering.shown.forEach((input, i) => {
    if (i > 0) io.stdout('---\n');
    const content = rendering.overlay ? input.content : `# from ${input.file}\n${input.content}`;
    io.stdout(content.endsWith('\n') ? content : `${content}\n`);
  });
}
