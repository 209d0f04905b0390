/**
 * Installing the app. Chromium browsers fire `beforeinstallprompt` when the app is installable;
 * the event is kept (its default mini-bar suppressed) so the app can offer a quiet "Install
 * Kindling" where the learner looks for it (Me, and once on home after the third day of a
 * streak). iOS Safari never fires it: there the Add to Home Screen steps are shown instead.
 */
import { signal } from '@preact/signals';

interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

const deferred = signal<InstallPromptEvent | null>(null, { name: 'install.prompt' });

/** The browser offers installation right now. */
export const installOffered = deferred;

addEventListener('beforeinstallprompt', (event) => {
  event.preventDefault();
  deferred.value = event as InstallPromptEvent;
});
addEventListener('appinstalled', () => (deferred.value = null));

/** Shows the browser's install dialog; true when the learner installed. */
export async function promptInstall(): Promise<boolean> {
  const event = deferred.value;
  if (!event) return false;
  deferred.value = null; // a prompt can be shown once
  await event.prompt();
  return (await event.userChoice).outcome === 'accepted';
}

/** Safari on iPhone or iPad, not already opened from the home screen. */
export function iosAddToHomeScreen(): boolean {
  const ua = navigator.userAgent;
  const ios =
    /iPhone|iPad|iPod/.test(ua) || (ua.includes('Macintosh') && navigator.maxTouchPoints > 1);
  const safari = /Safari/.test(ua) && !/CriOS|FxiOS|EdgiOS/.test(ua);
  const standalone = (navigator as { standalone?: boolean }).standalone === true;
  return ios && safari && !standalone;
}

/** Whether home's one-time install suggestion has been shown (kept on the device). */
export { installNudgeSpent, spendInstallNudge } from '../client/preferences';
