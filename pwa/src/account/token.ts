/**
 * The token of a mailed link (?token=...): read from the address, then taken
 * out of it once the page shows, so it does not stay in the history or go on
 * in a Referer header.
 */
import { useEffect, useState } from "react";

export function useLinkToken(): string | null {
  const [token] = useState(() => {
    const value = new URLSearchParams(window.location.search).get("token");
    return value && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
  });
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has("token")) return;
    url.searchParams.delete("token");
    window.history.replaceState(null, "", url.pathname + url.search);
  }, []);
  return token;
}
