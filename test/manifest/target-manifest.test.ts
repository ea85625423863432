import { describe, expect, it } from 'vitest';
import { formatDiagnostic, loadRevision } from '../../src/manifest/index.ts';

const target = (name: string, spec: string) =>
  `apiVersion: shipshape.dev/v1\nkind: Target\nmetadata: {name: ${name}, namespace: platform}\nspec:\n${spec}\n`;

function errorsOf(content: string): string[] {
  const result = loadRevision([{ file: 'targets.yaml', content }]);
  return result.ok ? [] : result.errors.map(formatDiagnostic);
}

describe('the Target kind', () => {
  it('is accepted with a region, a role, an external id and namespaces', () => {
    expect(
      errorsOf(
        target(
          'prod',
          '  region: eu-west-1\n  roleArn: arn:aws:iam::222222222222:role/shipshape\n  externalId: ext-123\n  namespaces: [shop, payments]',
        ),
      ),
    ).toEqual([]);
  });

  it('refuses a namespace bound to two Targets, naming the second and the first', () => {
    const errors = errorsOf(
      [
        target('prod', '  region: eu-west-1\n  namespaces: [shop]'),
        target('other', '  region: us-east-1\n  namespaces: [payments, shop]'),
      ].join('---\n'),
    );
    expect(errors).toEqual([
      'targets.yaml:13:26 Target/platform/other: spec.namespaces[1]: namespace "shop" is already bound to Target/platform/prod; a namespace lives in one target [SS130]',
    ]);
  });

  it('refuses an external id without a role, a role that is not an IAM role ARN, and no namespaces', () => {
    const errors = errorsOf(
      target(
        'prod',
        '  region: eu-west-1\n  roleArn: arn:aws:iam::2222:user/me\n  externalId: ext-123\n  namespaces: []',
      ),
    ).join('\n');
    expect(errors).toContain('spec.roleArn');
    expect(errors).toContain('spec.namespaces');
    const orphan = errorsOf(
      target('prod', '  region: eu-west-1\n  externalId: ext-123\n  namespaces: [shop]'),
    ).join('\n');
    expect(orphan).toContain('roleArn');
  });

  it('refuses a reference from one target to another: the resource would be in another account', () => {
    const errors = errorsOf(
      [
        target('prod', '  region: eu-west-1\n  namespaces: [shop]'),
        'apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata: {name: apps, namespace: shared}\nspec: {}\n',
        'apiVersion: shipshape.dev/v1\nkind: TaskDefinition\nmetadata: {name: web, namespace: shop}\nspec:\n  containerDefinitions: [{name: web, image: nginx}]\n',
        'apiVersion: shipshape.dev/v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  clusterRef: shared/apps\n  taskDefinitionRef: web\n',
      ].join('---\n'),
    );
    expect(errors).toEqual([
      expect.stringMatching(
        /^targets\.yaml:\d+:\d+ Service\/shop\/web: spec\.clusterRef: Cluster\/shared\/apps lives in the operator's own account and region, this manifest in Target\/platform\/prod: a reference cannot cross targets \[SS130\]$/,
      ),
    ]);
  });
});
