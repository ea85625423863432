import { describe, expect, it } from 'vitest';
import { asJson, mismatches } from './match.ts';

const none = { generated: {}, absent: [] };

describe('mismatches', () => {
  it('accepts an answer that holds every published value, and more', () => {
    expect(mismatches({ a: 1, b: [{ c: 'x' }] }, { a: 1, b: [{ c: 'x', d: 2 }], e: true }, none)).toEqual([]);
  });

  it('names a value that differs, one that is missing, and a list of another length', () => {
    expect(mismatches({ a: 1, b: { c: 'x' }, l: [1, 2] }, { a: 2, b: {}, l: [1] }, none)).toEqual([
      'a: AWS answers 1; we gave 2',
      'b.c: AWS answers "x"; we gave nothing',
      'l: AWS answers 2 items; we gave 1',
      'l.1: AWS answers 2; we gave nothing',
    ]);
  });

  it('takes any present value at a generated path, and checks its pattern when there is one', () => {
    const rules = { generated: { 'items.*.id': '', 'items.*.arn': 'arn:aws:ecs:.*' }, absent: [] };
    expect(
      mismatches(
        { items: [{ id: 'a', arn: 'arn:aws:ecs:x' }] },
        { items: [{ id: 'b', arn: 'arn:aws:ecs:y' }] },
        rules,
      ),
    ).toEqual([]);
    expect(
      mismatches({ items: [{ id: 'a', arn: 'arn:aws:ecs:x' }] }, { items: [{ arn: 'nope' }] }, rules),
    ).toEqual([
      'items.0.id: AWS generates a value here; we gave nothing',
      'items.0.arn: "nope" does not match /arn:aws:ecs:.*/',
    ]);
  });

  it('fails a value AWS leaves out', () => {
    expect(
      mismatches(
        {},
        { groups: [{ IpAddressType: 'ipv4' }, {}] },
        { generated: {}, absent: ['groups.*.IpAddressType'] },
      ),
    ).toEqual(['groups.0.IpAddressType: AWS leaves this out; we gave "ipv4"']);
  });

  it('finds each published item of a set in any order, among others, and names one that is missing', () => {
    const rules = { generated: {}, absent: [], sets: ['Attributes'] };
    const ours = {
      Attributes: [
        { Key: 'b', Value: '2' },
        { Key: 'c', Value: '3' },
        { Key: 'a', Value: '1' },
      ],
    };
    expect(
      mismatches(
        {
          Attributes: [
            { Key: 'a', Value: '1' },
            { Key: 'b', Value: '2' },
          ],
        },
        ours,
        rules,
      ),
    ).toEqual([]);
    expect(mismatches({ Attributes: [{ Key: 'a', Value: '9' }] }, ours, rules)).toEqual([
      'Attributes: AWS answers {"Key":"a","Value":"9"}; we have no such item',
    ]);
  });

  it('reads SDK output as JSON: times as ISO strings, no $metadata', () => {
    expect(asJson({ $metadata: { httpStatusCode: 200 }, at: new Date(0), gone: undefined })).toEqual({
      at: '1970-01-01T00:00:00.000Z',
    });
  });
});
