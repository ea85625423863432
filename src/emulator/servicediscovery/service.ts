import { apiGroupOf } from '../../aws/rates.ts';
import type { EmulatedService } from '../core/service.ts';
import { jsonBinding } from '../protocols/json.ts';
import { CloudMapError } from './errors.ts';
import { deregisterInstance, getInstance, listInstances, registerInstance } from './instance-operations.ts';
import {
  updateHttpNamespace,
  updatePrivateDnsNamespace,
  updatePublicDnsNamespace,
} from './namespace-updates.ts';
import {
  createHttpNamespace,
  createPrivateDnsNamespace,
  createPublicDnsNamespace,
  deleteNamespace,
  getNamespace,
  listNamespaces,
} from './namespaces.ts';
import { advanceOperations, getOperation, listOperations } from './operations.ts';
import { createService, deleteService, getService, listServices, updateService } from './services.ts';
import { CLOUD_MAP } from './state.ts';
import { listTagsForResource, tagResource, untagResource } from './tags.ts';

const json = jsonBinding('Route53AutoNaming_v20170314', {
  CreateHttpNamespace: createHttpNamespace,
  CreatePrivateDnsNamespace: createPrivateDnsNamespace,
  CreatePublicDnsNamespace: createPublicDnsNamespace,
  GetNamespace: getNamespace,
  ListNamespaces: listNamespaces,
  DeleteNamespace: deleteNamespace,
  UpdateHttpNamespace: updateHttpNamespace,
  UpdatePrivateDnsNamespace: updatePrivateDnsNamespace,
  UpdatePublicDnsNamespace: updatePublicDnsNamespace,
  GetOperation: getOperation,
  ListOperations: listOperations,
  CreateService: createService,
  GetService: getService,
  UpdateService: updateService,
  DeleteService: deleteService,
  ListServices: listServices,
  RegisterInstance: registerInstance,
  DeregisterInstance: deregisterInstance,
  GetInstance: getInstance,
  ListInstances: listInstances,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
});

export const servicediscoveryService: EmulatedService = {
  name: 'servicediscovery',
  signingName: 'servicediscovery',
  binding: {
    match: json.match,
    handle: json.handle,
    // Some errors carry members of their model shape (ServiceAlreadyExists has ServiceId, ...).
    renderError(error, context) {
      const response = json.renderError(error, context);
      if (!(error instanceof CloudMapError)) return response;
      const body: unknown = JSON.parse(response.body);
      return { ...response, body: JSON.stringify({ ...(body as object), ...error.fields }) };
    },
  },
  throttling: { code: 'ThrottlingException', status: 400 },
  throttleGroup: (operation) => apiGroupOf('servicediscovery', operation),
  tick: ({ world, now }) => advanceOperations(world.get(CLOUD_MAP), now),
};
