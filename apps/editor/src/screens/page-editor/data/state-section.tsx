// Page and app state variables: type, initial value, description, persistence (setState).
import type { StateVariable, StateVariables, Value } from '@tessera/schema';
import { type ReactNode, useId, useState } from 'react';
import { useT } from '../../../app/i18n';
import type { ExpressionScope } from '../../../app/monaco';
import { Button } from '../../../app/ui';
import type { EditorDocument, EditorStore } from '../../../store';
import { ValueField } from '../inspector/fields';
import { messages } from './messages';
import { nameProblem } from './names';
import { RenameButton, RenameStatus } from './rename-form';
import { definedEntries } from './scope';

const TYPES: StateVariable['type'][] = ['string', 'number', 'boolean', 'object', 'array', 'any'];

const INITIAL: Record<StateVariable['type'], unknown> = {
  string: '',
  number: 0,
  boolean: false,
  object: {},
  array: [],
  any: null,
};

const NO_SCOPE: ExpressionScope = { roots: [] };

/** The variables of one owner (a page, or the app when pageId is undefined). */
export function StateList({
  store,
  doc,
  pageId,
  state,
  title,
  hint,
}: {
  store: EditorStore;
  doc: EditorDocument;
  pageId: string | undefined;
  state: StateVariables | undefined;
  title: string;
  hint: string;
}): ReactNode {
  const t = useT(messages);
  const headingId = useId();
  const [notice, setNotice] = useState('');
  const variables = definedEntries(state);
  const set = (name: string, variable: StateVariable | undefined) =>
    store.dispatch({ type: 'setState', ...(pageId !== undefined ? { pageId } : {}), name, variable });
  return (
    <section className="data-group" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <p className="field-hint">{hint}</p>
      {variables.length === 0 ? <p className="field-hint">{t('noVariables')}</p> : null}
      <ul className="data-list">
        {variables.map(([name, variable]) => (
          <li key={name} className="data-item">
            <div className="data-item-head">
              <code>{name}</code>
              <RenameButton
                name={name}
                label={t('renameVariable', { name })}
                taken={variables.map(([each]) => each)}
                doc={doc}
                onRename={(to) =>
                  store.dispatch({
                    type: 'renameState',
                    ...(pageId !== undefined ? { pageId } : {}),
                    from: name,
                    to,
                  })
                }
                onNotice={setNotice}
              />
              <button
                type="button"
                className="icon-btn"
                aria-label={t('removeVariable', { name })}
                onClick={() => set(name, undefined)}
              >
                ×
              </button>
            </div>
            <ValueField
              label={t('typeOf', { name })}
              kind="select"
              bindable={false}
              scope={NO_SCOPE}
              value={variable.type}
              options={TYPES.map((type) => ({ value: type, label: type }))}
              onChange={(type) => {
                const next = (type ?? 'any') as StateVariable['type'];
                if (next !== variable.type) set(name, { ...variable, type: next, initial: INITIAL[next] });
              }}
            />
            <ValueField
              label={t('initialOf', { name })}
              kind={
                variable.type === 'string'
                  ? 'string'
                  : variable.type === 'number'
                    ? 'number'
                    : variable.type === 'boolean'
                      ? 'boolean'
                      : 'json'
              }
              bindable={false}
              scope={NO_SCOPE}
              value={variable.initial as Value | undefined}
              onChange={(initial) => {
                const next: StateVariable = { ...variable };
                if (initial === undefined) delete next.initial;
                else next.initial = initial;
                set(name, next);
              }}
            />
            <ValueField
              label={t('descriptionOf', { name })}
              kind="string"
              bindable={false}
              scope={NO_SCOPE}
              value={variable.description}
              onChange={(description) => {
                const next: StateVariable = { ...variable };
                if (description === undefined || description === '') delete next.description;
                else next.description = String(description);
                set(name, next);
              }}
            />
            <ValueField
              label={t('persistOf', { name })}
              kind="boolean"
              bindable={false}
              scope={NO_SCOPE}
              value={variable.persist}
              onChange={(persist) => {
                const next: StateVariable = { ...variable };
                if (persist === true) next.persist = true;
                else delete next.persist;
                set(name, next);
              }}
            />
          </li>
        ))}
      </ul>
      <RenameStatus text={notice} />
      <AddForm
        where={title}
        taken={variables.map(([name]) => name)}
        onAdd={(name, type) => set(name, { type, initial: INITIAL[type] })}
      />
    </section>
  );
}

function AddForm({
  where,
  taken,
  onAdd,
}: {
  where: string;
  taken: string[];
  onAdd(name: string, type: StateVariable['type']): void;
}): ReactNode {
  const t = useT(messages);
  const id = useId();
  const [name, setName] = useState('');
  const [type, setType] = useState<StateVariable['type']>('string');
  const [error, setError] = useState<string | undefined>();
  return (
    <form
      className="data-add"
      onSubmit={(event) => {
        event.preventDefault();
        const trimmed = name.trim();
        const problem = nameProblem(trimmed, taken);
        if (problem) return setError(t(problem, { name: trimmed }));
        setError(undefined);
        setName('');
        onAdd(trimmed, type);
      }}
    >
      <input
        type="text"
        aria-label={t('variableName', { where })}
        placeholder={t('name')}
        value={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => setName(event.target.value)}
      />
      <select
        aria-label={t('variableType', { where })}
        value={type}
        onChange={(event) => setType(event.target.value as StateVariable['type'])}
      >
        {TYPES.map((each) => (
          <option key={each} value={each}>
            {each}
          </option>
        ))}
      </select>
      <Button type="submit">{t('addVariable')}</Button>
      {error ? (
        <div id={`${id}-error`} className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </form>
  );
}
