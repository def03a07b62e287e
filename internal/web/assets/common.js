// Shared by uro's page scripts: interface text, escaping, type colours.
'use strict';
window.uroCommon = (function () {
  const T = JSON.parse(document.getElementById('i18n').textContent);
  const css = getComputedStyle(document.documentElement);
  return {
    T: T,
    fmt: (s, vals) => s.replace(/\{(\w+)\}/g, (m, k) => (k in vals ? String(vals[k]) : m)),
    esc: s => String(s == null ? '' : s).replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c])),
    colour: t => css.getPropertyValue('--c-' + t).trim() || '#4d4d4d',
  };
})();
