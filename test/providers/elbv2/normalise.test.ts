import { describe, expect, it } from 'vitest';
import { normaliseActions } from '../../../src/providers/elbv2/actions.ts';
import { declaredConditionForms, normaliseConditions } from '../../../src/providers/elbv2/conditions.ts';
import { toCamel, toPascal } from '../../../src/providers/elbv2/member-case.ts';

describe('ELBv2 member case', () => {
  it('turns spec members to API members and back, leaving data maps alone', () => {
    const spec = {
      subnetMappings: [{ subnetId: 'subnet-1', privateIPv4Address: '10.0.0.5', iPv6Address: '::1' }],
      authenticateOidcConfig: { clientId: 'c', authenticationRequestExtraParams: { display: 'page' } },
    };
    const api = toPascal(spec);
    expect(api).toEqual({
      SubnetMappings: [{ SubnetId: 'subnet-1', PrivateIPv4Address: '10.0.0.5', IPv6Address: '::1' }],
      AuthenticateOidcConfig: { ClientId: 'c', AuthenticationRequestExtraParams: { display: 'page' } },
    });
    expect(toCamel(api)).toEqual(spec);
  });
});

describe('ELBv2 actions', () => {
  const arn = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/a/1';
  const other = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/b/2';

  it('reads a forward written as targetGroupArn and as AWS answers it (both forms) the same', () => {
    const declared = normaliseActions([{ type: 'forward', targetGroupArn: arn }]);
    const answered = normaliseActions([
      {
        type: 'forward',
        order: 1,
        targetGroupArn: arn,
        forwardConfig: {
          targetGroups: [{ targetGroupArn: arn, weight: 1 }],
          targetGroupStickinessConfig: { enabled: false },
        },
      },
    ]);
    expect(declared).toEqual([{ type: 'forward', order: 1, targetGroupArn: arn }]);
    expect(answered).toEqual(declared);
  });

  it('keeps a weighted forward as a forwardConfig with weights and stickiness filled', () => {
    const actions = normaliseActions([
      {
        type: 'forward',
        forwardConfig: { targetGroups: [{ targetGroupArn: other }, { targetGroupArn: arn, weight: 3 }] },
      },
    ]);
    expect(actions).toEqual([
      {
        type: 'forward',
        order: 1,
        forwardConfig: {
          targetGroups: [
            { targetGroupArn: arn, weight: 3 },
            { targetGroupArn: other, weight: 1 },
          ],
          targetGroupStickinessConfig: { enabled: false },
        },
      },
    ]);
  });

  it("fills a redirect's defaults and orders actions by order", () => {
    const actions = normaliseActions([
      {
        type: 'redirect',
        order: 2,
        redirectConfig: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' },
      },
      {
        type: 'authenticate-cognito',
        order: 1,
        authenticateCognitoConfig: { userPoolArn: 'p', userPoolClientId: 'c', userPoolDomain: 'd' },
      },
    ]);
    expect(actions.map((action) => action.type)).toEqual(['authenticate-cognito', 'redirect']);
    expect(actions[1]?.redirectConfig).toEqual({
      protocol: 'HTTPS',
      port: '443',
      host: '#{host}',
      path: '/#{path}',
      query: '#{query}',
      statusCode: 'HTTP_301',
    });
  });

  it('leaves the OIDC client secret out, since AWS never returns it', () => {
    const [action] = normaliseActions([
      {
        type: 'authenticate-oidc',
        authenticateOidcConfig: { clientId: 'c', clientSecret: 's', issuer: 'i' },
      },
    ]);
    expect(action?.authenticateOidcConfig).not.toHaveProperty('clientSecret');
  });
});

describe('ELBv2 rule conditions', () => {
  const answered = [
    { field: 'path-pattern', values: ['/api/*'], pathPatternConfig: { values: ['/api/*'] } },
    { field: 'host-header', values: ['a.example.com'], hostHeaderConfig: { values: ['a.example.com'] } },
  ];

  it('projects what AWS answers onto the form each condition is declared in', () => {
    const declared = [
      { field: 'path-pattern', values: ['/api/*'] },
      { field: 'host-header', hostHeaderConfig: { values: ['a.example.com'] } },
    ];
    const forms = declaredConditionForms(declared);
    expect(normaliseConditions(answered, forms)).toEqual(normaliseConditions(declared, forms));
    expect(normaliseConditions(declared, forms)).toEqual([
      { field: 'host-header', hostHeaderConfig: { values: ['a.example.com'] } },
      { field: 'path-pattern', values: ['/api/*'] },
    ]);
  });
});
