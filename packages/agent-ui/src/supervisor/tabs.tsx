import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

export interface Tab {
  readonly id: string;
  readonly label: string;
}

/**
 * An ARIA tab list: arrow keys, Home and End move between tabs (and select them); only the
 * selected tab is in the tab order. The panels stay mounted (hidden), so drafts survive a
 * switch.
 */
export function Tabs({ tabs, selected, onSelect, panels }: { tabs: readonly Tab[]; selected: string; onSelect: (id: string) => void; panels: Readonly<Record<string, ComponentChildren>> }) {
  const list = useRef<HTMLDivElement>(null);
  const move = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === selected);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : undefined;
    if (next === undefined) return;
    e.preventDefault();
    const t = tabs[(next + tabs.length) % tabs.length];
    if (t === undefined) return;
    onSelect(t.id);
    list.current?.querySelector<HTMLButtonElement>(`#tab-${t.id}`)?.focus();
  };
  return (
    <>
      <div class="tabs" role="tablist" aria-label="Console sections" ref={list} onKeyDown={move}>
        {tabs.map((t) => (
          <button key={t.id} id={`tab-${t.id}`} type="button" role="tab" aria-selected={t.id === selected} aria-controls={`panel-${t.id}`} tabIndex={t.id === selected ? 0 : -1} onClick={() => onSelect(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      {tabs.map((t) => (
        <div key={t.id} id={`panel-${t.id}`} role="tabpanel" aria-labelledby={`tab-${t.id}`} hidden={t.id !== selected} class="panel">
          {panels[t.id]}
        </div>
      ))}
    </>
  );
}
