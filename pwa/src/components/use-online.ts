/** navigator.onLine as React state, following the online and offline events. */
import { useSyncExternalStore } from "react";

function subscribe(listener: () => void): () => void {
  window.addEventListener("online", listener);
  window.addEventListener("offline", listener);
  return () => {
    window.removeEventListener("online", listener);
    window.removeEventListener("offline", listener);
  };
}

export function useNavigatorOnline(): boolean {
  return useSyncExternalStore(subscribe, () => navigator.onLine);
}
