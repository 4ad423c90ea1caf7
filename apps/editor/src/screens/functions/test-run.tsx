import { type ReactNode, useState } from 'react';
import { api } from '../../app/api';
import { useT } from '../../app/i18n';
import { Button, ErrorState, TextAreaField, useSubmit } from '../../app/ui';
import { type Invocation, InvocationView } from './invocation';
import { messages } from './messages';

/** Runs the active version with a JSON event and shows what happened. */
export function TestRun({ base, deployed }: { base: string; deployed: boolean }): ReactNode {
  const t = useT(messages);
  const [event, setEvent] = useState('{\n  "name": "test"\n}');
  const [result, setResult] = useState<Invocation | null>(null);
  const { busy, error, setError, run: submit } = useSubmit();
  const run = async () => {
    let parsed: unknown;
    try {
      parsed = event.trim() ? JSON.parse(event) : null;
    } catch (caught) {
      setError(new Error((caught as Error).message));
      return;
    }
    await submit(async () => {
      setResult(await api.post<Invocation>(`${base}/test`, { event: parsed }));
    });
  };
  return (
    <div className="fn-test">
      <TextAreaField
        label={t('event')}
        className="code-area"
        rows={8}
        spellCheck={false}
        value={event}
        onChange={(e) => setEvent(e.target.value)}
      />
      <Button variant="primary" busy={busy} disabled={!deployed} onClick={() => void run()}>
        {t('run')}
      </Button>
      {!deployed ? <p className="field-hint">{t('notDeployed')}</p> : null}
      {error ? <ErrorState error={error} /> : null}
      {result ? (
        <section aria-label={t('result')}>
          <InvocationView invocation={result} />
        </section>
      ) : null}
    </div>
  );
}
