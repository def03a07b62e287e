// The paste page: sends the article to POST /api/v1/extract and lists the
// events found, each with its evidence sentence and the trigger and figures
// highlighted. Offsets in uro.document/v1 count code points, so the sentence
// is split with Array.from, never indexed as UTF-16.
'use strict';
(function () {
  const {T, fmt, esc, colour} = window.uroCommon;
  const form = document.getElementById('paste');
  const status = document.getElementById('paste-status');
  const list = document.getElementById('paste-events');
  const root = document.documentElement;

  // highlight marks [start, end) code-point spans (absolute offsets) inside
  // the span sp, which starts at sp.start.
  function highlight(sp, marks) {
    const cps = Array.from(sp.text);
    const cls = new Array(cps.length).fill('');
    for (const m of marks) {
      for (let i = Math.max(0, m.start - sp.start); i < Math.min(cps.length, m.end - sp.start); i++) {
        if (!cls[i].includes(m.cls)) cls[i] = (cls[i] + ' ' + m.cls).trim();
      }
    }
    let out = '', i = 0;
    while (i < cps.length) {
      let j = i;
      while (j < cps.length && cls[j] === cls[i]) j++;
      const s = esc(cps.slice(i, j).join(''));
      out += cls[i] ? '<mark class="hl ' + cls[i] + '">' + s + '</mark>' : s;
      i = j;
    }
    return out;
  }

  // find returns the code-point span of needle inside sp, or null.
  function find(sp, needle) {
    if (!needle) return null;
    const hay = Array.from(sp.text), n = Array.from(needle);
    for (let i = 0; i + n.length <= hay.length; i++) {
      let ok = true;
      for (let k = 0; k < n.length && ok; k++) ok = hay[i + k] === n[k];
      if (ok) return {start: sp.start + i, end: sp.start + i + n.length};
    }
    return null;
  }

  function render(doc) {
    const items = doc.events.map(e => {
      const marks = [{start: e.trigger.start, end: e.trigger.end, cls: 'hl-trigger'}];
      const figs = doc.figures.filter(f => f.event === e.id);
      for (const f of figs) {
        const m = f.evidence.start === e.evidence.start ? find(e.evidence, f.text) : null;
        if (m) marks.push(Object.assign(m, {cls: 'hl-figure'}));
      }
      for (const [v, cls] of [[e.location && e.location.text, 'hl-place'], [e.date && e.date.text, 'hl-date'], [e.attribution && e.attribution.text, 'hl-attribution']]) {
        const m = find(e.evidence, v);
        if (m) marks.push(Object.assign(m, {cls: cls}));
      }
      return '<li class="event" data-ev="' + esc(e.id) + '"><p class="ev-head"><span class="badge" style="background:' + colour(e.type) + '">' + esc(e.type) +
        '</span> <strong>' + esc(e.trigger.text) + '</strong> · ' + esc((e.date && e.date.start) || T.unknown) + ' · ' +
        esc((e.location && (e.location.name || e.location.text)) || T.no_place) + '</p>' +
        '<p class="evidence-text">' + highlight(e.evidence, marks) + '</p>' +
        (figs.length ? '<p class="num">' + figs.map(f => esc(f.text) + ' (' + esc(T['kind_' + f.kind] || f.kind) + ')').join(', ') + '</p>' : '') + '</li>';
    });
    list.innerHTML = items.join('');
    status.textContent = fmt(T.found, {n: doc.events.length});
  }

  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const fd = new FormData(form);
    const body = {text: fd.get('text') || ''};
    for (const k of ['title', 'published', 'lang']) if (fd.get(k) && fd.get(k) !== 'auto') body[k] = fd.get(k);
    const headers = {'Content-Type': 'application/json'};
    if (fd.get('token')) headers.Authorization = 'Bearer ' + fd.get('token');
    status.textContent = T.working;
    list.innerHTML = '';
    root.dataset.state = 'loading';
    try {
      const r = await fetch('/api/v1/extract', {method: 'POST', headers: headers, body: JSON.stringify(body)});
      const doc = await r.json().catch(() => ({error: r.statusText}));
      if (!r.ok) throw new Error(doc.error || r.statusText);
      render(doc);
      root.dataset.state = 'ready';
    } catch (err) {
      status.textContent = T.error + ': ' + err.message;
      root.dataset.state = 'error';
    }
  });
})();
