/**
 * A short two-tone chime made with Web Audio (no sound file to ship). Browsers only let a page play sound after the
 * person touched it, so the console asks for one tap ("turn on the sound") and keeps the context from then on.
 */
let context = null

export function enableChime() {
  context = context || new AudioContext()
  return context.resume().then(() => chime())
}

export function chimeEnabled() {
  return context?.state === 'running'
}

export function chime() {
  if (!chimeEnabled()) return
  const start = context.currentTime
  for (const [i, frequency] of [880, 1320].entries()) {
    const oscillator = context.createOscillator()
    const gain = context.createGain()
    oscillator.frequency.value = frequency
    gain.gain.setValueAtTime(0.0001, start + i * 0.18)
    gain.gain.exponentialRampToValueAtTime(0.3, start + i * 0.18 + 0.02)
    gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.18 + 0.35)
    oscillator.connect(gain).connect(context.destination)
    oscillator.start(start + i * 0.18)
    oscillator.stop(start + i * 0.18 + 0.4)
  }
}
