// Tributary's web console: a hash-routed page over the broker's JSON API (/v1/..., see docs/console-api.md).
// Plain browser JavaScript with no libraries, so the jar carries everything and nothing loads from elsewhere.
'use strict';

const page = document.getElementById('page');
let refreshTimer = null;

// ---- helpers ----------------------------------------------------------------------------------------------------

async function api(method, path, body) {
  const response = await fetch(path, {
    method, headers: body === undefined ? {} : {'Content-Type': 'application/json'},
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = {error: text}; }
  if (!response.ok && !(response.status === 503 && path === '/health/ready')) {
    const where = json && json.parameter ? ' (' + json.parameter + ')' : '';
    throw new Error((json && json.error ? json.error : response.statusText) + where);
  }
  return json;
}

function esc(value) {
  return String(value === null || value === undefined ? '' : value)
      .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function toast(message, error) {
  const t = document.getElementById('toast');
  t.textContent = message;
  t.className = 'toast' + (error ? ' error' : '');
  t.hidden = false;
  clearTimeout(t.timer);
  t.timer = setTimeout(() => { t.hidden = true; }, 5000);
}

function table(id, columns, rows) {
  return '<table id="' + id + '"><thead><tr>' + columns.map(c => '<th>' + esc(c) + '</th>').join('') +
      '</tr></thead><tbody>' + (rows.length ? rows.join('') : '<tr><td colspan="' + columns.length +
      '" class="muted">none</td></tr>') + '</tbody></table>';
}

function card(label, value, cls, id) {
  return '<div class="card"' + (id ? ' id="' + id + '"' : '') + '><div class="label">' + esc(label) +
      '</div><div class="value ' + (cls || '') + '">' + esc(value) + '</div></div>';
}

function formValues(form) {
  const values = {};
  new FormData(form).forEach((v, k) => { values[k] = v; });
  return values;
}

function onSubmit(id, handler) {
  const form = document.getElementById(id);
  if (!form) { return; }
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try { await handler(formValues(form), event.submitter); } catch (e) { toast(e.message, true); }
  });
}

// A small line chart on a canvas: one or more series of [time, value] points, newest at the right.
function drawChart(canvasId, series, unit) {
  const canvas = document.getElementById(canvasId);
  if (!canvas) { return; }
  const ctx = canvas.getContext('2d');
  const w = canvas.width, h = canvas.height, pad = 28;
  ctx.clearRect(0, 0, w, h);
  const all = series.flatMap(s => s.points.map(p => p[1]));
  const max = Math.max(1, ...all);
  ctx.strokeStyle = '#d9dde3'; ctx.fillStyle = '#667085'; ctx.font = '10px sans-serif';
  ctx.beginPath(); ctx.moveTo(pad, 4); ctx.lineTo(pad, h - pad + 4); ctx.lineTo(w - 4, h - pad + 4); ctx.stroke();
  ctx.fillText(formatNumber(max) + (unit || ''), 2, 12);
  ctx.fillText('0', 2, h - pad + 4);
  series.forEach((s, i) => {
    ctx.strokeStyle = s.color; ctx.lineWidth = 2; ctx.beginPath();
    s.points.forEach((p, j) => {
      const x = pad + (w - pad - 8) * (s.points.length === 1 ? 1 : j / (s.points.length - 1));
      const y = h - pad + 4 - (h - pad) * (p[1] / max);
      if (j === 0) { ctx.moveTo(x, y); } else { ctx.lineTo(x, y); }
    });
    ctx.stroke();
    ctx.fillStyle = s.color; ctx.fillText(s.name, pad + 6 + i * 110, h - 8);
  });
}

function formatNumber(n) {
  if (n >= 1e9) { return (n / 1e9).toFixed(1) + 'G'; }
  if (n >= 1e6) { return (n / 1e6).toFixed(1) + 'M'; }
  if (n >= 1e3) { return (n / 1e3).toFixed(1) + 'k'; }
  return Math.round(n * 10) / 10;
}

