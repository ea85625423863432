/** Dotfiles and `_drafts`-style names are left out unless the ignore list is replaced. */
export const DEFAULT_IGNORE: readonly string[] = ['.*', '_*'];

const MANIFEST_FILE = /\.ya?ml$/i;

/**
 * Glob-ish patterns over a path relative to the source root, `/`-separated. A pattern without `/`
 * matches any one segment (a file or folder name: `_*` ignores `_drafts/a.yaml` and `x/_b.yaml`);
 * a pattern with `/` matches the whole path. `*` and `?` stop at `/`; `**` crosses it.
 */
export function ignoreMatcher(patterns: readonly string[]): (path: string) => boolean {
  const segment = patterns.filter((p) => !p.includes('/')).map(globToRegExp);
  const whole = patterns.filter((p) => p.includes('/')).map((p) => globToRegExp(p.replace(/^\/+/, '')));
  return (path) => {
    if (whole.some((re) => re.test(path))) return true;
    return path.split('/').some((part) => segment.some((re) => re.test(part)));
  };
}

/** Whether a relative path is a manifest the source should read. */
export function manifestFilter(patterns: readonly string[]): (path: string) => boolean {
  const ignored = ignoreMatcher(patterns);
  return (path) => MANIFEST_FILE.test(path) && !ignored(path);
}

function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === '*' && glob.charAt(i + 1) === '*') {
      const slash = glob.charAt(i + 2) === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}
