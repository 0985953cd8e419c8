import { useId, useState, type FormEvent } from 'react';
import { useSubmission } from '../use-submission';
import { ErrorMessage } from './ErrorMessage';

export interface PostCreateProps {
  onCreate(title: string): Promise<void>;
}

/** The course's "Create Post" form. */
export function PostCreate({ onCreate }: PostCreateProps) {
  const [title, setTitle] = useState('');
  const { sending, error, submit, clearError } = useSubmission();
  const inputId = useId();

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (await submit(() => onCreate(title))) setTitle('');
  };

  return (
    <form className="post-create" onSubmit={handleSubmit} aria-label="Create post">
      <label htmlFor={inputId}>Title</label>
      <div className="field-row">
        <input
          id={inputId}
          name="title"
          value={title}
          placeholder="What is your post about?"
          autoComplete="off"
          onChange={(event) => {
            setTitle(event.target.value);
            clearError();
          }}
        />
        <button type="submit" disabled={sending || title.trim() === ''}>
          {sending ? 'Submitting…' : 'Submit'}
        </button>
      </div>
      <ErrorMessage message={error} />
    </form>
  );
}