function every(ms, fn) {
  clearInterval(refreshTimer);
  fn();
  refreshTimer = setInterval(fn, ms);
}

// ---- overview ---------------------------------------------------------------------------------------------------

const history = {bytesIn: [], bytesOut: [], p99: [], lag: []};
let lastSummary = null;

async function overview() {
  page.innerHTML = '<h1>Cluster overview</h1><div id="overview-cards" class="cards"></div>' +
      '<h2>Health</h2><div id="health"></div><h2>Brokers</h2><div id="brokers"></div>' +
      '<h2>This broker, live</h2><div class="charts">' +
      '<div class="chart"><div class="title">Bytes in / out per second</div><canvas id="chart-bytes" width="380" height="160"></canvas></div>' +
      '<div class="chart"><div class="title">Request latency p99 (ms)</div><canvas id="chart-latency" width="380" height="160"></canvas></div>' +
      '<div class="chart"><div class="title">Consumer lag (groups coordinated here)</div><canvas id="chart-lag" width="380" height="160"></canvas></div></div>';
  every(2000, refreshOverview);
}

async function refreshOverview() {
  const [cluster, ready, summary] = await Promise.all([api('GET', '/v1/cluster'), api('GET', '/health/ready'),
    api('GET', '/v1/metrics/summary')]);
  const h = cluster.health;
  if (!document.getElementById('overview-cards')) { return; }
  document.getElementById('overview-cards').innerHTML =
      card('Cluster health', h.is_healthy ? 'Healthy' : 'Unhealthy', h.is_healthy ? 'ok' : 'bad', 'card-health') +
      card('This broker', ready.ready ? 'Ready' : 'Not ready', ready.ready ? 'ok' : 'bad', 'card-ready') +
      card('Controller', cluster.controller_id) + card('Brokers up', cluster.brokers.filter(b => b.alive).length +
      ' / ' + cluster.brokers.length) + card('Topics', cluster.topics) + card('Partitions', cluster.partitions) +
      card('Under-replicated', h.under_replicated_count, h.under_replicated_count ? 'bad' : 'ok', 'card-urp') +
      card('Leaderless', h.leaderless_count, h.leaderless_count ? 'bad' : 'ok') + card('Version', cluster.version);
  document.getElementById('health').innerHTML = table('health-checks', ['check', 'ok', 'detail'],
      ready.checks.map(c => '<tr><td>' + esc(c.name) + '</td><td class="' + (c.ok ? 'ok' : 'bad') + '">' +
          (c.ok ? 'yes' : 'FAILING') + '</td><td>' + esc(c.detail) + '</td></tr>')) +
      (h.unhealthy_reasons.length ? '<p class="bad" id="unhealthy-reasons">Unhealthy: ' +
          esc(h.unhealthy_reasons.join(', ')) + (h.nodes_down.length ? '; brokers down: ' +
          esc(h.nodes_down.join(', ')) : '') + '</p>' : '');
  document.getElementById('brokers').innerHTML = table('broker-table', ['id', 'address', 'state', 'role'],
      cluster.brokers.map(b => '<tr><td>' + b.id + (b.id === cluster.this_broker ? ' (this)' : '') + '</td><td>' +
          esc(b.alive ? b.host + ':' + b.port : '') + '</td><td class="' + (b.alive ? 'ok' : 'bad') + '">' +
          (b.alive ? 'up' : 'DOWN') + '</td><td>' + (b.controller ? 'controller' : '') + '</td></tr>'));
  const badge = document.getElementById('cluster-badge');
  badge.textContent = h.is_healthy ? 'healthy' : 'unhealthy';
  badge.className = 'badge ' + (h.is_healthy ? 'ok' : 'bad');
  if (lastSummary) {
    const seconds = Math.max(0.001, (summary.time_ms - lastSummary.time_ms) / 1000);
    push(history.bytesIn, summary.time_ms, (summary.bytes_in_total - lastSummary.bytes_in_total) / seconds);
    push(history.bytesOut, summary.time_ms, (summary.bytes_out_total - lastSummary.bytes_out_total) / seconds);
  }
  const produce = summary.request_total_time_ms.Produce;
  const fetch = summary.request_total_time_ms.FetchConsumer;
  push(history.p99, summary.time_ms, produce ? produce.p99 : 0);
  push(history.lag, summary.time_ms, Object.values(summary.lag_by_group).reduce((a, b) => a + b, 0));
  lastSummary = summary;
  drawChart('chart-bytes', [{name: 'in', color: '#2f6fed', points: history.bytesIn},
    {name: 'out', color: '#2e7d32', points: history.bytesOut}], 'B/s');
  drawChart('chart-latency', [{name: 'Produce p99', color: '#b26a00', points: history.p99}], ' ms');
  drawChart('chart-lag', [{name: 'total lag', color: '#c62828', points: history.lag}]);
  if (fetch) { document.getElementById('chart-latency').title = 'FetchConsumer p99 ' + fetch.p99 + ' ms'; }
}

