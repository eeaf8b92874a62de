'use client';
import { useActionState } from 'react';
import { ActionMessage, type FormAction } from '../ActionMessage';

type Props = {
  userId: string;
  role: 'user' | 'admin';
  isSelf: boolean;
  action: FormAction;
};

export function RoleForm({ userId, role, isSelf, action }: Props) {
  const [state, run, pending] = useActionState(action, undefined);
  return (
    <form action={run} className="space-y-3">
      <input type="hidden" name="userId" value={userId} />
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-sm">
          Role
          <select name="role" defaultValue={role} disabled={isSelf} className="rounded-md border border-edge bg-ink px-3 py-2 text-sm">
            <option value="user">User</option>
            <option value="admin">Admin</option>
          </select>
        </label>
        <button type="submit" disabled={pending || isSelf} className="rounded-md border border-edge px-4 py-2 text-sm font-medium text-zinc-200 hover:bg-edge/60 disabled:opacity-50">
          {pending ? 'Saving…' : 'Change role'}
        </button>
      </div>
      {isSelf && <p className="text-sm text-zinc-400">You cannot change your own role; another admin can.</p>}
      <ActionMessage state={state} className="min-h-5 text-sm" />
    </form>
  );
}
