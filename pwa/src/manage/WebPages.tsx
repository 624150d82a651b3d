/**
 * The online-only pages outside the counter: the manager shell (/manage/...),
 * the customer account (/account) and the two pages mails link to
 * (/reset-password, /verify-email). They need no paired counter, share a
 * plain header with the language switch, and say so when the network is gone.
 */
import { Suspense, lazy } from "react";

import { LanguageSwitch } from "../components/LanguageSwitch.js";
import { useI18n } from "../i18n/i18n.js";
import { OfflineNotice } from "./OfflineNotice.js";
import "./manage.css";

const ManageShell = lazy(async () => ({ default: (await import("./ManageShell.js")).ManageShell }));
const AccountPage = lazy(async () => ({
  default: (await import("../account/AccountPage.js")).AccountPage,
}));
const ResetPasswordPage = lazy(async () => ({
  default: (await import("../account/ResetPasswordPage.js")).ResetPasswordPage,
}));
const VerifyEmailPage = lazy(async () => ({
  default: (await import("../account/VerifyEmailPage.js")).VerifyEmailPage,
}));

const PAGES = ["/account", "/reset-password", "/verify-email"];

export function isWebPage(path: string): boolean {
  return path === "/manage" || path.startsWith("/manage/") || PAGES.includes(path);
}

export function WebPages({ path }: { path: string }) {
  const { t } = useI18n();
  const manage = path === "/manage" || path.startsWith("/manage/");
  return (
    <div className="app web-app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-name">OC Pizza</span>
          <span className="brand-store">
            {manage ? t("web.manage.title") : t("web.account.title")}
          </span>
        </div>
        <LanguageSwitch />
      </header>
      <OfflineNotice />
      <main className="app-main web-main">
        <Suspense fallback={<p aria-busy="true">{t("web.loading")}</p>}>
          {manage ? (
            <ManageShell path={path} />
          ) : path === "/reset-password" ? (
            <ResetPasswordPage />
          ) : path === "/verify-email" ? (
            <VerifyEmailPage />
          ) : (
            <AccountPage />
          )}
        </Suspense>
      </main>
    </div>
  );
}
