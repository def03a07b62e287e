// The article view: the text's highlights and the event list point at
// each other by links (#t-e1 <-> #ev-e1); this script also marks every
// highlight of the event in focus, so its place, date and figures stand out.
'use strict';
(function () {
  const text = document.getElementById('text');
  function activate(id) {
    for (const el of document.querySelectorAll('.active')) el.classList.remove('active');
    if (!id) return;
    for (const el of text.querySelectorAll('.hl')) {
      if ((el.dataset.ev || '').split(' ').includes(id)) el.classList.add('active');
    }
    const li = document.getElementById('ev-' + id);
    if (li) li.classList.add('active');
  }
  const fromHash = () => {
    const h = decodeURIComponent(location.hash.slice(1));
    activate(h.startsWith('ev-') || h.startsWith('t-') ? h.slice(h.indexOf('-') + 1) : null);
  };
  window.addEventListener('hashchange', fromHash);
  for (const li of document.querySelectorAll('li.event')) {
    li.addEventListener('focusin', () => activate(li.dataset.ev));
    li.addEventListener('mouseenter', () => activate(li.dataset.ev));
  }
  fromHash();
})();
