import type { WorkspaceInfo } from '../api/types';
import { format, LOCALE, type Lang } from '../i18n';

/**
 * The banner of a read-only workspace, or `null` when it can be changed. Opened beside the Kader
 * that edits it (`locked_by`): who has it open, since when (in the reader's time zone), and that
 * the view follows its changes; otherwise the reason the engine gives (a newer file format).
 */
export function readOnlyBanner(lang: Lang, info: WorkspaceInfo, timeZone?: string): string | null {
  if (!info.read_only) return null;
  const holder = info.locked_by;
  if (!holder) return format(lang, 'app.readOnly', { reason: info.read_only });
  const since = new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(holder.since),
  );
  const who =
    holder.user && holder.host
      ? format(lang, 'app.lockedBy.who', { user: holder.user, host: holder.host })
      : holder.user || holder.host || format(lang, 'app.lockedBy.process', { pid: String(holder.pid) });
  return format(lang, 'app.lockedBy', { app: holder.app, who, since });
}
