import { describe, expect, it } from 'vitest';
import { escapeXml, parseQueryForm, xmlElement } from '../../../src/emulator/protocols/query.ts';

describe('query protocol', () => {
  it('reads flattened members into nested lists and objects', () => {
    const body = new URLSearchParams({
      Action: 'CreateRule',
      Version: '2015-12-01',
      ListenerArn: 'arn:l',
      'Conditions.member.1.Field': 'path-pattern',
      'Conditions.member.1.PathPatternConfig.Values.member.2': '/b',
      'Conditions.member.1.PathPatternConfig.Values.member.1': '/a',
      'Actions.member.1.ForwardConfig.TargetGroups.member.1.TargetGroupArn': 'arn:tg',
      'Actions.member.1.ForwardConfig.TargetGroups.member.1.Weight': '3',
      'Tags.member.1.Key': 'k',
      'Tags.member.1.Value': 'v & w',
    }).toString();
    expect(parseQueryForm(body, new Set())).toEqual({
      ListenerArn: 'arn:l',
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/a', '/b'] } }],
      Actions: [{ ForwardConfig: { TargetGroups: [{ TargetGroupArn: 'arn:tg', Weight: '3' }] } }],
      Tags: [{ Key: 'k', Value: 'v & w' }],
    });
  });

  it('reads an empty list member as [] and an empty scalar as ""', () => {
    expect(parseQueryForm('Names=&Marker=', new Set(['Names']))).toEqual({ Names: [], Marker: '' });
  });

  it('writes lists as member elements, escapes text and leaves out absent members', () => {
    expect(xmlElement('Tags', [{ Key: 'a<b', Value: null }])).toBe(
      '<Tags><member><Key>a&lt;b</Key></member></Tags>',
    );
    expect(xmlElement('Enabled', false)).toBe('<Enabled>false</Enabled>');
    expect(escapeXml(`"'&`)).toBe('&quot;&apos;&amp;');
  });
});
