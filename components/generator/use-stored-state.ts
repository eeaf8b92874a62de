'use client';
import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';

/**
 * State kept in localStorage under `key`, so the form and its open sections survive a reload. The
 * server renders `initial`; the stored value is read after mount (no hydration mismatch), merged
 * through `restore`, which drops what no longer applies (a model that is gone).
 */
export function useStoredState<T>(key: string, initial: T, restore: (stored: unknown, initial: T) => T = (s) => s as T): [T, Dispatch<SetStateAction<T>>, boolean] {
  const [value, setValue] = useState(initial);
  const [restored, setRestored] = useState(false);
  const restoreRef = useRef(restore);
  useEffect(() => {
    try {
      const raw = window.localStorage.getItem(key);
      if (raw !== null) setValue((v) => restoreRef.current(JSON.parse(raw), v));
    } catch {
      // A corrupt or unreadable entry is the same as none.
    }
    setRestored(true);
  }, [key]);
  useEffect(() => {
    if (!restored) return;
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch {
      // Private mode or a full quota: the form still works, it just is not remembered.
    }
  }, [key, value, restored]);
  return [value, setValue, restored];
}
