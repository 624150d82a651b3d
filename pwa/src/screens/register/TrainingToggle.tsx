/**
 * "Mode formation": a switch kept on this device (in its meta row). While on,
 * every sale is a training sale: journaled as such, marked FORMATION, and
 * kept out of the drawer and the X report.
 */
import { useEffect, useState } from "react";

import { useCommands } from "../../app/commands.js";
import { useMeta } from "../../app/data-hooks.js";
import { useI18n } from "../../i18n/i18n.js";

export function TrainingToggle() {
  const { t } = useI18n();
  const meta = useMeta();
  const commands = useCommands();
  // Shown at once, before the write reaches the live query (a controlled box would flick back).
  const [asked, setAsked] = useState<boolean | null>(null);
  const stored = meta?.trainingMode ?? false;
  const on = asked ?? stored;
  useEffect(() => {
    if (asked === stored) setAsked(null);
  }, [asked, stored]);
  return (
    <label className={`training-toggle${on ? " on" : ""}`}>
      <input
        type="checkbox"
        role="switch"
        checked={on}
        onChange={(e) => {
          const next = e.target.checked;
          setAsked(next);
          void commands.setTrainingMode(next);
        }}
      />
      <span>{t("training.toggle")}</span>
    </label>
  );
}
