/**
 * The Learning Record Store's refusals (`/xapi`, issue 19), English: the reference. Statement
 * problems name the JSON path and say what the specification asks for there.
 */
export const en = {
  'error.xapi.statement': 'Invalid statement at {path}: {problem}.',
  'error.xapi.parameter': 'Parameter {name}: {problem}.',
  'error.xapi.version':
    'Send the X-Experience-API-Version header with a version this LRS speaks (1.0.x or 2.0.x).',
  'error.xapi.credentials': 'Sign in to the LRS with a key and secret (HTTP Basic).',
  'error.xapi.readOnly': 'This LRS key may only read.',
  'error.xapi.conflict': 'A different statement with the id {id} is already stored.',
  'error.xapi.noStatement': 'No such statement.',
  'error.xapi.noDocument': 'No such document.',
  'error.xapi.documentExists':
    'This document already exists: send If-Match with its ETag, or If-None-Match: * to create only.',
  'error.xapi.precondition':
    'The document is not in the state your If-Match or If-None-Match expects.',
  'error.xapi.notJson': 'Both the stored and the sent document must be JSON objects to merge them.',
  'error.xapi.noCredential': 'No such LRS credential.',
  'error.xapi.attachment': 'Attachment {part}: {problem}.',
  'error.xapi.signature': 'The signature at {path}: {problem}.',
  'error.xapi.body': 'The request body must be {what}.',
} as const;
