import { GetOperationCommand, type Operation } from '@aws-sdk/client-servicediscovery';
import { NotReadyError, type ProviderContext } from '../types.ts';

/** The state of a Cloud Map operation (namespace and service changes are asynchronous). */
export async function operationOf(
  operationId: string,
  context: ProviderContext,
): Promise<Operation | undefined> {
  const answer = await context.aws.servicediscovery.send(
    new GetOperationCommand({ OperationId: operationId }),
  );
  return answer.Operation;
}

/**
 * Throws until the operation has succeeded: NotReadyError while it runs (so
 * the next pass looks again after a wait instead of sending the change again
 * at once), an error if it failed.
 */
export async function requireSucceeded(
  operationId: string,
  what: string,
  context: ProviderContext,
): Promise<Operation> {
  const operation = await operationOf(operationId, context);
  if (operation?.Status === 'FAIL') {
    throw new Error(`${what} failed: ${operation.ErrorCode ?? ''} ${operation.ErrorMessage ?? ''}`.trim());
  }
  if (operation?.Status !== 'SUCCESS') throw new NotReadyError(`${what} is in progress`);
  return operation;
}