function push(list, t, v) {
  list.push([t, v]);
  if (list.length > 90) { list.shift(); }
}

// ---- topics -----------------------------------------------------------------------------------------------------

async function topics() {
  clearInterval(refreshTimer);
  const data = await api('GET', '/v1/topics');
  page.innerHTML = '<h1>Topics</h1>' +
      '<form class="inline" id="create-topic"><label>name<input name="name" id="new-topic-name" required></label>' +
      '<label>partitions<input name="partitions" id="new-topic-partitions" value="1" size="4"></label>' +
      '<label>replication factor<input name="replication_factor" id="new-topic-rf" value="1" size="4"></label>' +
      '<button type="submit" id="create-topic-button">Create topic</button></form>' +
      table('topic-table', ['name', 'partitions', 'replication', 'under-replicated', 'leaderless', ''],
          data.topics.map(t => '<tr data-topic="' + esc(t.name) + '"><td><a href="#/topics/' + encodeURIComponent(t.name) +
              '">' + esc(t.name) + '</a></td><td class="num">' + t.partitions + '</td><td class="num">' +
              t.replication_factor + '</td><td class="num ' + (t.under_replicated_partitions ? 'bad' : '') + '">' +
              t.under_replicated_partitions + '</td><td class="num ' + (t.leaderless_partitions ? 'bad' : '') + '">' +
              t.leaderless_partitions + '</td><td><a href="#/messages/' + encodeURIComponent(t.name) +
              '">messages</a>' + (t.internal ? '' : ' <button class="danger delete-topic" data-topic="' +
              esc(t.name) + '">Delete</button>') + '</td></tr>'));
  onSubmit('create-topic', async v => {
    await api('POST', '/v1/topics', {name: v.name, partitions: Number(v.partitions),
      replication_factor: Number(v.replication_factor)});
    toast('Created topic ' + v.name);
    topics();
  });
  document.querySelectorAll('.delete-topic').forEach(b => b.addEventListener('click', async () => {
    if (!confirm('Delete topic ' + b.dataset.topic + ' and all its data?')) { return; }
    try { await api('DELETE', '/v1/topics/' + encodeURIComponent(b.dataset.topic)); toast('Deleted ' + b.dataset.topic); topics(); }
    catch (e) { toast(e.message, true); }
  }));
}

