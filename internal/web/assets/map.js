// The map page: loads the events matching the filters from /web/events,
// draws them on a Leaflet map (clustered), on a uPlot time line of events
// per day by type, and in a list. Dragging across the time line narrows the
// map and the list to those days.
'use strict';
(function () {
  const {T, fmt, esc, colour} = window.uroCommon;
  const DAY = 86400;
  const LIST_MAX = 1000; // list items drawn at once; the map shows all
  const root = document.documentElement;
  const form = document.getElementById('filters');
  const mapEl = document.getElementById('map');
  const listEl = document.getElementById('list');
  const countEl = document.getElementById('count');
  const legendEl = document.getElementById('legend');
  const tlEl = document.getElementById('timeline');
  const clearBtn = document.getElementById('clear-sel');

  let all = [];        // events from the server
  let truncated = false;
  let range = null;    // [fromDay, toDay] in days since the epoch, or null
  let plot = null;
  const markers = new Map(); // event key -> Leaflet marker

  const map = L.map(mapEl, {worldCopyJump: true, minZoom: 1, maxZoom: 18}).setView([20, 10], 2);
  const tiles = mapEl.dataset.tiles;
  if (tiles) {
    L.tileLayer(tiles, {maxZoom: 18, attribution: esc(tiles.split('/')[2] || '')}).addTo(map);
  } else {
    fetch('/assets/vendor/world/countries-110m.geojson').then(r => r.json()).then(g => {
      L.geoJSON(g, {interactive: false, style: {color: '#8a99a8', weight: 0.8, fillColor: '#f7f5ef', fillOpacity: 1}}).addTo(map);
    });
    map.attributionControl.addAttribution('Natural Earth · world-atlas');
  }
  const cluster = L.markerClusterGroup({maxClusterRadius: 40, showCoverageOnHover: false});
  map.addLayer(cluster);

  const day = d => Math.floor(Date.parse(d + 'T00:00:00Z') / 1000 / DAY);
  const inRange = e => !range || (e.date && day(e.date) >= range[0] && day(e.date) <= range[1]);

  function popup(e) {
    const figs = (e.figures || []).map(esc).join(', ');
    return '<div class="popup"><h3><span class="badge" style="background:' + colour(e.type) + '">' + esc(e.type) + '</span> ' +
      esc(e.trigger) + '</h3><p>' + esc(e.date || '') + ' · ' + esc(e.place || '') + (e.country ? ' (' + esc(e.country) + ')' : '') + '</p>' +
      (figs ? '<p>' + figs + '</p>' : '') + '<p>' + esc(e.title || '') + '</p><p><a href="/articles/' + encodeURIComponent(e.article) +
      '#ev-' + encodeURIComponent(e.key.split('/')[1]) + '">' + esc(T.open_article) + '</a>' +
      (e.incident ? ' · <a href="/incidents/' + encodeURIComponent(e.incident) + '">' + esc(T.open_incident) + '</a>' : '') + '</p></div>';
  }

  function drawMap(shown) {
    cluster.clearLayers();
    markers.clear();
    const ms = [];
    for (const e of shown) {
      if (e.lat == null || e.lon == null) continue;
      const m = L.marker([e.lat, e.lon], {
        keyboard: true,
        title: e.type + ': ' + e.trigger + ', ' + (e.place || '') + ' ' + (e.date || ''),
        icon: L.divIcon({className: 'marker', html: '<span class="marker-dot" style="display:block;width:16px;height:16px;background:' + colour(e.type) + '"></span>', iconSize: [16, 16]}),
      });
      m.bindPopup(popup(e));
      markers.set(e.key, m);
      ms.push(m);
    }
    cluster.addLayers(ms);
    if (ms.length) map.fitBounds(L.latLngBounds(ms.map(m => m.getLatLng())).pad(0.3), {maxZoom: 6, animate: false});
  }

  function drawList(shown) {
    // Newest first: readers come for what just happened.
    const items = shown.slice(-LIST_MAX).reverse().map(e => {
      const id = e.key.split('/')[1];
      return '<li id="li-' + esc(e.key) + '" data-key="' + esc(e.key) + '"><p class="ev-head"><span class="badge" style="background:' + colour(e.type) + '">' +
        esc(e.type) + '</span> <strong>' + esc(e.trigger) + '</strong> · ' + esc(e.date || T.unknown) + ' · ' +
        esc(e.place || T.no_place) + (e.country ? ' (' + esc(e.country) + ')' : '') + '</p>' +
        '<p class="evidence-text">' + esc(e.evidence.length > 240 ? e.evidence.slice(0, 240) + '…' : e.evidence) + '</p>' +
        '<p class="ev-actions"><a href="/articles/' + encodeURIComponent(e.article) + '#ev-' + encodeURIComponent(id) + '">' + esc(T.open_article) + '</a>' +
        (e.incident ? '<a href="/incidents/' + encodeURIComponent(e.incident) + '">' + esc(T.open_incident) + '</a>' : '') +
        (e.lat != null ? '<button type="button" class="show" data-key="' + esc(e.key) + '">' + esc(T.show_on_map) + '</button>' : '') + '</p></li>';
    });
    listEl.innerHTML = items.join('');
    let c = fmt(T.count, {n: shown.length, total: all.length});
    if (truncated) c += ' ' + fmt(T.truncated, {n: all.length});
    countEl.textContent = shown.length ? c : T.no_events;
  }

  function drawLegend() {
    const types = [...new Set(all.map(e => e.type))].sort();
    legendEl.innerHTML = types.map(t => '<li><span class="dot" style="background:' + colour(t) + '"></span>' + esc(t) + '</li>').join('');
  }

  function render() {
    const shown = all.filter(inRange);
    drawMap(shown);
    drawList(shown);
    root.dataset.shown = String(shown.length);
    const iso = d => new Date(d * DAY * 1000).toISOString().slice(0, 10);
    root.dataset.range = range ? iso(range[0]) + '/' + iso(range[1]) : '';
  }

  function drawTimeline() {
    if (plot) { plot.destroy(); plot = null; }
    const days = all.filter(e => e.date).map(e => day(e.date));
    if (!days.length) { tlEl.innerHTML = ''; return; }
    const lo = Math.min(...days) - 1, hi = Math.max(...days) + 1;
    const types = [...new Set(all.filter(e => e.date).map(e => e.type))].sort();
    const xs = [];
    for (let d = lo; d <= hi; d++) xs.push(d * DAY);
    // Days without events of a type stay null: no point and no line there.
    const counts = types.map(() => new Array(xs.length).fill(null));
    for (const e of all) {
      if (!e.date) continue;
      const row = counts[types.indexOf(e.type)], i = day(e.date) - lo;
      row[i] = (row[i] || 0) + 1;
    }
    const opts = {
      width: tlEl.clientWidth || 320,
      height: 180,
      legend: {show: false},
      cursor: {drag: {x: true, y: false, setScale: false}, points: {show: false}, y: false},
      scales: {x: {time: true}, y: {range: (u, a, b) => [0, Math.max(1, b)]}},
      axes: [{}, {size: 36, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]}],
      series: [{}].concat(types.map(t => ({label: t, stroke: colour(t), width: 2, spanGaps: false, points: {show: true, size: 6, fill: colour(t)}}))),
      hooks: {setSelect: [u => {
        if (u.select.width < 2) return;
        const a = u.posToVal(u.select.left, 'x'), b = u.posToVal(u.select.left + u.select.width, 'x');
        range = [Math.round(a / DAY), Math.round(b / DAY)];
        if (range[1] < range[0]) range = [range[0], range[0]];
        clearBtn.hidden = false;
        render();
      }]},
    };
    plot = new uPlot(opts, [xs].concat(counts), tlEl);
  }

  async function load() {
    root.dataset.state = 'loading';
    countEl.textContent = T.loading;
    const q = new URLSearchParams(new FormData(form));
    for (const [k, v] of [...q]) if (!v) q.delete(k);
    try {
      const r = await fetch('/web/events?' + q.toString());
      const body = await r.json();
      if (!r.ok) throw new Error(body.error || r.statusText);
      all = body.events;
      truncated = body.truncated;
    } catch (err) {
      all = [];
      countEl.textContent = T.load_error + ': ' + err.message;
      root.dataset.state = 'error';
      return;
    }
    range = null;
    clearBtn.hidden = true;
    drawLegend();
    drawTimeline();
    render();
    root.dataset.state = 'ready';
  }

  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const q = new URLSearchParams(new FormData(form));
    for (const [k, v] of [...q]) if (!v) q.delete(k);
    history.replaceState(null, '', q.toString() ? '?' + q : location.pathname);
    load();
  });
  clearBtn.addEventListener('click', () => {
    range = null;
    clearBtn.hidden = true;
    if (plot) plot.setSelect({left: 0, top: 0, width: 0, height: 0}, false);
    render();
  });
  listEl.addEventListener('click', ev => {
    const b = ev.target.closest('button.show');
    if (!b) return;
    const m = markers.get(b.dataset.key);
    if (m) cluster.zoomToShowLayer(m, () => { m.openPopup(); const el = m.getElement(); if (el) el.focus(); });
  });
  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => { if (plot) plot.setSize({width: tlEl.clientWidth, height: 180}); }, 100);
  });
  // The browser tests read the time line's scale to brush known days.
  window.uroTimeline = () => plot;
  load();
})();
