/**
 * A router of four addresses (/, /orders, /x, /pair) on the History API: the
 * service worker answers every navigation with index.html, so any of them
 * opens offline.
 */
import { useSyncExternalStore, type MouseEvent, type ReactNode } from "react";

export type Route =
  | "/"
  | "/orders"
  | "/x"
  | "/pair"
  // The kitchen and the drivers (pwa/src/kitchen, pwa/src/delivery).
  | "/kitchen"
  | "/delivery"
  // Online-only pages outside the counter (pwa/src/manage/WebPages.tsx).
  | `/manage${string}`
  | "/account"
  | "/reset-password"
  | "/verify-email"
  // The public store finder (pwa/src/stores).
  | "/stores"
  // Online ordering and an order's page (pwa/src/order).
  | "/order"
  | `/order/${string}`;

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

export function navigate(path: Route, options: { replace?: boolean } = {}): void {
  if (window.location.pathname === path) return;
  if (options.replace) window.history.replaceState(null, "", path);
  else window.history.pushState(null, "", path);
  for (const listener of listeners) listener();
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export function Link({
  to,
  children,
  className,
}: {
  to: Route;
  children: ReactNode;
  className?: string;
}) {
  const current = usePath() === to;
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a
      href={to}
      onClick={onClick}
      className={className}
      aria-current={current ? "page" : undefined}
    >
      {children}
    </a>
  );
}
