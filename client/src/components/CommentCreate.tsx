import { useId, useState, type FormEvent } from 'react';
import { useSubmission } from '../use-submission';
import { ErrorMessage } from './ErrorMessage';

export interface CommentCreateProps {
  postTitle: string;
  onCreate(content: string): Promise<void>;
}

/** The course's comment form under each post. */
export function CommentCreate({ postTitle, onCreate }: CommentCreateProps) {
  const [content, setContent] = useState('');
  const { sending, error, submit, clearError } = useSubmission();
  const inputId = useId();

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (await submit(() => onCreate(content))) setContent('');
  };

  return (
    <form className="comment-create" onSubmit={handleSubmit} aria-label={`Comment on ${postTitle}`}>
      <label htmlFor={inputId}>New comment</label>
      <div className="field-row">
        <input
          id={inputId}
          name="content"
          value={content}
          placeholder="Say something nice"
          autoComplete="off"
          onChange={(event) => {
            setContent(event.target.value);
            clearError();
          }}
        />
        <button type="submit" disabled={sending || content.trim() === ''} aria-label={`Submit comment on ${postTitle}`}>
          {sending ? 'Submitting…' : 'Submit'}
        </button>
      </div>
      <ErrorMessage message={error} />
    </form>
  );
}
