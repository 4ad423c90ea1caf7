import { type ReactNode, useState } from 'react';
import { useT } from '../../app/i18n';
import { Button, Dialog, ErrorState, TextAreaField } from '../../app/ui';
import { messages } from './messages';

/** Edits a JSON object in a dialog; `onSave` errors (e.g. the server's 400) show in the dialog. */
export function JsonDialog({
  title,
  initial,
  onSave,
  onClose,
}: {
  title: string;
  initial: Record<string, unknown>;
  onSave: (value: Record<string, unknown>) => Promise<void>;
  onClose: () => void;
}): ReactNode {
  const t = useT(messages);
  const [text, setText] = useState(() => JSON.stringify(initial, null, 2));
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (caught) {
      setError(new Error(t('badJson', { message: (caught as Error).message })));
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      setError(new Error(t('notObject')));
      return;
    }
    setBusy(true);
    try {
      await onSave(value as Record<string, unknown>);
      onClose();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={title}
      open
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button variant="primary" busy={busy} onClick={() => void save()}>
            {t('save')}
          </Button>
        </>
      }
    >
      <TextAreaField
        label={t('docJson')}
        className="code-area"
        rows={14}
        spellCheck={false}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      {error ? <ErrorState error={error} /> : null}
    </Dialog>
  );
}
