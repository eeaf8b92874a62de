/** What handling one event did, recorded on its stripe_events row. */
export type Outcome = {
  status: 'processed' | 'ignored' | 'deferred';
  note?: string;
  /** Deferred events: the payment intent they wait for. */
  waitingFor?: string;
  /** Users whose balance or plan changed, told live after commit. */
  users?: string[];
  /** A payment intent now known, whose deferred events can run. */
  resolved?: string;
};

export const ignored = (note: string): Outcome => ({ status: 'ignored', note });
