import { apiGroupOf } from '../../aws/rates.ts';
import type { OutgoingResponse } from '../core/http.ts';
import type { EmulatedService } from '../core/service.ts';
import { jsonBinding } from '../protocols/json.ts';
import { describeAlarms, tickCloudWatch } from './alarms.ts';

const json = jsonBinding('GraniteServiceVersion20100801', { DescribeAlarms: describeAlarms });

/** CloudWatch speaks awsJson1_0 (the 1.1 binding with another content type). */
function asJson10(response: OutgoingResponse): OutgoingResponse {
  return { ...response, headers: { ...response.headers, 'content-type': 'application/x-amz-json-1.0' } };
}

export const cloudwatchService: EmulatedService = {
  name: 'cloudwatch',
  signingName: 'monitoring',
  binding: {
    match: json.match,
    handle: (operation, request, context) => asJson10(json.handle(operation, request, context)),
    // The client is awsQuery-compatible: it takes the error code from this header ("Code;Sender").
    renderError(error, context) {
      const response = asJson10(json.renderError(error, context));
      const fault = error.senderFault ? 'Sender' : 'Receiver';
      return {
        ...response,
        headers: { ...response.headers, 'x-amzn-query-error': `${error.code};${fault}` },
      };
    },
  },
  throttling: { code: 'Throttling', status: 400 },
  throttleGroup: (operation) => apiGroupOf('cloudwatch', operation),
  tick: tickCloudWatch,
};
