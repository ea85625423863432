import { apiGroupOf } from '../../aws/rates.ts';
import type { EmulatedService } from '../core/service.ts';
import { type RestJsonRoute, restJsonBinding } from '../protocols/rest-json.ts';
import { createAccessPoint, deleteAccessPoint, describeAccessPoints } from './access-points.ts';
import { createFileSystem, deleteFileSystem, describeFileSystems, updateFileSystem } from './file-systems.ts';
import { advance } from './life.ts';
import {
  createMountTarget,
  deleteMountTarget,
  describeMountTargetSecurityGroups,
  describeMountTargets,
  modifyMountTargetSecurityGroups,
} from './mount-targets.ts';
import {
  describeBackupPolicy,
  describeLifecycleConfiguration,
  putBackupPolicy,
  putLifecycleConfiguration,
} from './policies.ts';
import { EFS } from './state.ts';
import {
  createTags,
  deleteTags,
  describeTags,
  listTagsForResource,
  tagResource,
  untagResource,
} from './tag-operations.ts';

const V = '/2015-02-01';

/** Methods, paths, statuses and query names as the EFS model's `http` traits give them. */
const ROUTES: readonly RestJsonRoute[] = [
  {
    operation: 'CreateFileSystem',
    method: 'POST',
    uri: `${V}/file-systems`,
    status: 201,
    handler: createFileSystem,
  },
  {
    operation: 'DescribeFileSystems',
    method: 'GET',
    uri: `${V}/file-systems`,
    status: 200,
    query: {
      MaxItems: 'MaxItems',
      Marker: 'Marker',
      CreationToken: 'CreationToken',
      FileSystemId: 'FileSystemId',
    },
    handler: describeFileSystems,
  },
  {
    operation: 'DescribeLifecycleConfiguration',
    method: 'GET',
    uri: `${V}/file-systems/{FileSystemId}/lifecycle-configuration`,
    status: 200,
    handler: describeLifecycleConfiguration,
  },
  {
    operation: 'PutLifecycleConfiguration',
    method: 'PUT',
    uri: `${V}/file-systems/{FileSystemId}/lifecycle-configuration`,
    status: 200,
    handler: putLifecycleConfiguration,
  },
  {
    operation: 'DescribeBackupPolicy',
    method: 'GET',
    uri: `${V}/file-systems/{FileSystemId}/backup-policy`,
    status: 200,
    handler: describeBackupPolicy,
  },
  {
    operation: 'PutBackupPolicy',
    method: 'PUT',
    uri: `${V}/file-systems/{FileSystemId}/backup-policy`,
    status: 200,
    handler: putBackupPolicy,
  },
  {
    operation: 'UpdateFileSystem',
    method: 'PUT',
    uri: `${V}/file-systems/{FileSystemId}`,
    status: 202,
    handler: updateFileSystem,
  },
  {
    operation: 'DeleteFileSystem',
    method: 'DELETE',
    uri: `${V}/file-systems/{FileSystemId}`,
    status: 204,
    handler: deleteFileSystem,
  },
  {
    operation: 'CreateMountTarget',
    method: 'POST',
    uri: `${V}/mount-targets`,
    status: 200,
    handler: createMountTarget,
  },
  {
    operation: 'DescribeMountTargets',
    method: 'GET',
    uri: `${V}/mount-targets`,
    status: 200,
    query: {
      MaxItems: 'MaxItems',
      Marker: 'Marker',
      FileSystemId: 'FileSystemId',
      MountTargetId: 'MountTargetId',
      AccessPointId: 'AccessPointId',
    },
    handler: describeMountTargets,
  },
  {
    operation: 'DescribeMountTargetSecurityGroups',
    method: 'GET',
    uri: `${V}/mount-targets/{MountTargetId}/security-groups`,
    status: 200,
    handler: describeMountTargetSecurityGroups,
  },
  {
    operation: 'ModifyMountTargetSecurityGroups',
    method: 'PUT',
    uri: `${V}/mount-targets/{MountTargetId}/security-groups`,
    status: 204,
    handler: modifyMountTargetSecurityGroups,
  },
  {
    operation: 'DeleteMountTarget',
    method: 'DELETE',
    uri: `${V}/mount-targets/{MountTargetId}`,
    status: 204,
    handler: deleteMountTarget,
  },
  {
    operation: 'CreateAccessPoint',
    method: 'POST',
    uri: `${V}/access-points`,
    status: 200,
    handler: createAccessPoint,
  },
  {
    operation: 'DescribeAccessPoints',
    method: 'GET',
    uri: `${V}/access-points`,
    status: 200,
    query: {
      MaxResults: 'MaxResults',
      NextToken: 'NextToken',
      AccessPointId: 'AccessPointId',
      FileSystemId: 'FileSystemId',
    },
    handler: describeAccessPoints,
  },
  {
    operation: 'DeleteAccessPoint',
    method: 'DELETE',
    uri: `${V}/access-points/{AccessPointId}`,
    status: 204,
    handler: deleteAccessPoint,
  },
  {
    operation: 'TagResource',
    method: 'POST',
    uri: `${V}/resource-tags/{ResourceId+}`,
    status: 200,
    handler: tagResource,
  },
  {
    operation: 'UntagResource',
    method: 'DELETE',
    uri: `${V}/resource-tags/{ResourceId+}`,
    status: 200,
    query: { TagKeys: 'tagKeys[]' },
    handler: untagResource,
  },
  {
    operation: 'ListTagsForResource',
    method: 'GET',
    uri: `${V}/resource-tags/{ResourceId+}`,
    status: 200,
    query: { MaxResults: 'MaxResults', NextToken: 'NextToken' },
    handler: listTagsForResource,
  },
  {
    operation: 'CreateTags',
    method: 'POST',
    uri: `${V}/create-tags/{FileSystemId}`,
    status: 204,
    handler: createTags,
  },
  {
    operation: 'DeleteTags',
    method: 'POST',
    uri: `${V}/delete-tags/{FileSystemId}`,
    status: 204,
    handler: deleteTags,
  },
  {
    operation: 'DescribeTags',
    method: 'GET',
    uri: `${V}/tags/{FileSystemId}/`,
    status: 200,
    query: { MaxItems: 'MaxItems', Marker: 'Marker' },
    handler: describeTags,
  },
];

export const efsService: EmulatedService = {
  name: 'efs',
  signingName: 'elasticfilesystem',
  binding: restJsonBinding(ROUTES),
  throttling: { code: 'ThrottlingException', status: 429 },
  throttleGroup: (operation) => apiGroupOf('efs', operation),
  tick: ({ world, now }) => advance(world.get(EFS), now),
};
