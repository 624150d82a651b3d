/**
 * A kitchen or delivery screen on a device of its own follows the server
 * through the device event stream (an event makes the engine pull at once),
 * so a change made elsewhere shows within about a second. On the counter
 * tablet the local database already feeds it; the stream adds nothing there
 * but costs one connection.
 */
import { useEffect } from "react";

import { useServices } from "../app/services.js";
import { ServerEvents } from "../sync/server-events.js";

export function useFollowServer(): void {
  const { db, engine } = useServices();
  useEffect(() => {
    const events = new ServerEvents({ db, engine });
    events.start();
    return () => events.stop();
  }, [db, engine]);
}
