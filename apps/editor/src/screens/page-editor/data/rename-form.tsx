// Renaming a state variable or a query from the data panel: a name field that refuses bad or taken
// names with the reason, then one store action (renameState / renameQuery) that rewrites the
// references; the list says what happened, and which code blocks to check by hand.
import { type ReactNode, useId, useState } from 'react';
import { useT } from '../../../app/i18n';
import { Button } from '../../../app/ui';
import type { DispatchResult, EditorDocument } from '../../../store';
import { codeBlocksMentioning } from '../../../store';
import { messages } from './messages';
import { nameProblem } from './names';

/** The "Rename" button of one entry, opening its name field in place. */
export function RenameButton({
  name,
  label,
  taken,
  doc,
  onRename,
  onNotice,
}: {
  name: string;
  /** accessible name of the button, e.g. "Rename variable count" */
  label: string;
  /** names the new one may not take */
  taken: readonly string[];
  doc: EditorDocument;
  onRename(to: string): DispatchResult;
  /** what happened, to show in the list (the entry itself is rendered anew under its new name) */
  onNotice(text: string): void;
}): ReactNode {
  const t = useT(messages);
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(name);
  const [error, setError] = useState<string | undefined>();
  if (!editing)
    return (
      <Button
        variant="ghost"
        aria-label={label}
        onClick={() => {
          setText(name);
          setError(undefined);
          setEditing(true);
        }}
      >
        {t('rename')}
      </Button>
    );
  return (
    <form
      className="data-rename"
      onSubmit={(event) => {
        event.preventDefault();
        const to = text.trim();
        if (to === name) return setEditing(false);
        const problem = nameProblem(to, taken);
        if (problem) return setError(t(problem, { name: to }));
        const blocks = codeBlocksMentioning(doc, name);
        const result = onRename(to);
        if (!result.ok) return setError(t('renameRefused', { reason: result.reason }));
        setEditing(false);
        const done = t('renamed', { from: name, to });
        const check =
          blocks.length > 0 ? ` ${t('codeNotRewritten', { blocks: blocks.join(', '), from: name })}` : '';
        onNotice(done + check);
      }}
    >
      <input
        type="text"
        // biome-ignore lint/a11y/noAutofocus: the field opens on the builder's click, to be typed in
        autoFocus
        spellCheck={false}
        aria-label={t('newName', { name })}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            setEditing(false);
          }
        }}
      />
      <Button type="submit" variant="primary">
        {t('rename')}
      </Button>
      <Button onClick={() => setEditing(false)}>{t('cancel')}</Button>
      {error ? (
        <div id={`${id}-error`} className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </form>
  );
}

/** The outcome of the last rename in a list (a live region, so screen readers hear it). */
export function RenameStatus({ text }: { text: string }): ReactNode {
  return (
    <p className="field-hint data-notice" role="status">
      {text}
    </p>
  );
}
