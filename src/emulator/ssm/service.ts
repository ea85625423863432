import { apiGroupOf } from '../../aws/rates.ts';
import type { EmulatedService } from '../core/service.ts';
import { jsonBinding } from '../protocols/json.ts';
import { deleteParameter, getParameter, getParameters, putParameter } from './parameters.ts';

/** SSM Parameter Store over awsJson1_1 (`X-Amz-Target: AmazonSSM.<Operation>`): what overlays read. */
export const ssmService: EmulatedService = {
  name: 'ssm',
  signingName: 'ssm',
  binding: jsonBinding('AmazonSSM', {
    PutParameter: putParameter,
    GetParameter: getParameter,
    GetParameters: getParameters,
    DeleteParameter: deleteParameter,
  }),
  throttling: { code: 'ThrottlingException', status: 400 },
  throttleGroup: (operation) => apiGroupOf('ssm', operation),
};
