/**
 * The manager shell: sign-in when nobody is, a polite refusal for staff who
 * are not managers, and otherwise the menu of MANAGE_PAGES (./nav.ts), the
 * signed-in manager, sign-out and sign-out everywhere, around the page of the
 * address. Pages read the manager with useManager().
 */
import { createContext, Suspense, useContext } from "react";

import { Link, navigate } from "../app/router.js";
import { useI18n } from "../i18n/i18n.js";
import { errorText } from "./error-text.js";
import { findManagePage, MANAGE_PAGES } from "./nav.js";
import { useMe, useSignOut, useSignOutEverywhere, type SignedIn } from "./session.js";
import { SignInForm } from "./SignInForm.js";

export interface Manager {
  id: string;
  name: string;
  /** Store ids, or ["*"] for every store. */
  storeIds: string[];
  allStores: boolean;
}

const ManagerContext = createContext<Manager | null>(null);

/** The signed-in manager; only inside a page of the manager shell. */
export function useManager(): Manager {
  const manager = useContext(ManagerContext);
  if (!manager) throw new Error("useManager is for pages inside the manager shell");
  return manager;
}

export function ManageShell({ path }: { path: string }) {
  const { t } = useI18n();
  const me = useMe();
  const signOut = useSignOut();

  if (me.isPending) return <p aria-busy="true">{t("web.loading")}</p>;
  if (me.isError) {
    return (
      <p className="form-error" role="alert">
        {errorText(t, me.error)}
      </p>
    );
  }
  const account = me.data?.account;
  if (!account) return <SignInForm account="staff" />;
  if (account.kind !== "staff" || account.role !== "manager") {
    return (
      <section className="web-card">
        <p>{t("web.manage.notManager", { role: account.role ?? account.kind })}</p>
        <button type="button" onClick={() => signOut.mutate()}>
          {t("web.signout")}
        </button>
      </section>
    );
  }
  return <ManagerPages path={path} account={account} />;
}

function ManagerPages({ path, account }: { path: string; account: SignedIn }) {
  const { t } = useI18n();
  const signOut = useSignOut();
  const everywhere = useSignOutEverywhere();
  const page = findManagePage(path);
  const storeIds = account.storeIds ?? [];
  const manager: Manager = {
    id: account.id,
    name: account.name,
    storeIds,
    allStores: storeIds.includes("*"),
  };

  return (
    <ManagerContext.Provider value={manager}>
      <div className="manage-bar">
        <nav aria-label={t("web.manage.nav")} className="app-nav manage-nav">
          {MANAGE_PAGES.map((item) => (
            <Link key={item.path} to={item.path}>
              {t(item.label)}
            </Link>
          ))}
        </nav>
        <span className="manage-who">{t("web.manage.signedInAs", { name: account.name })}</span>
        <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          {t("web.signout")}
        </button>
        <button type="button" onClick={() => everywhere.mutate()} disabled={everywhere.isPending}>
          {t("web.signout.everywhere")}
        </button>
      </div>
      {everywhere.isError && (
        <p className="form-error" role="alert">
          {errorText(t, everywhere.error)}
        </p>
      )}
      <Suspense fallback={<p aria-busy="true">{t("web.loading")}</p>}>
        {page ? <page.Page /> : <NotFound />}
      </Suspense>
    </ManagerContext.Provider>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <p>
      <button type="button" className="link-button" onClick={() => navigate("/manage")}>
        {t("web.manage.title")}
      </button>
    </p>
  );
}
