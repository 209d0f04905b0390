/**
 * PATCH for SCIM resources: scim-patch applies the operations to the resource as shown, and its
 * refusals are answered in SCIM's terms; members are matched as bare `{ value }`.
 */
import { scimPatch, ScimError as PatchError, NoPathInScimPatchOp, NoTarget } from 'scim-patch';
import type { ScimPatchOperation, ScimResource } from 'scim-patch';
import { ScimError } from './errors';
import { PATCH_SCHEMA } from './resources';

const MAX_OPERATIONS = 1000;

/** Applies a PATCH request to a resource as shown; refusals in SCIM's terms. */
export function patched(resource: Record<string, unknown>, request: unknown): unknown {
  const r = request as { schemas?: unknown; Operations?: unknown };
  if (
    typeof request !== 'object' ||
    request === null ||
    !Array.isArray(r.schemas) ||
    !r.schemas.includes(PATCH_SCHEMA) ||
    !Array.isArray(r.Operations) ||
    r.Operations.length === 0 ||
    r.Operations.length > MAX_OPERATIONS ||
    !r.Operations.every((op) => typeof op === 'object' && op !== null && !Array.isArray(op))
  )
    throw new ScimError(400, 'invalidSyntax', 'error.scim.invalidSyntax', {
      reason: `a PatchOp message with 1 to ${MAX_OPERATIONS} Operations is expected`,
    });
  const operations = r.Operations as ScimPatchOperation[];
  for (const op of operations) {
    const path = (op as { path?: unknown }).path;
    if (path !== undefined && (typeof path !== 'string' || path.length > 1000))
      throw new ScimError(400, 'invalidPath', 'error.scim.invalidPath', { path: '(not text)' });
  }
  try {
    return scimPatch(resource as unknown as ScimResource, operations, {
      mutateDocument: false,
      treatMissingAsAdd: true,
    });
  } catch (err) {
    const path = String(operations.find((o) => o.path)?.path ?? '');
    if (err instanceof NoTarget || err instanceof NoPathInScimPatchOp)
      throw new ScimError(400, 'noTarget', 'error.scim.noTarget', { path });
    if (err instanceof PatchError && /path|filter|search|query/i.test(err.message))
      throw new ScimError(400, 'invalidPath', 'error.scim.invalidPath', { path });
    // Anything else the library trips over is a request it could not read.
    throw new ScimError(400, 'invalidSyntax', 'error.scim.invalidSyntax', {
      reason:
        err instanceof PatchError ? err.message.slice(0, 200) : 'the operations cannot be applied',
    });
  }
}

/**
 * Members in PATCH values as bare `{ value }`, like the members they are matched against: Entra ID
 * removes members with `[{ "$ref": null, "value": … }]`, Okta adds them with a `display`.
 */
export function bareMembers(request: unknown): unknown {
  const r = request as { Operations?: unknown };
  if (typeof request !== 'object' || request === null || !Array.isArray(r.Operations))
    return request;
  const bare = (list: unknown) =>
    Array.isArray(list)
      ? list.map((m) =>
          typeof m === 'object' && m !== null && 'value' in m ? { value: m.value } : m,
        )
      : list;
  const operations = r.Operations.map((op: unknown) => {
    if (typeof op !== 'object' || op === null) return op;
    const { path, value } = op as { path?: unknown; value?: unknown };
    if (typeof path === 'string' && path.toLowerCase() === 'members')
      return { ...op, value: bare(value) };
    if (path === undefined && typeof value === 'object' && value !== null && 'members' in value)
      return { ...op, value: { ...value, members: bare(value.members) } };
    return op;
  });
  return { ...request, Operations: operations };
}
