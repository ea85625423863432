import { type AccessPointDescription, DescribeAccessPointsCommand } from '@aws-sdk/client-efs';
import { isErrorCode } from '../aws-error.ts';
import { paged } from '../batch.ts';
import type { ProviderContext } from '../types.ts';

/**
 * One file system's access points, or without one every access point of the account (100 a
 * page); none when the file system is gone.
 */
export async function accessPointsOf(
  fileSystemId: string | undefined,
  context: ProviderContext,
): Promise<AccessPointDescription[]> {
  try {
    return await paged(async (token) => {
      const page = await context.aws.efs.send(
        new DescribeAccessPointsCommand({
          MaxResults: 100,
          NextToken: token,
          ...(fileSystemId === undefined ? {} : { FileSystemId: fileSystemId }),
        }),
      );
      return { items: page.AccessPoints ?? [], next: page.NextToken };
    });
  } catch (error) {
    if (isErrorCode(error, 'FileSystemNotFound')) return [];
    throw error;
  }
}
