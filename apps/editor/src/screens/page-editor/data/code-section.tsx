// Code blocks of the app: TypeScript in monaco, checked by its TS worker against the
// declarations of the app's scope; the exports are read from the source (setCodeBlock).
import type { CodeBlock } from '@tessera/schema';
import { type ReactNode, useId, useMemo, useState } from 'react';
import { useT } from '../../../app/i18n';
import { CodeEditor } from '../../../app/monaco';
import { Button } from '../../../app/ui';
import type { EditorDocument, EditorStore } from '../../../store';
import { messages } from './messages';
import { nameProblem } from './names';
import { definedEntries, scopeDeclarations } from './scope';

const STARTER = `/** Called from expressions as code.{name}.format(value) */\nexport function format(value: number): string {\n  return value.toFixed(2);\n}\n`;

/** Names a module exports at its top level: functions, consts, classes and \`export { a, b as c }\`. */
export function exportedNames(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(
    /export\s+(?:async\s+)?(?:function\*?|const|let|var|class)\s+([A-Za-z_$][\w$]*)/g,
  ))
    names.add(match[1]!);
  for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of match[1]!.split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (name && /^[A-Za-z_][\w]*$/.test(name)) names.add(name);
    }
  }
  return [...names].filter((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name));
}

export function CodeBlocks({ store, doc }: { store: EditorStore; doc: EditorDocument }): ReactNode {
  const t = useT(messages);
  const headingId = useId();
  const blocks = definedEntries(doc.app.codeBlocks);
  const declarations = useMemo(() => scopeDeclarations(doc), [doc]);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const set = (blockName: string, block: CodeBlock | undefined) =>
    store.dispatch({ type: 'setCodeBlock', name: blockName, block });
  return (
    <section className="data-group" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('code')}</h3>
      <p className="field-hint">{t('codeHint')}</p>
      {blocks.length === 0 ? <p className="field-hint">{t('noCode')}</p> : null}
      {blocks.map(([blockName, block]) => (
        <div key={blockName} className="data-item">
          <div className="data-item-head">
            <code>{blockName}</code>
            <select
              aria-label={t('blockLanguage', { name: blockName })}
              value={block.language ?? 'ts'}
              onChange={(event) => set(blockName, { ...block, language: event.target.value as 'ts' | 'js' })}
            >
              <option value="ts">TypeScript</option>
              <option value="js">JavaScript</option>
            </select>
            <button
              type="button"
              className="icon-btn"
              aria-label={t('removeBlock', { name: blockName })}
              onClick={() => set(blockName, undefined)}
            >
              ×
            </button>
          </div>
          <CodeEditor
            label={t('blockSource', { name: blockName })}
            fileName={`blocks/${blockName}.${block.language === 'js' ? 'js' : 'ts'}`}
            language={block.language === 'js' ? 'javascript' : 'typescript'}
            declarations={declarations}
            value={block.source}
            height={220}
            onChange={(source) => set(blockName, { ...block, source, exports: exportedNames(source) })}
          />
          <p className="field-hint">
            {block.exports.length ? t('blockExports', { names: block.exports.join(', ') }) : t('noExports')}
          </p>
        </div>
      ))}
      <form
        className="data-add"
        onSubmit={(event) => {
          event.preventDefault();
          const trimmed = name.trim();
          const problem = nameProblem(
            trimmed,
            blocks.map(([existing]) => existing),
          );
          if (problem) return setError(t(problem, { name: trimmed }));
          setError(undefined);
          setName('');
          const source = STARTER.replace('{name}', trimmed);
          set(trimmed, { language: 'ts', source, exports: exportedNames(source) });
        }}
      >
        <input
          type="text"
          aria-label={t('blockName')}
          placeholder={t('name')}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <Button type="submit">{t('addBlock')}</Button>
        {error ? (
          <div className="field-error" role="alert">
            {error}
          </div>
        ) : null}
      </form>
    </section>
  );
}
