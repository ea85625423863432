import type { PolicyDocument, PolicyStatement } from '../../scripts/gen-iam-policy.ts';

/**
 * A small part of IAM's evaluation, enough for the operator's policy: Allow statements only,
 * Resource globs (`*`, `?`), and the condition operators the policy uses (StringEquals,
 * StringLike, their IfExists forms, Null). A key missing from the request fails every operator
 * but the IfExists forms and Null, as in IAM.
 */
export interface Request {
  readonly action: string;
  readonly resource: string;
  /** Condition keys of the request: `aws:ResourceTag/...`, `aws:RequestTag/...`, `iam:PassedToService`... */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

/** `${Name}` and `${AWS::Name}` replaced as CloudFormation's Fn::Sub would. */
export function substitute(policy: PolicyDocument, values: Readonly<Record<string, string>>): PolicyDocument {
  const text = JSON.stringify(policy).replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for ${whole}`);
    return value;
  });
  return JSON.parse(text) as PolicyDocument;
}

const list = (value: string | readonly string[]): readonly string[] =>
  typeof value === 'string' ? [value] : value;

function glob(pattern: string, text: string): boolean {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${escaped}$`).test(text);
}

function conditionHolds(operator: string, key: string, wanted: readonly string[], request: Request): boolean {
  const actual = request.context?.[key];
  if (operator === 'Null') return (actual === undefined) === (wanted[0] === 'true');
  const ifExists = operator.endsWith('IfExists');
  if (actual === undefined) return ifExists;
  const base = ifExists ? operator.slice(0, -'IfExists'.length) : operator;
  const match =
    base === 'StringEquals' ? (a: string, b: string) => a === b : base === 'StringLike' ? glob : undefined;
  if (match === undefined) throw new Error(`the evaluator does not know ${operator}`);
  return list(actual).every((value) => wanted.some((w) => match(w, value)));
}

function allows(statement: PolicyStatement, request: Request): boolean {
  if (!statement.Action.some((action) => glob(action, request.action))) return false;
  if (!list(statement.Resource).some((resource) => glob(resource, request.resource))) return false;
  return Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, wanted]) => conditionHolds(operator, key, list(wanted), request)),
  );
}

/** Whether some statement allows the request (the policy has no Deny). */
export function isAllowed(policy: PolicyDocument, request: Request): boolean {
  return policy.Statement.some((statement) => allows(statement, request));
}
