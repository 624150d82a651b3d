/**
 * The top bar's sign-in state: who is at the counter, and "Switch user" (or
 * "Sign in" when nobody is), which opens the PIN dialog.
 */
import { useState } from "react";

import { useMeta } from "../app/data-hooks.js";
import { useI18n } from "../i18n/i18n.js";
import { SignInDialog } from "./SignInDialog.js";
import { useStaffCommands } from "./use-staff.js";

export function StaffBadge() {
  const { t } = useI18n();
  const meta = useMeta();
  const commands = useStaffCommands();
  const [open, setOpen] = useState(false);
  const signedIn = meta?.signedIn ?? null;

  return (
    <div className="staff-badge">
      <span className="staff-name" data-staff-id={signedIn?.id ?? ""}>
        {signedIn ? t("staff.signedInAs", { name: signedIn.name }) : t("staff.nobody")}
      </span>
      <button type="button" onClick={() => setOpen(true)}>
        {signedIn ? t("staff.switchUser") : t("staff.signIn")}
      </button>
      {signedIn && (
        <button type="button" onClick={() => void commands.signOut()}>
          {t("staff.signOut")}
        </button>
      )}
      {open && <SignInDialog onClose={() => setOpen(false)} />}
    </div>
  );
}
