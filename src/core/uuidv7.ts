/**
 * UUIDv7: 48 bits of Unix milliseconds, then random bits, so ids sort by creation time.
 *
 * @example
 * uuidv7(() => 0, (n) => new Uint8Array(n)) // '00000000-0000-7000-8000-000000000000'
 */
export function uuidv7(
  now: () => number = Date.now,
  random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n)),
): string {
  const bytes = random(16);
  let ms = now();
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