async function topic(name) {
  clearInterval(refreshTimer);
  const t = await api('GET', '/v1/topics/' + encodeURIComponent(name));
  page.innerHTML = '<h1>Topic ' + esc(name) + '</h1><p><a href="#/messages/' + encodeURIComponent(name) +
      '">Browse messages</a></p><h2>Partitions</h2>' +
      table('partition-table', ['partition', 'leader', 'replicas', 'ISR', 'under-replicated', 'start', 'high watermark', 'size'],
          t.partitions.map(p => '<tr><td>' + p.partition + '</td><td>' + (p.leader < 0 ? '<span class="bad">none</span>' : p.leader) +
              '</td><td>' + p.replicas.join(', ') + '</td><td>' + p.isr.join(', ') + '</td><td class="' +
              (p.under_replicated ? 'bad">yes' : '">no') + '</td><td class="num">' + esc(p.log_start_offset) +
              '</td><td class="num">' + esc(p.high_watermark) + '</td><td class="num">' +
              (p.size_bytes === undefined ? '<span class="muted">not here</span>' : formatNumber(p.size_bytes) + 'B') + '</td></tr>')) +
      '<form class="inline" id="add-partitions"><label>partition count<input name="count" size="4" value="' +
      (t.partitions.length + 1) + '"></label><button type="submit">Add partitions</button></form>' +
      '<h2>Configs</h2><form class="inline" id="edit-config"><label>key<input name="key" id="config-key"></label>' +
      '<label>value (empty removes the override)<input name="value" id="config-value"></label>' +
      '<button type="submit">Save config</button></form>' +
      table('config-table', ['key', 'value', 'source'], t.configs.map(c => '<tr><td>' + esc(c.name) + '</td><td>' +
          esc(c.value) + '</td><td class="' + (c.source === 'topic' ? 'warn' : 'muted') + '">' + esc(c.source) + '</td></tr>'));
  onSubmit('add-partitions', async v => {
    await api('POST', '/v1/topics/' + encodeURIComponent(name) + '/partitions', {count: Number(v.count)});
    toast('Partitions added'); topic(name);
  });
  onSubmit('edit-config', async v => {
    const configs = {}; configs[v.key] = v.value === '' ? null : v.value;
    await api('PUT', '/v1/topics/' + encodeURIComponent(name) + '/configs', {configs});
    toast('Config saved'); topic(name);
  });
}

// ---- message browser --------------------------------------------------------------------------------------------

function render(base64, text, mode) {
  if (base64 === null || base64 === undefined) { return '<span class="muted">null</span>'; }
  if (mode === 'hex') {
    const bytes = atob(base64);
    let hex = '';
    for (let i = 0; i < bytes.length; i++) { hex += bytes.charCodeAt(i).toString(16).padStart(2, '0') + ' '; }
    return '<pre>' + esc(hex.trim()) + '</pre>';
  }
  if (mode === 'json') {
    try { return '<pre>' + esc(JSON.stringify(JSON.parse(text), null, 2)) + '</pre>'; } catch (e) { /* not JSON */ }
  }
  return '<pre>' + esc(text) + '</pre>';
}

