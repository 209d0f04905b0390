/**
 * What the service provider tells directories about itself (RFC 7643 §5–7, RFC 7644 §4):
 * PATCH, filtering and sorting are supported; bulk, change-password and ETags are not; the one
 * authentication scheme is the organisation's bearer token.
 */
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from './resources';

export const MAX_RESULTS = 1000;

export const serviceProviderConfig = (base: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
  documentationUri: 'https://github.com/kindling/kindling#scim-provisioning',
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: true, maxResults: MAX_RESULTS },
  changePassword: { supported: false },
  sort: { supported: true },
  etag: { supported: false },
  authenticationSchemes: [
    {
      type: 'oauthbearertoken',
      name: 'Bearer token',
      description: 'A SCIM token an admin of the organisation creates on the admin screen.',
      primary: true,
    },
  ],
  meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
});

export const resourceTypes = (base: string) => [
  {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'A person of the organisation',
    schema: USER_SCHEMA,
    schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }],
    meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` },
  },
  {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    id: 'Group',
    name: 'Group',
    endpoint: '/Groups',
    description: 'A cohort',
    schema: GROUP_SCHEMA,
    meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/Group` },
  },
];

type Attribute = {
  name: string;
  type?: 'string' | 'boolean' | 'complex' | 'reference';
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  mutability?: 'readOnly' | 'readWrite' | 'immutable';
  uniqueness?: 'none' | 'server';
  subAttributes?: Attribute[];
  referenceTypes?: string[];
};

/** The RFC's defaults spelled out, as clients expect every characteristic present. */
function attribute(a: Attribute): Record<string, unknown> {
  return {
    name: a.name,
    type: a.type ?? 'string',
    multiValued: a.multiValued ?? false,
    description: a.name,
    required: a.required ?? false,
    caseExact: a.caseExact ?? false,
    mutability: a.mutability ?? 'readWrite',
    returned: 'default',
    uniqueness: a.uniqueness ?? 'none',
    ...(a.referenceTypes ? { referenceTypes: a.referenceTypes } : {}),
    ...(a.subAttributes ? { subAttributes: a.subAttributes.map(attribute) } : {}),
  };
}

const schema = (id: string, name: string, attributes: Attribute[], base: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
  id,
  name,
  description: name,
  attributes: attributes.map(attribute),
  meta: { resourceType: 'Schema', location: `${base}/Schemas/${id}` },
});

export const schemas = (base: string) => [
  schema(
    USER_SCHEMA,
    'User',
    [
      { name: 'userName', required: true, uniqueness: 'server' },
      {
        name: 'name',
        type: 'complex',
        subAttributes: [{ name: 'formatted' }, { name: 'givenName' }, { name: 'familyName' }],
      },
      { name: 'displayName' },
      {
        name: 'emails',
        type: 'complex',
        multiValued: true,
        subAttributes: [{ name: 'value' }, { name: 'type' }, { name: 'primary', type: 'boolean' }],
      },
      { name: 'active', type: 'boolean' },
      { name: 'locale' },
      { name: 'timezone' },
      { name: 'externalId', caseExact: true },
    ],
    base,
  ),
  schema(
    ENTERPRISE_SCHEMA,
    'EnterpriseUser',
    [
      { name: 'department' },
      { name: 'employeeNumber' },
      {
        name: 'manager',
        type: 'complex',
        subAttributes: [
          { name: 'value', caseExact: true },
          { name: '$ref', type: 'reference', referenceTypes: ['User'] },
        ],
      },
    ],
    base,
  ),
  schema(
    GROUP_SCHEMA,
    'Group',
    [
      { name: 'displayName', required: true },
      {
        name: 'members',
        type: 'complex',
        multiValued: true,
        subAttributes: [
          { name: 'value', caseExact: true, mutability: 'immutable' },
          { name: '$ref', type: 'reference', referenceTypes: ['User'], mutability: 'immutable' },
        ],
      },
      { name: 'externalId', caseExact: true },
    ],
    base,
  ),
];
