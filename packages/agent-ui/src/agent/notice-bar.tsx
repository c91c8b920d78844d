import type { Notice } from './agent-desktop.js';

/** The last error (announced at once) or piece of news (announced politely). */
export function NoticeBar({ notice, onDismiss }: { notice: Notice | undefined; onDismiss: () => void }) {
  if (notice === undefined) return <div role="status" class="notice-empty" />;
  return (
    <div role={notice.kind === 'error' ? 'alert' : 'status'} class={`notice notice-${notice.kind}`}>
      <span>{notice.text}</span>
      <button type="button" class="link" onClick={onDismiss} aria-label="Dismiss message">×</button>
    </div>
  );
}
