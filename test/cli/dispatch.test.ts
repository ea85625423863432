import { describe, expect, it } from 'vitest';
import { USAGE_ERROR } from '../../src/cli/command.ts';
import { dispatch } from '../../src/cli/dispatch.ts';

describe('shipshape <command>', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'reports "%s" as an unknown command, not a member of Object.prototype',
    async (name) => {
      const errors: string[] = [];
      const code = await dispatch([name], { stdout: () => undefined, stderr: (text) => errors.push(text) });
      expect(code).toBe(USAGE_ERROR);
      expect(errors.join('')).toMatch(
        new RegExp(`^shipshape: unknown command "${name}"; commands: validate`),
      );
    },
  );
});
