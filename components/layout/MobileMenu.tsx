'use client';
import { usePathname } from 'next/navigation';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * The header's menu below the md breakpoint: a disclosure button and the panel it opens. It closes
 * on navigation and on Escape (focus goes back to the button), so a phone never keeps a stale menu.
 */
export function MobileMenu({ children }: { children: ReactNode }) {
  const [isOpen, setIsOpen] = useState(false);
  const pathname = usePathname();
  const [openedAt, setOpenedAt] = useState(pathname);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  // Navigating from inside the menu closes it (state derived during render, not in an effect).
  if (isOpen && openedAt !== pathname) setIsOpen(false);

  useEffect(() => {
    if (!isOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setIsOpen(false);
      button.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [isOpen]);

  return (
    <div className="md:hidden">
      <button
        ref={button}
        type="button"
        aria-expanded={isOpen}
        aria-controls={panelId}
        onClick={() => {
          setOpenedAt(pathname);
          setIsOpen((o) => !o);
        }}
        className="flex items-center gap-2 rounded-md border border-edge px-3 py-1.5 text-sm hover:bg-edge"
      >
        <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 fill-current">
          {isOpen ? <path d="M4.3 4.3a1 1 0 0 1 1.4 0L10 8.6l4.3-4.3a1 1 0 1 1 1.4 1.4L11.4 10l4.3 4.3a1 1 0 0 1-1.4 1.4L10 11.4l-4.3 4.3a1 1 0 0 1-1.4-1.4L8.6 10 4.3 5.7a1 1 0 0 1 0-1.4z" /> : <path d="M3 5h14v2H3zm0 4h14v2H3zm0 4h14v2H3z" />}
        </svg>
        Menu
      </button>
      <div id={panelId} hidden={!isOpen} className="absolute inset-x-0 top-full z-40 border-b border-edge bg-panel px-4 py-3 shadow-lg">
        {children}
      </div>
    </div>
  );
}
