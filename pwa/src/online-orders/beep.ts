/**
 * A short two-tone beep through WebAudio, so no sound file ships with the
 * app. Browsers start audio only after a tap on the page; before that the
 * beep is silently skipped (the badge still shows the order).
 */
let context: AudioContext | null = null;

export function beep(): void {
  const Audio = globalThis.AudioContext;
  if (!Audio) return;
  try {
    context ??= new Audio();
    if (context.state === "suspended") void context.resume();
    const start = context.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.18, 1320],
    ] as const) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.2, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.15);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.16);
    }
  } catch {
    // No audio device or a refused context: the badge is the signal.
  }
}
