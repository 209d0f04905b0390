/**
 * The alphabet of content ids (modules, lessons, cards, quiz options): lowercase letters, digits,
 * `-`, and `.` between parts. The importer makes ids in this alphabet and ingest refuses anything
 * else, so an id can never carry a separator or a formula into an export.
 */
export const CONTENT_ID = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)*$/;

export const isContentId = (value: string): boolean => CONTENT_ID.test(value);
