// The upload page of one project: choose a file, see what would be stored, confirm. Works with the Camunda webapp
// login (session cookie); changes carry the session's CSRF token.
(function () {
  'use strict';

  const $ = (selector) => document.querySelector(selector);
  const key = decodeURIComponent(location.pathname.split('/')[2] || '');
  const api = '/api/cycles/' + encodeURIComponent(key) + '/measurements';
  const text = (value) => (value === null || value === undefined ? '' : String(value));
  let token = null;

  function show(message) {
    const box = $('#message');
    box.textContent = message;
    box.hidden = false;
  }

  async function call(url, options) {
    const response = await fetch(url, Object.assign({ credentials: 'same-origin' }, options || {}));
    if (response.status === 401) {
      throw new Error('Log in first: open Tasklist, log in with your Camunda user, then reload this page.');
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(body.message || ('The server answered ' + response.status + '.'));
      error.body = body;
      throw error;
    }
    return body;
  }

  const headers = (extra) => Object.assign({ Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' }, extra || {});

  async function loadStored() {
    const s = await call(api + '/summary', { headers: headers() });
    const units = Object.entries(s.rowsPerUnit || {}).map(([unit, n]) => unit + ' ' + n).join(', ');
    const last = s.lastUpload;
    $('#stored').textContent = !s.from ? 'Nothing stored yet.'
      : s.from + ' to ' + s.to + ' · ' + units + (last ? ' · last upload ' + last.source + ' by ' + last.recordedBy + ' on '
        + text(last.recordedAt).substring(0, 10) : '');
    $('#download').href = api + '?format=csv';
  }

  function contentType(file) {
    const name = file.name.toLowerCase();
    if (name.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    if (name.endsWith('.tsv') || name.endsWith('.tab')) return 'text/tab-separated-values';
    return 'text/csv';
  }

  function query(file) {
    const q = new URLSearchParams({ fileName: file.name });
    const sheet = $('#sheet').value;
    if (!$('#sheet-label').hidden && sheet) q.set('sheet', sheet);
    return q.toString();
  }

  function cell(row, value) {
    const td = document.createElement('td');
    td.textContent = text(value);
    row.appendChild(td);
  }

  function list(element, items) {
    element.replaceChildren();
    for (const item of items || []) {
      const li = document.createElement('li');
      li.textContent = item;
      element.appendChild(li);
    }
  }

  async function preview() {
    const file = $('#file').files[0];
    if (!file) return;
    $('#result').hidden = true;
    const p = await call(api + '/preview?' + query(file), {
      method: 'POST', headers: headers({ 'Content-Type': contentType(file), 'X-XSRF-TOKEN': token }), body: file
    });
    const select = $('#sheet');
    if ((p.sheets || []).length > 0) {
      const chosen = p.sheet;
      select.replaceChildren(...p.sheets.map((name) => new Option(name, name, false, name === chosen)));
      $('#sheet-label').hidden = false;
    } else {
      $('#sheet-label').hidden = true;
    }
    const units = Object.entries(p.rowsPerUnit || {}).map(([unit, n]) => unit + ' ' + n).join(', ');
    $('#preview-summary').textContent = p.problems.length > 0
      ? p.problemCount + ' problem(s): nothing can be stored until they are fixed.'
      : p.rows + ' rows for cycle ' + p.cycle + ', periods ' + p.from + ' to ' + p.to + ' (' + units + ').';
    list($('#problems'), p.problems);
    list($('#warnings'), p.warnings);
    const body = $('#sample tbody');
    body.replaceChildren();
    for (const r of p.sample || []) {
      const row = document.createElement('tr');
      cell(row, r.point.period);
      cell(row, r.unit || 'all units');
      cell(row, r.point.numerator);
      cell(row, r.point.denominator);
      cell(row, r.point.value);
      cell(row, r.point.note);
      cell(row, r.point.excluded ? 'yes' : '');
      body.appendChild(row);
    }
    $('#preview-section').hidden = false;
    $('#confirm').disabled = p.problems.length > 0 || p.rows === 0;
  }

  async function confirm() {
    const file = $('#file').files[0];
    $('#confirm').disabled = true;
    const r = await call(api + '?' + query(file), {
      method: 'POST', headers: headers({ 'Content-Type': contentType(file), 'X-XSRF-TOKEN': token }), body: file
    });
    const box = $('#result');
    box.textContent = 'Stored: ' + r.stored + ' new, ' + r.updated + ' updated, ' + r.unchanged + ' unchanged; periods '
      + r.from + ' to ' + r.to + ' (' + r.units.join(', ') + ').' + (r.warnings.length ? ' ' + r.warnings.join(' ') : '');
    box.hidden = false;
    $('#preview-section').hidden = true;
    await loadStored();
  }

  const guard = (action) => () => action().catch((e) => show(e.message));

  $('#project').textContent = key;
  $('#file').addEventListener('change', () => {
    $('#sheet-label').hidden = true;
    $('#preview-button').disabled = !$('#file').files[0];
    guard(preview)();
  });
  $('#sheet').addEventListener('change', guard(preview));
  $('#preview-button').addEventListener('click', guard(preview));
  $('#confirm').addEventListener('click', guard(confirm));
  guard(async () => {
    token = (await call('/api/session/csrf-token', { headers: headers() })).token;
    await loadStored();
  })();
})();