async function messages(name, query) {
  clearInterval(refreshTimer);
  const t = await api('GET', '/v1/topics/' + encodeURIComponent(name));
  const q = new URLSearchParams(query || '');
  const options = t.partitions.map(p => '<option value="' + p.partition + '"' +
      (String(p.partition) === (q.get('partition') || '0') ? ' selected' : '') + '>' + p.partition + '</option>').join('');
  page.innerHTML = '<h1>Messages in ' + esc(name) + '</h1>' +
      '<form class="inline" id="browse"><label>partition<select name="partition" id="browse-partition">' + options + '</select></label>' +
      '<label>from offset<input name="offset" id="browse-offset" size="8" value="' + esc(q.get('offset') || '') + '"></label>' +
      '<label>or from time (ms)<input name="timestamp" size="13" value="' + esc(q.get('timestamp') || '') + '"></label>' +
      '<label>search<input name="search" id="browse-search" value="' + esc(q.get('search') || '') + '"></label>' +
      '<label>in<select name="search_in"><option value="key,value,headers">key, value, headers</option>' +
      '<option value="key">key</option><option value="value">value</option><option value="headers">headers</option></select></label>' +
      '<label>regex<select name="regex"><option value="false">no</option><option value="true">yes</option></select></label>' +
      '<label>limit<input name="limit" size="4" value="' + esc(q.get('limit') || '20') + '"></label>' +
      '<label>show as<select name="mode" id="browse-mode"><option>text</option><option>json</option><option>hex</option></select></label>' +
      '<button type="submit" id="browse-button">Find</button></form><div id="browse-result"></div>' +
      '<h2>Produce a message</h2><form class="inline" id="produce"><label>partition<select name="partition">' + options +
      '</select></label><label>key<input name="key" id="produce-key"></label><label>value<input name="value" id="produce-value" size="40"></label>' +
      '<label>headers (k=v,k2=v2)<input name="headers"></label><button type="submit" id="produce-button">Produce</button></form>';
  const run = async v => {
    const params = new URLSearchParams();
    ['partition', 'offset', 'timestamp', 'search', 'search_in', 'regex', 'limit'].forEach(k => { if (v[k]) { params.set(k, v[k]); } });
    const r = await api('GET', '/v1/topics/' + encodeURIComponent(name) + '/messages?' + params);
    document.getElementById('browse-result').innerHTML = '<p class="muted" id="scan-summary">offsets ' +
        r.log_start_offset + '–' + r.high_watermark + '; scanned ' + r.scan.bytes_scanned + ' bytes from offset ' +
        r.scan.from_offset + ' to ' + r.scan.next_offset + ', stopped: ' + esc(r.scan.stopped_because) + '</p>' +
        table('message-table', ['offset', 'time', 'key', 'value', 'headers'], r.messages.map(m => '<tr><td class="num">' +
            m.offset + '</td><td>' + esc(new Date(m.timestamp).toISOString()) + '</td><td class="message-key">' +
            render(m.key_base64, m.key, v.mode) + '</td><td class="message-value">' + render(m.value_base64, m.value, v.mode) +
            '</td><td>' + esc(Object.entries(m.headers).map(e => e[0] + '=' + e[1]).join(', ')) + '</td></tr>'));
  };
  onSubmit('browse', run);
  onSubmit('produce', async v => {
    const headers = {};
    (v.headers || '').split(',').filter(s => s.includes('=')).forEach(s => {
      const i = s.indexOf('='); headers[s.slice(0, i).trim()] = s.slice(i + 1);
    });
    const r = await api('POST', '/v1/topics/' + encodeURIComponent(name) + '/messages',
        {partition: Number(v.partition), key: v.key === '' ? null : v.key, value: v.value, headers});
    toast('Produced at offset ' + r.offset);
  });
  try { await run(formValues(document.getElementById('browse'))); } catch (e) { toast(e.message, true); }
}

// ---- consumer groups --------------------------------------------------------------------------------------------

async function groups() {
  clearInterval(refreshTimer);
  const data = await api('GET', '/v1/groups');
  page.innerHTML = '<h1>Consumer groups</h1>' + table('group-table', ['group', 'state', 'members', 'total lag', 'coordinator'],
      data.groups.map(g => '<tr><td><a href="#/groups/' + encodeURIComponent(g.group_id) + '">' + esc(g.group_id) +
          '</a></td><td>' + esc(g.state) + '</td><td class="num">' + esc(g.members) + '</td><td class="num">' +
          esc(g.total_lag) + '</td><td>' + g.coordinator + '</td></tr>'));
}

const lagHistory = {};

