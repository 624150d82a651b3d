/** "Changer d'utilisateur": the staff member at the counter signs in with their PIN. */
import { useI18n } from "../i18n/i18n.js";
import { StaffPinDialog } from "./StaffPinDialog.js";
import { useStaffCommands } from "./use-staff.js";

export function SignInDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const commands = useStaffCommands();
  return (
    <StaffPinDialog
      title={t("staff.dialogTitle")}
      emptyText={t("staff.empty")}
      run={commands.signIn}
      onDone={onClose}
      onClose={onClose}
    />
  );
}
