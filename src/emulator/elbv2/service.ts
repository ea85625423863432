import { apiGroupOf } from '../../aws/rates.ts';
import type { EmulatedService } from '../core/service.ts';
import { queryBinding } from '../protocols/query.ts';
import { ELBV2_CONTROL } from './control.ts';
import { tickElbv2 } from './life.ts';
import { createListener, deleteListener, describeListeners, modifyListener } from './listeners.ts';
import {
  createLoadBalancer,
  deleteLoadBalancer,
  describeLoadBalancerAttributes,
  describeLoadBalancers,
  modifyLoadBalancerAttributes,
  setIpAddressType,
  setSecurityGroups,
  setSubnets,
} from './load-balancers.ts';
import { createRule, deleteRule, describeRules, modifyRule, setRulePriorities } from './rules.ts';
import { addTags, describeTags, removeTags } from './tags.ts';
import {
  createTargetGroup,
  deleteTargetGroup,
  describeTargetGroupAttributes,
  describeTargetGroups,
  modifyTargetGroup,
  modifyTargetGroupAttributes,
} from './target-groups.ts';
import { deregisterTargets, describeTargetHealth, registerTargets } from './target-health.ts';

/** Members of ELBv2 inputs that are lists (from the model), so that `Name=` reads as an empty list. */
const LIST_MEMBERS = new Set([
  'Actions',
  'AlpnPolicy',
  'Attributes',
  'Certificates',
  'Conditions',
  'DefaultActions',
  'Include',
  'ListenerArns',
  'LoadBalancerArns',
  'Names',
  'RegexValues',
  'ResourceArns',
  'RuleArns',
  'RulePriorities',
  'SecurityGroups',
  'SubnetMappings',
  'Subnets',
  'TagKeys',
  'Tags',
  'TargetGroupArns',
  'TargetGroups',
  'Targets',
  'Transforms',
  'Values',
]);

export const elbv2Service: EmulatedService = {
  name: 'elbv2',
  signingName: 'elasticloadbalancing',
  binding: queryBinding({
    version: '2015-12-01',
    namespace: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
    listMembers: LIST_MEMBERS,
    operations: {
      CreateLoadBalancer: createLoadBalancer,
      DescribeLoadBalancers: describeLoadBalancers,
      DeleteLoadBalancer: deleteLoadBalancer,
      SetSecurityGroups: setSecurityGroups,
      SetSubnets: setSubnets,
      SetIpAddressType: setIpAddressType,
      DescribeLoadBalancerAttributes: describeLoadBalancerAttributes,
      ModifyLoadBalancerAttributes: modifyLoadBalancerAttributes,
      CreateTargetGroup: createTargetGroup,
      DescribeTargetGroups: describeTargetGroups,
      ModifyTargetGroup: modifyTargetGroup,
      DeleteTargetGroup: deleteTargetGroup,
      DescribeTargetGroupAttributes: describeTargetGroupAttributes,
      ModifyTargetGroupAttributes: modifyTargetGroupAttributes,
      CreateListener: createListener,
      DescribeListeners: describeListeners,
      ModifyListener: modifyListener,
      DeleteListener: deleteListener,
      CreateRule: createRule,
      DescribeRules: describeRules,
      ModifyRule: modifyRule,
      DeleteRule: deleteRule,
      SetRulePriorities: setRulePriorities,
      RegisterTargets: registerTargets,
      DeregisterTargets: deregisterTargets,
      DescribeTargetHealth: describeTargetHealth,
      AddTags: addTags,
      RemoveTags: removeTags,
      DescribeTags: describeTags,
    },
  }),
  throttling: { code: 'Throttling', status: 400 },
  throttleGroup: (operation) => apiGroupOf('elbv2', operation),
  tick: tickElbv2,
  control: ELBV2_CONTROL,
};