async function group(id) {
  page.innerHTML = '<h1>Group ' + esc(id) + '</h1><div id="group-cards" class="cards"></div>' +
      '<div class="chart"><div class="title">Total lag over time</div><canvas id="chart-group-lag" width="600" height="160"></canvas></div>' +
      '<h2>Offsets and lag</h2><div id="group-offsets"></div><h2>Members</h2><div id="group-members"></div>' +
      '<h2>Reset offsets</h2><form class="inline" id="reset"><label>topic<input name="topic" id="reset-topic"></label>' +
      '<label>to<select name="to" id="reset-to"><option>earliest</option><option>latest</option><option>timestamp</option>' +
      '<option>offset</option></select></label><label>value (offset or ms)<input name="value" size="13"></label>' +
      '<button type="submit" class="secondary" name="mode" value="dry" id="reset-preview">Preview (dry run)</button>' +
      '<button type="submit" name="mode" value="apply" id="reset-apply">Reset offsets</button></form><div id="reset-result"></div>' +
      '<p><button class="danger" id="delete-group">Delete group</button></p>';
  onSubmit('reset', async (v, submitter) => {
    const body = {topic: v.topic, to: v.to, dry_run: !submitter || submitter.value !== 'apply'};
    if (v.value !== '') { body.value = Number(v.value); }
    const r = await api('POST', '/v1/groups/' + encodeURIComponent(id) + '/reset-offsets', body);
    document.getElementById('reset-result').innerHTML = '<p id="reset-mode">' + (r.dry_run ? 'Dry run: nothing changed' :
        'Offsets reset') + '</p>' + table('reset-table', ['topic', 'partition', 'current', 'new'], r.offsets.map(o =>
        '<tr><td>' + esc(o.topic) + '</td><td>' + o.partition + '</td><td class="num">' + esc(o.current_offset) +
        '</td><td class="num">' + o.target_offset + '</td></tr>'));
    if (!r.dry_run) { toast('Offsets of ' + id + ' reset'); }
  });
  document.getElementById('delete-group').addEventListener('click', async () => {
    if (!confirm('Delete group ' + id + ' and its committed offsets?')) { return; }
    try { await api('DELETE', '/v1/groups/' + encodeURIComponent(id)); toast('Deleted ' + id); location.hash = '#/groups'; }
    catch (e) { toast(e.message, true); }
  });
  every(2000, async () => {
    const g = await api('GET', '/v1/groups/' + encodeURIComponent(id));
    if (!document.getElementById('group-cards')) { return; }
    document.getElementById('group-cards').innerHTML = card('State', g.state, '', 'group-state') +
        card('Members', g.members.length) + card('Total lag', g.total_lag, g.total_lag ? 'warn' : 'ok', 'group-lag') +
        card('Coordinator', g.coordinator) + card('Assignor', g.assignor || '');
    document.getElementById('group-offsets').innerHTML = table('offset-table',
        ['topic', 'partition', 'committed', 'log end', 'lag'], g.offsets.map(o => '<tr><td>' + esc(o.topic) + '</td><td>' +
            o.partition + '</td><td class="num">' + o.committed_offset + '</td><td class="num">' + esc(o.log_end_offset) +
            '</td><td class="num">' + esc(o.lag) + '</td></tr>'));
    document.getElementById('group-members').innerHTML = table('member-table', ['member', 'client', 'host', 'assignment'],
        g.members.map(m => '<tr><td>' + esc(m.member_id) + '</td><td>' + esc(m.client_id) + '</td><td>' +
            esc(m.client_host) + '</td><td>' + esc(m.assignment ? Object.entries(m.assignment).map(e => e[0] + ': ' +
            e[1].join(',')).join('; ') : '') + '</td></tr>'));
    const points = lagHistory[id] = lagHistory[id] || [];
    push(points, Date.now(), g.total_lag);
    drawChart('chart-group-lag', [{name: 'lag', color: '#c62828', points}]);
  });
}

// ---- routing ----------------------------------------------------------------------------------------------------

async function route() {
  const hash = location.hash || '#/overview';
  const [path, query] = hash.slice(1).split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  document.querySelectorAll('header nav a').forEach(a => a.classList.toggle('active', hash.startsWith(a.getAttribute('href'))));
  try {
    if (parts[0] === 'topics' && parts[1]) { await topic(parts[1]); }
    else if (parts[0] === 'topics') { await topics(); }
    else if (parts[0] === 'messages' && parts[1]) { await messages(parts[1], query); }
    else if (parts[0] === 'groups' && parts[1]) { await group(parts[1]); }
    else if (parts[0] === 'groups') { await groups(); }
    else { await overview(); }
  } catch (e) {
    page.innerHTML = '<h1>Error</h1><p class="bad" id="page-error">' + esc(e.message) + '</p>';
  }
}

window.addEventListener('hashchange', route);
route();
