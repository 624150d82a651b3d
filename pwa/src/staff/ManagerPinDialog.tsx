/**
 * A manager's approval of a sensitive action (a void or refund after payment,
 * the drawer opened without a sale): a manager verified on this counter types
 * their PIN, and their id goes on the command as `approvedByStaffId`.
 */
import { useI18n } from "../i18n/i18n.js";
import { StaffPinDialog } from "./StaffPinDialog.js";
import { useStaffCommands } from "./use-staff.js";

interface ManagerPinDialogProps {
  onApproved: (managerId: string) => void;
  onClose: () => void;
}

export function ManagerPinDialog({ onApproved, onClose }: ManagerPinDialogProps) {
  const { t } = useI18n();
  const commands = useStaffCommands();
  return (
    <StaffPinDialog
      title={t("manager.title")}
      intro={t("manager.intro")}
      accepts={(row) => row.role === "manager"}
      emptyText={t("manager.none")}
      run={commands.approve}
      onDone={(manager) => onApproved(manager.id)}
      onClose={onClose}
    />
  );
}
