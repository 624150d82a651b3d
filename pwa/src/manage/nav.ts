/**
 * The pages of the manager shell (/manage/...), in the order of its menu.
 * The shell shows the page whose path matches the address, and the first one
 * at /manage itself. Pages load lazily: a counter tablet never downloads them.
 *
 * Adding a page is one line in MANAGE_PAGES, e.g. the sales dashboard:
 *
 *   { path: "/manage/sales", label: "web.manage.nav.sales",
 *     Page: lazyPage(() => import("./sales/SalesPage.js"), "SalesPage") },
 *
 * The page module exports its component by name; it is rendered inside the
 * shell (signed in as a manager, online notice and language switch around it)
 * and reads the manager with `useManager()` from ./ManageShell.js. Its label
 * is a key of the i18n dictionaries ("web.manage.nav.sales" exists already).
 */
import { lazy, type ComponentType, type LazyExoticComponent } from "react";

import type { MessageKey } from "../i18n/fr.js";

export interface ManagePage {
  /** The address, under /manage/. */
  path: `/manage/${string}`;
  label: MessageKey;
  Page: LazyExoticComponent<ComponentType>;
}

/** A lazily loaded page from a module that exports it under `name`. */
export function lazyPage<M>(
  load: () => Promise<M>,
  name: keyof M & string,
): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] as unknown as ComponentType }));
}

export const MANAGE_PAGES: ManagePage[] = [
  {
    path: "/manage/devices",
    label: "web.manage.nav.devices",
    Page: lazyPage(() => import("./devices/DevicesPage.js"), "DevicesPage"),
  },
  {
    path: "/manage/sales",
    label: "web.manage.nav.sales",
    Page: lazyPage(() => import("./sales/SalesPage.js"), "SalesPage"),
  },
  {
    path: "/manage/alerts",
    label: "alerts.title",
    Page: lazyPage(() => import("./alerts/AlertsPage.js"), "AlertsPage"),
  },
  {
    path: "/manage/menu",
    label: "web.manage.nav.menu",
    Page: lazyPage(() => import("./menu/MenuPage.js"), "MenuPage"),
  },
  {
    path: "/manage/staff",
    label: "web.manage.nav.staff",
    Page: lazyPage(() => import("./staff/StaffPage.js"), "StaffPage"),
  },
  {
    path: "/manage/stores",
    label: "web.manage.nav.stores",
    Page: lazyPage(() => import("./stores/StoreSettingsPage.js"), "StoreSettingsPage"),
  },
  {
    path: "/manage/payments",
    label: "payments.nav",
    Page: lazyPage(() => import("./payments/PaymentsPage.js"), "PaymentsPage"),
  },
  {
    path: "/manage/password",
    label: "web.manage.nav.password",
    Page: lazyPage(() => import("./PasswordPage.js"), "PasswordPage"),
  },
];

/** The page for an address under /manage (the first page for /manage itself), or null. */
export function findManagePage(path: string): ManagePage | null {
  const trimmed = path.replace(/\/+$/, "");
  if (trimmed === "/manage") return MANAGE_PAGES[0] ?? null;
  return MANAGE_PAGES.find((page) => page.path === trimmed) ?? null;
}
