/**
 * PIN verifiers: HMAC-SHA256(device key, staffId + ":" + PIN), in base64.
 * Without the device's key (which no script can export) a verifier does not
 * let anyone try PINs, so a dump of the data reveals none; a copy of the
 * browser's files holds the key too (docs/security.md). Compared as bytes in
 * constant time.
 */

export async function pinVerifier(key: CryptoKey, staffId: string, pin: string): Promise<string> {
  const data = new TextEncoder().encode(`${staffId}:${pin}`);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, data));
  return toBase64(mac);
}

/** Equal verifiers, compared over every byte whatever differs first. */
export function sameVerifier(a: string, b: string): boolean {
  const left = fromBase64(a);
  const right = fromBase64(b);
  let difference = left.length ^ right.length;
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    difference |= (left[i] ?? 0) ^ (right[i] ?? 0);
  }
  return difference === 0;
}

function toBase64(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

function fromBase64(text: string): Uint8Array {
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  } catch {
    return new Uint8Array(0);
  }
}
