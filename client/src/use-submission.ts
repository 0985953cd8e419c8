import { useState } from 'react';
import { ApiError } from './api';

export interface Submission {
  sending: boolean;
  error: string | undefined;
  /** Runs the write; returns whether it succeeded. Errors are kept to be shown, never swallowed. */
  submit(write: () => Promise<void>): Promise<boolean>;
  clearError(): void;
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/** The state a form needs around one write: sending (to disable the button) and the last error. */
export function useSubmission(): Submission {
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();

  return {
    sending,
    error,
    clearError: () => setError(undefined),
    async submit(write) {
      setSending(true);
      setError(undefined);
      try {
        await write();
        return true;
      } catch (caught) {
        setError(describeError(caught));
        return false;
      } finally {
        setSending(false);
      }
    },
  };
}
