/** Time-ordered ids (UUID v7) generated on the device or the server. */
import { v7 } from "uuid";

export function newId(): string {
  return v7();
}
