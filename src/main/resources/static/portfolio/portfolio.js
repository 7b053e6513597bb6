// The manager page: reads /api/portfolio with the Camunda webapp login (the session cookie), no second password.
(function () {
  'use strict';

  const $ = (selector) => document.querySelector(selector);
  const text = (value) => (value === null || value === undefined ? '' : String(value));

  function show(message) {
    const box = $('#message');
    box.textContent = message;
    box.hidden = false;
  }

  async function getJson(url) {
    return (await getJsonWithHeaders(url)).body;
  }

  async function getJsonWithHeaders(url) {
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' } });
    if (response.status === 401) {
      throw new Error('Log in first: open Tasklist or Cockpit, log in with your Camunda user, then reload this page.');
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(body.message || ('The server answered ' + response.status + '.'));
      error.status = response.status;
      throw error;
    }
    return { body, headers: response.headers };
  }

  function cell(row, value, className) {
    const td = document.createElement('td');
    td.textContent = text(value);
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
  }

  /** Making Data Count's icons as pictures with their text alternative. */
  function icons(row, list) {
    const td = document.createElement('td');
    td.className = 'icons';
    for (const icon of list.filter((i) => i)) {
      const img = document.createElement('img');
      img.src = icon.svg;
      img.alt = icon.text;
      img.title = icon.text;
      img.width = 28;
      img.height = 28;
      img.dataset.icon = icon.code;
      td.appendChild(img);
    }
    row.appendChild(td);
  }

  // the API answers a page of projects at a time; X-Total-Count says how many match
  const PAGE_SIZE = 100;
  let page = 1;

  async function loadProjects() {
    const form = new FormData($('#filters'));
    const query = new URLSearchParams();
    for (const [name, value] of form.entries()) {
      if (value) {
        query.set(name, value);
      }
    }
    $('#csv').href = '/api/portfolio?format=csv&' + query.toString();
    query.set('page', page);
    query.set('size', PAGE_SIZE);
    const answer = await getJsonWithHeaders('/api/portfolio?' + query.toString());
    const projects = answer.body;
    const total = Number(answer.headers.get('X-Total-Count') || projects.length);
    const body = $('#projects tbody');
    body.replaceChildren();
    for (const p of projects) {
      const row = document.createElement('tr');
      row.className = 'project';
      row.dataset.key = p.projectKey;
      cell(row, p.projectKey);
      cell(row, p.title);
      cell(row, p.lead);
      cell(row, p.units);
      cell(row, p.status === 'ended' ? 'ended' : (p.stages || []).join(', '));
      cell(row, p.daysInStage);
      cell(row, (p.waitingOn || []).join(', '));
      cell(row, p.dueDate ? p.dueDate.substring(0, 10) + (p.overdue ? ' (overdue)' : '') : '', p.overdue ? 'overdue' : null);
      cell(row, p.oversightPathway);
      cell(row, p.cycleNumber);
      cell(row, p.recommendation);
      cell(row, p.sustainOutcome ? (p.decision || '') + ' · ' + p.sustainOutcome : p.decision);
      icons(row, [p.variationIcon, p.assuranceIcon]);
      cell(row, p.monthsSustained);
      cell(row, p.unitsPlanned === null || p.unitsPlanned === undefined ? '' : p.unitsLive + ' / ' + p.unitsPlanned
        + (p.adoptionToLastUnitLiveDays === null || p.adoptionToLastUnitLiveDays === undefined ? ''
          : ' (all live ' + p.adoptionToLastUnitLiveDays + ' days after adoption)'));
      const irb = p.irbApproval;
      cell(row, !irb ? '' : irb.lapsed ? 'lapsed ' + irb.reviewDue : (irb.expires ? 'expires ' : 'check-in ') + irb.reviewDue,
        irb && irb.lapsed ? 'overdue' : null);
      row.addEventListener('click', () => loadTimeline(p));
      body.appendChild(row);
    }
    const first = (page - 1) * PAGE_SIZE;
    $('#count').textContent = total === 0 ? 'no project' : total <= PAGE_SIZE ? total + (total === 1 ? ' project' : ' projects')
      : (first + 1) + '–' + (first + projects.length) + ' of ' + total + ' projects';
    $('#previous-page').hidden = page === 1;
    $('#next-page').hidden = first + projects.length >= total;
    $('#portfolio-section').hidden = false;
  }

  async function loadTimeline(project) {
    const steps = await getJson('/api/portfolio/' + encodeURIComponent(project.projectKey) + '/timeline');
    $('#timeline-key').textContent = project.projectKey + ' · ' + text(project.title);
    const link = $('#cockpit-link');
    link.hidden = !project.cockpitLink;
    if (project.cockpitLink) {
      link.href = project.cockpitLink;
    }
    const list = $('#timeline');
    list.replaceChildren();
    for (const step of steps) {
      const item = document.createElement('li');
      item.textContent = step.start.substring(0, 10) + ' · ' + step.stage + ': ' + text(step.activity)
        + (step.assignee ? ' (' + step.assignee + ')' : '') + (step.end ? '' : ' · open');
      list.appendChild(item);
    }
    $('#timeline-section').hidden = false;
  }

  function drawLeadTimes(times) {
    // sustaining lasts months by design: it gets a line of its own, not a bar that would flatten the others
    const sustaining = times.stages.find((s) => s.stage === 'Sustaining' && !s.pathway);
    // a spread comes after the decision and takes a measurement period: a line of its own too
    const spread = times.stages.find((s) => s.stage === 'Spread' && !s.pathway);
    const stages = times.stages.filter((s) => !s.pathway && s.count > 0 && s.stage !== 'Sustaining' && s.stage !== 'Spread');
    const svg = $('#lead-times');
    const rowHeight = 28;
    const left = 190;
    const width = 900;
    const max = Math.max(1, ...stages.map((s) => s.p75Days || s.medianDays || 0));
    const scale = (days) => ((width - left - 230) * days) / max;
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + (stages.length * rowHeight + 10));
    svg.replaceChildren();
    const ns = 'http://www.w3.org/2000/svg';
    stages.forEach((s, i) => {
      const y = i * rowHeight + 5;
      const label = document.createElementNS(ns, 'text');
      label.setAttribute('x', 0);
      label.setAttribute('y', y + 17);
      label.setAttribute('class', 'label');
      label.textContent = s.stage;
      svg.appendChild(label);
      if (s.medianDays === null || s.medianDays === undefined) {
        return;
      }
      const bar = document.createElementNS(ns, 'rect');
      bar.setAttribute('x', left);
      bar.setAttribute('y', y + 4);
      bar.setAttribute('height', rowHeight - 10);
      bar.setAttribute('width', Math.max(1, scale(s.medianDays)));
      bar.setAttribute('class', s.stage === times.bottleneck ? 'bar bottleneck' : 'bar');
      bar.dataset.stage = s.stage;
      svg.appendChild(bar);
      const whisker = document.createElementNS(ns, 'line');
      whisker.setAttribute('x1', left + scale(s.medianDays));
      whisker.setAttribute('x2', left + scale(s.p75Days));
      whisker.setAttribute('y1', y + rowHeight / 2 - 1);
      whisker.setAttribute('y2', y + rowHeight / 2 - 1);
      whisker.setAttribute('class', 'whisker');
      svg.appendChild(whisker);
      const value = document.createElementNS(ns, 'text');
      value.setAttribute('x', left + scale(s.p75Days) + 8);
      value.setAttribute('y', y + 17);
      value.setAttribute('class', 'label');
      value.textContent = s.medianDays + ' d (n = ' + s.count + ')' + (s.stage === times.bottleneck ? ' · bottleneck' : '');
      svg.appendChild(value);
    });
    $('#window').textContent = times.from + ' to ' + times.to;
    $('#total').textContent = times.total.medianDays === null || times.total.medianDays === undefined
      ? 'No project reached an adoption decision in this window yet.'
      : 'Challenge to decision: median ' + times.total.medianDays + ' days, 75th percentile ' + times.total.p75Days
        + ' days, ' + times.total.count + ' decisions.';
    $('#sustaining-time').hidden = !sustaining || sustaining.count === 0;
    if (sustaining && sustaining.count > 0) {
      $('#sustaining-time').textContent = 'Sustaining (adoption to the end of monitoring): median ' + sustaining.medianDays + ' days, '
        + sustaining.count + ' finished.';
    }
    $('#spread-time').hidden = !spread || spread.count === 0;
    if (spread && spread.count > 0) {
      $('#spread-time').textContent = 'Spread (request to the evaluation per unit): median ' + spread.medianDays + ' days, '
        + spread.count + ' spreads finished.';
    }
    const body = $('#quarters tbody');
    body.replaceChildren();
    for (const q of times.quarters) {
      const row = document.createElement('tr');
      cell(row, q.quarter);
      cell(row, q.decisions);
      cell(row, q.medianTotalDays);
      body.appendChild(row);
    }
    showEvidenceToPractice(times.evidenceToPractice);
    $('#lead-times-section').hidden = false;
  }

  function medianAndP75(stat) {
    return stat.medianDays === null || stat.medianDays === undefined ? '' : stat.medianDays + ' (' + stat.p75Days + ')';
  }

  function showEvidenceToPractice(e) {
    const years = (days) => (days / 365.25).toFixed(1);
    const toDecision = e.publicationToDecision;
    $('#evidence-to-practice').textContent = e.adoptions === 0
      ? 'No change was adopted in this window.'
      : e.adoptions + ' changes adopted: ' + e.onLiterature + ' on literature, ' + e.onLocalKnowledgeOnly + ' on local knowledge only, '
        + e.onNoEvidence + ' on no ticked evidence.'
        + (toDecision.count === 0 ? '' : ' Publication to adoption: median ' + toDecision.medianDays + ' days (' + years(toDecision.medianDays)
          + ' years), 75th percentile ' + toDecision.p75Days + ' days, ' + toDecision.count + ' adoptions.');
    $('#knowledge-reuse').textContent = e.plansReusingKnowledge === 0
      ? 'No plan in this window rested on another project\'s knowledge record.'
      : e.plansReusingKnowledge + ' plans rested on ' + e.knowledgeRecordsReused + ' knowledge records of other projects.';
    const body = $('#evidence-quarters tbody');
    body.replaceChildren();
    for (const q of e.quarters) {
      const row = document.createElement('tr');
      [q.quarter, q.adoptions, q.onLiterature, q.onLocalKnowledgeOnly, medianAndP75(q.publicationToDecision),
        medianAndP75(q.publicationToLastUnitLive)].forEach((value) => cell(row, value));
      body.appendChild(row);
    }
  }

  function showSustained(s) {
    const line = $('#sustained-share');
    line.textContent = s.adopted === 0
      ? 'No change was adopted ' + s.months + ' months ago or earlier yet, so none can show whether it held for ' + s.months + ' months.'
      : 'Adopted changes still sustained ' + s.months + ' months after adoption: ' + s.sustained + ' of ' + s.adopted + ' ('
        + Math.round(s.share * 100) + '%), of those adopted by ' + s.adoptedBy + '.';
    line.hidden = false;
  }

  async function start() {
    const stageSelect = $('#filters select[name=stage]');
    ['Triage', 'Evidence and planning', 'Patient and family review', 'Oversight review', 'Rollout', 'Measurement', 'Evaluation and decision', 'Sustaining', 'Safety review', 'Suspended by the IRB', 'Spread', 'IRB closure']
      .forEach((stage) => stageSelect.add(new Option(stage, stage)));
    $('#filters').addEventListener('change', () => {
      page = 1;
      loadProjects().catch((e) => show(e.message));
    });
    $('#previous-page').addEventListener('click', () => {
      page -= 1;
      loadProjects().catch((e) => show(e.message));
    });
    $('#next-page').addEventListener('click', () => {
      page += 1;
      loadProjects().catch((e) => show(e.message));
    });
    try {
      await loadProjects();
    } catch (e) {
      show(e.message);
      return;
    }
    try {
      drawLeadTimes(await getJson('/api/portfolio/lead-times'));
      showSustained(await getJson('/api/portfolio/sustained'));
    } catch (e) {
      if (e.status !== 403) {
        show(e.message);
      }
    }
  }

  start();
}());
