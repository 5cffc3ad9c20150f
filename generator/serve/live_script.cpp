// The script `serve` adds to the pages it sends. It listens to the server's events: after a
// newer good build it reloads the page where the reader was; after a failed one it lays the
// build's errors over the last good page. Built with DOM calls and textContent only, so no
// message can inject markup.
#include "serve/files.h"

namespace ep::serve {

const char* const kLiveReloadScript = R"JS((() => {
  'use strict';
  const me = document.currentScript;
  const generation = Number(me && me.dataset.generation);
  const scrollKey = 'evidencepack-scroll:' + location.pathname;

  // Back where the reader was before the reload.
  const saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    const [x, y] = saved.split(',').map(Number);
    const restore = () => window.scrollTo(x, y);
    if (document.readyState === 'complete') restore();
    else window.addEventListener('load', restore, { once: true });
  }

  let overlay = null;
  function hideProblems() {
    if (overlay) overlay.remove();
    overlay = null;
  }
  function element(tag, text, style) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (style) e.setAttribute('style', style);
    return e;
  }
  function showProblems(problems) {
    hideProblems();
    overlay = element('section', undefined,
      'position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;' +
      'background:#fff;color:#1b1b1b;border-top:6px solid #b3261e;box-shadow:0 -4px 16px rgba(0,0,0,.25);' +
      'padding:1rem 1.5rem;font:16px/1.45 system-ui,sans-serif;');
    overlay.id = 'evidencepack-problems';
    overlay.setAttribute('role', 'alert');
    overlay.setAttribute('aria-labelledby', 'evidencepack-problems-title');
    const errors = problems.filter((p) => p.severity === 'error').length;
    const title = element('h2', errors === 1 ? 'The last change did not build: 1 error'
                                             : `The last change did not build: ${errors} errors`,
      'margin:0 0 .25rem;font-size:1.2rem;color:#b3261e;');
    title.id = 'evidencepack-problems-title';
    overlay.append(title);
    overlay.append(element('p', 'The page below is the last good build. Fix the file and save: the page updates itself.',
      'margin:0 0 .75rem;'));
    const list = element('ol', undefined, 'margin:0;padding-left:1.5rem;');
    for (const p of problems) {
      const item = element('li', undefined, 'margin:0 0 .75rem;');
      let where = p.file || '';
      if (p.line) where += ':' + p.line + (p.column ? ':' + p.column : '');
      if (where) item.append(element('code', where, 'font-weight:bold;'), ' ');
      item.append(element('span', (p.severity === 'warning' ? 'warning: ' : 'error: ') + p.message));
      if (p.source) {
        const pre = element('pre', undefined,
          'margin:.35rem 0 0;padding:.4rem .6rem;background:#f3f3f3;border-left:4px solid #b3261e;' +
          'white-space:pre-wrap;overflow-wrap:anywhere;font:14px/1.4 ui-monospace,monospace;');
        pre.append(element('span', String(p.line).padStart(4, ' ') + ' | ', 'color:#555;'), p.source);
        if (p.column > 0) {
          const caret = ' '.repeat(7 + Math.min(p.column - 1, p.source.length)) + '^';
          pre.append('\n', element('span', caret, 'color:#b3261e;font-weight:bold;'));
        }
        item.append(pre);
      }
      list.append(item);
    }
    overlay.append(list);
    const close = element('button', 'Hide', 'margin-top:.25rem;font:inherit;padding:.25rem .75rem;');
    close.type = 'button';
    close.addEventListener('click', hideProblems);
    overlay.append(close);
    document.body.append(overlay);
  }

  const events = new EventSource('/__evidencepack/events');
  events.addEventListener('state', (event) => {
    const state = JSON.parse(event.data);
    if (state.generation !== generation) {
      sessionStorage.setItem(scrollKey, window.scrollX + ',' + window.scrollY);
      events.close();
      location.reload();
      return;
    }
    if (state.errors.length) showProblems(state.errors);
    else hideProblems();
  });
})();
)JS";

}  // namespace ep::serve
