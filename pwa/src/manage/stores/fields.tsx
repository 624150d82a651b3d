/**
 * The inputs of the store settings page: a week of opening ranges (add,
 * change, remove; at most four a day, as the server allows), the list of
 * closed days, and one labelled text field.
 */
import { useState } from "react";

import { MAX_RANGES_PER_DAY, WEEKDAYS, type TimeRange, type Weekday } from "@ocpizza/schema";

import type { StoreWords } from "../../stores/words.js";

export function HoursFields({
  hours,
  words: w,
  onChange,
}: {
  hours: Record<Weekday, TimeRange[]>;
  words: StoreWords;
  onChange: (hours: Record<Weekday, TimeRange[]>) => void;
}) {
  const setDay = (day: Weekday, ranges: TimeRange[]) => onChange({ ...hours, [day]: ranges });
  return (
    <fieldset>
      <legend>{w("settings.hours")}</legend>
      <p className="hint">{w("settings.hoursHint")}</p>
      {WEEKDAYS.map((day) => (
        <div key={day} className="settings-day">
          <span>{w(`day.${day}`)}</span>
          {hours[day].map((range, index) => (
            <span key={index}>
              <input
                type="time"
                aria-label={`${w(`day.${day}`)} ${index + 1} ⟶`}
                value={range.opens}
                onChange={(e) =>
                  setDay(day, replaceAt(hours[day], index, { ...range, opens: e.target.value }))
                }
              />
              {" – "}
              <input
                type="time"
                aria-label={`${w(`day.${day}`)} ${index + 1} ⟵`}
                value={range.closes}
                onChange={(e) =>
                  setDay(day, replaceAt(hours[day], index, { ...range, closes: e.target.value }))
                }
              />
              <button
                type="button"
                onClick={() =>
                  setDay(
                    day,
                    hours[day].filter((_, i) => i !== index),
                  )
                }
              >
                {w("settings.removeRange")}
              </button>
            </span>
          ))}
          {hours[day].length < MAX_RANGES_PER_DAY && (
            <button
              type="button"
              onClick={() => setDay(day, [...hours[day], { opens: "18:00", closes: "23:00" }])}
            >
              {w("settings.addRange")}
            </button>
          )}
        </div>
      ))}
    </fieldset>
  );
}

export function ClosedDaysField({
  days,
  words: w,
  onChange,
}: {
  days: string[];
  words: StoreWords;
  onChange: (days: string[]) => void;
}) {
  const [day, setDay] = useState("");
  return (
    <fieldset>
      <legend>{w("settings.closedDays")}</legend>
      <ul>
        {days.map((d) => (
          <li key={d}>
            {d}{" "}
            <button type="button" onClick={() => onChange(days.filter((x) => x !== d))}>
              {w("settings.removeRange")}
            </button>
          </li>
        ))}
      </ul>
      <span>
        <input
          type="date"
          value={day}
          onChange={(e) => setDay(e.target.value)}
          aria-label={w("settings.closedDays")}
        />
        <button
          type="button"
          disabled={day === "" || days.includes(day)}
          onClick={() => onChange([...days, day].sort())}
        >
          {w("settings.addDay")}
        </button>
      </span>
    </fieldset>
  );
}

export function Field({
  label,
  value,
  onChange,
  type = "text",
  inputMode,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: string;
  inputMode?: "decimal" | "numeric";
}) {
  return (
    <label>
      {label}{" "}
      <input
        type={type}
        inputMode={inputMode}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}

function replaceAt<T>(list: T[], index: number, item: T): T[] {
  return list.map((current, i) => (i === index ? item : current));
}
