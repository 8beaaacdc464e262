// The editor's panel: the API key (kept for the browser session), and merging two entities. Reviewing a
// claim happens beside the claim, in the entity panel.
import { editorKey, ok, op, setEditorKey } from '../api.ts';
import type { App } from '../app.ts';
import { h, replace } from '../dom.ts';
import { t } from '../i18n.ts';

export function renderEdit(app: App, el: HTMLElement): void {
  const key = h('input', { type: 'password', id: 'key-input', 'aria-label': t('editorKey'), autocomplete: 'off' });
  const keep = h('input', { type: 'text', id: 'merge-keep', value: app.state.e ?? '' });
  const drop = h('input', { type: 'text', id: 'merge-drop' });
  replace(
    el,
    h('h2', {}, t('editorKey')),
    h('p', { class: 'help' }, t('keyPrompt')),
    h('form', { onsubmit: (e: Event) => { e.preventDefault(); setEditorKey(key.value || null); app.status(t('keySaved')); renderEdit(app, el); if (app.state.e) void app.open(app.state.e); } },
      key, ' ', h('button', { type: 'submit' }, 'OK'), editorKey() ? h('span', { class: 'cite' }, ' ✓') : null),
    h('h2', {}, t('merge')),
    h('form', {
      onsubmit: async (e: Event) => {
        e.preventDefault();
        if (!editorKey()) return app.status(t('needKey'));
        try {
          const kept = ok((await op('MergeEntities', { keep: keep.value.trim(), drop: drop.value.trim() })).mergeEntities);
          app.status(`${t('done')} ${kept.name}`);
          await app.open(kept.id);
        } catch (err) {
          app.status((err as Error).message);
        }
      },
    },
      h('label', {}, t('keep'), ' ', keep), ' ', h('label', {}, t('drop'), ' ', drop), ' ', h('button', { type: 'submit' }, t('merge'))),
  );
}
