// Cobra agent console: plain JavaScript, no framework, no build step. One page, three parts:
// sign-in, the agent view (state, timer, screen pop, preview with Dial / Skip, disposition) and the supervisor view.
// Live push: an EventSource on /api/agents/{id}/events, opened with a one-use ticket (EventSource cannot send
// the bearer token as a header, and the token must not travel in a URL). The token lives in sessionStorage only.
'use strict';

const $ = (id) => document.getElementById(id);
const session = { agent: null, token: null, role: null, skewMs: 0, since: null, stream: null, retryMs: 1000, screen: null };
let strings = {};
let lang = 'en';

function t(key, vars) {
  let s = strings[key] || key;
  for (const [k, v] of Object.entries(vars || {})) s = s.replace('{' + k + '}', v);
  return s;
}

async function setLanguage(l) {
  lang = l === 'pt-BR' ? 'pt-BR' : 'en';
  const res = await fetch('/console/i18n/' + lang + '.json');
  strings = await res.json();
  document.documentElement.lang = lang;
  $('lang').value = lang;
  localStorage.setItem('cobra.lang', lang);
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  fillDispositions();
  if (session.screen) renderScreen(session.screen);
  renderPreviewUntil();
  renderStateLabel();
}

function money(value, currency) {
  if (value === null || value === undefined) return '';
  return new Intl.NumberFormat(lang, { style: 'currency', currency: currency || 'BRL' }).format(Number(value));
}

function date(iso) {
  if (!iso) return '';
  const d = iso.length === 10 ? new Date(iso + 'T12:00:00Z') : new Date(iso);
  return iso.length === 10 ? d.toLocaleDateString(lang, { timeZone: 'UTC' }) : d.toLocaleString(lang);
}

function showError(message) {
  const el = $('error');
  el.textContent = message || '';
  el.hidden = !message;
}

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: Object.assign({ Authorization: 'Bearer ' + session.token }, body ? { 'Content-Type': 'application/json' } : {}),
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = new Error(t('error.http', { status: res.status, message: json.error || res.statusText }));
    err.status = res.status;
    throw err;
  }
  return json;
}

function agentPath(suffix) {
  return '/api/agents/' + encodeURIComponent(session.agent) + suffix;
}

// ---- sign-in ----
async function login(ev) {
  ev.preventDefault();
  showError('');
  session.agent = $('agent-id').value.trim();
  session.token = $('token').value;
  const campaigns = $('campaigns').value.split(',').map((s) => s.trim()).filter(Boolean);
  try {
    const settings = await api('GET', '/api/console/settings');
    session.role = settings.principal.role;
    session.settings = settings;
    const reasons = $('pause-reason');
    reasons.replaceChildren(...settings.pauseReasons.map((r) => new Option(r, r)));
    fillDispositions();
    if (!session.agent) {
      // Supervisors and admins may sign in without an agent id: the supervisor view only.
      if (session.role === 'agent') throw new Error(t('login.agentRequired'));
      sessionStorage.setItem('cobra.session', JSON.stringify({ agent: '', token: session.token }));
      $('login').hidden = true;
      $('tabs').hidden = false;
      $('tab-agent').hidden = true;
      $('tab-supervisor').hidden = false;
      showView('supervisor');
      return;
    }
    try {
      await api('POST', agentPath('/login'), { campaigns, extension: $('extension').value.trim() });
    } catch (e) {
      if (e.status !== 409) throw e; // 409: already signed in (e.g. a reload); carry on with the live state
    }
    sessionStorage.setItem('cobra.session', JSON.stringify({ agent: session.agent, token: session.token }));
    localStorage.setItem('cobra.campaigns', $('campaigns').value);
    $('login').hidden = true;
    $('tabs').hidden = false;
    $('tab-supervisor').hidden = session.role === 'agent';
    $('agent-name').textContent = session.agent;
    showView('agent');
    connect();
  } catch (e) {
    showError(e.message);
  }
}

// ---- live push ----
async function connect() {
  if (session.stream) session.stream.close();
  $('stream').textContent = t('stream.reconnecting');
  try {
    const { ticket } = await api('POST', '/api/events/ticket');
    const es = new EventSource(agentPath('/events') + '?ticket=' + encodeURIComponent(ticket));
    session.stream = es;
    es.addEventListener('open', () => { session.retryMs = 1000; $('stream').textContent = t('stream.live'); });
    es.addEventListener('state', (m) => onState(JSON.parse(m.data)));
    es.addEventListener('call', () => loadScreen());
    es.addEventListener('preview', () => loadPreview());
    es.addEventListener('error', () => { es.close(); retry(); });
  } catch (e) {
    if (e.status === 401 || e.status === 403) { showError(e.message); return; }
    retry();
  }
}

function retry() {
  if (!session.token) return;
  $('stream').textContent = t('stream.reconnecting');
  setTimeout(connect, session.retryMs);
  session.retryMs = Math.min(session.retryMs * 2, 30000);
}

function onState(s) {
  if (s.now) session.skewMs = Date.parse(s.now) - Date.now();
  session.state = s.state;
  session.since = s.since ? Date.parse(s.since) : null;
  renderStateLabel();
  $('pause-note').textContent = s.pauseAfterCall ? t('agent.pauseAfterCall', { reason: s.pauseAfterCall })
    : (s.pauseReason ? '(' + s.pauseReason + ')' : '');
  const inCall = s.state === 'on_call' || s.state === 'wrap_up';
  const previewing = s.state === 'preview';
  $('dispose').hidden = !inCall;
  $('preview-bar').hidden = !previewing;
  $('ready').disabled = !(s.state === 'paused' || s.state === 'wrap_up' || s.state === 'logged_out');
  if (s.state === 'wrap_up' && !session.screen) loadScreen();
  if (!inCall && !previewing) { session.screen = null; $('screen').hidden = true; }
  if (!previewing) session.preview = null;
}

function renderStateLabel() {
  if (!session.state) return;
  $('state').textContent = t('state.' + session.state);
  $('state').dataset.state = session.state;
}

function tickTimer() {
  if (!session.since) return;
  const secs = Math.max(0, Math.floor((Date.now() + session.skewMs - session.since) / 1000));
  const mm = String(Math.floor(secs / 60)).padStart(2, '0');
  const ss = String(secs % 60).padStart(2, '0');
  $('timer').textContent = mm + ':' + ss;
}

// ---- screen pop ----
async function loadScreen() {
  try {
    session.screen = await api('GET', agentPath('/screen'));
    renderScreen(session.screen);
    $('screen').hidden = false;
    $('screen').focus();
  } catch (e) {
    showError(e.message);
  }
}

// ---- preview (campaigns in preview mode: the agent sees the debtor first, then dials or skips) ----
async function loadPreview() {
  try {
    const p = await api('GET', agentPath('/preview'));
    session.preview = p.preview;
    session.screen = p.screen;
    renderScreen(p.screen);
    renderPreviewUntil();
    $('preview-bar').hidden = false;
    $('screen').hidden = false;
    $('preview-dial').focus();
  } catch (e) {
    if (e.status !== 404) showError(e.message); // 404: the reservation ended meanwhile (timed out, skipped elsewhere)
  }
}

function renderPreviewUntil() {
  if (!session.preview) return;
  $('preview-until').textContent = t('preview.until', { time: new Date(session.preview.expiresAt).toLocaleTimeString(lang) });
}

async function previewAct(suffix, body) {
  $('preview-dial').disabled = true;
  $('preview-skip').disabled = true;
  try {
    await act(suffix, body);
  } finally {
    $('preview-dial').disabled = false;
    $('preview-skip').disabled = false;
    $('preview-reason').value = '';
  }
}

function cell(text, cls) {
  const td = document.createElement('td');
  td.textContent = text === null || text === undefined ? '' : text;
  if (cls) td.className = cls;
  return td;
}

function row(cells) {
  const tr = document.createElement('tr');
  tr.append(...cells);
  return tr;
}

function li(text) {
  const el = document.createElement('li');
  el.textContent = text;
  return el;
}

function renderScreen(s) {
  $('debtor-name').textContent = s.debtor.name;
  $('debtor-document').textContent = s.debtor.documentMasked;
  $('debtor-phone').textContent = s.phoneMasked;
  $('debts').tBodies[0].replaceChildren(...s.debts.map((d) => row([cell(d.contract), cell(date(d.dueDate)),
    cell(money(d.principal, d.currency), 'num'), cell(money(d.interest, d.currency), 'num'), cell(money(d.fees, d.currency), 'num'),
    cell(money(d.total, d.currency), 'num debt-total'), cell(t('debt.' + d.status))])));
  $('owed').textContent = money(s.totalOwed, s.currency);
  $('owed').className = 'num';
  $('ivr').textContent = !s.call ? t('preview.notCalled')
    : (s.call.ivrProgress ? t('screen.ivrReached', { node: s.call.ivrProgress }) : t('screen.ivrNone'));
  const plans = s.plans.map((p) => p.kind === 'full'
    ? t('screen.planFull', { total: money(p.total, s.currency), discount: money(p.discount, s.currency), date: date(p.installments[0].dueDate) })
    : t('screen.planInstallments', { count: p.count, total: money(p.total, s.currency),
      first: money(p.installments[0].amount, s.currency), date: date(p.installments[0].dueDate) }));
  $('plans').replaceChildren(...(plans.length ? plans.map(li) : [li(t('screen.none'))]));
  $('agreement-plan').replaceChildren(...s.plans.map((p, i) => new Option(plans[i], p.kind === 'full' ? 'full' : 'installments-' + p.count)));
  $('attempts').tBodies[0].replaceChildren(...s.attempts.map((a) => row([cell(date(a.placedAt)), cell(a.outcome || '…'),
    cell(a.disposition ? t('disposition.' + a.disposition) : ''), cell(a.ivrProgress)])));
  const deals = s.promises.map((p) => t('screen.promise', { contract: p.contract, date: date(p.until) }))
    .concat(s.agreements.map((a) => t('screen.agreement', { plan: a.plan, channel: a.channel, total: money(a.total, a.currency),
      date: date(a.createdAt) })));
  $('agreements').replaceChildren(...(deals.length ? deals.map(li) : [li(t('screen.none'))]));
  if (!$('promise-amount').value && s.totalOwed) $('promise-amount').value = s.totalOwed;
}

// ---- disposition ----
function fillDispositions() {
  if (!session.settings) return;
  const sel = $('disposition');
  const current = sel.value;
  sel.replaceChildren(...session.settings.dispositions.map((d) => new Option(t('disposition.' + d), d)));
  if (current) sel.value = current;
  showDispositionFields();
}

function showDispositionFields() {
  const d = $('disposition').value;
  $('promise-fields').hidden = d !== 'promise_to_pay';
  $('agreement-fields').hidden = d !== 'agreement';
  $('callback-fields').hidden = d !== 'callback';
  $('promise-date').required = d === 'promise_to_pay';
  $('callback-at').required = d === 'callback';
}

async function dispose(ev) {
  ev.preventDefault();
  showError('');
  const d = $('disposition').value;
  const body = { disposition: d };
  if (d === 'promise_to_pay') { body.promiseDate = $('promise-date').value; body.promiseAmount = $('promise-amount').value; }
  if (d === 'agreement') body.plan = $('agreement-plan').value;
  if (d === 'callback') body.callbackAt = new Date($('callback-at').value).toISOString();
  try {
    await api('POST', agentPath('/disposition'), body);
    $('dispose').reset();
    showDispositionFields();
  } catch (e) {
    showError(e.message);
  }
}

// ---- agent buttons ----
async function act(suffix, body) {
  showError('');
  try { await api('POST', agentPath(suffix), body); } catch (e) { showError(e.message); }
}

async function logout() {
  if (session.agent) await act('/logout');
  if (session.stream) session.stream.close();
  session.token = null;
  sessionStorage.removeItem('cobra.session');
  location.reload();
}

// ---- supervisor ----
let supervisorTimer = null;

function showView(which) {
  $('agent-view').hidden = which !== 'agent';
  $('supervisor-view').hidden = which !== 'supervisor';
  $('tab-agent').setAttribute('aria-pressed', String(which === 'agent'));
  $('tab-supervisor').setAttribute('aria-pressed', String(which === 'supervisor'));
  clearInterval(supervisorTimer);
  if (which === 'supervisor') { refreshOverview(); supervisorTimer = setInterval(refreshOverview, 3000); }
}

async function refreshOverview() {
  try {
    const o = await api('GET', '/api/supervisor/overview');
    $('by-state').replaceChildren(...Object.entries(o.agentsByState).map(([s, n]) => li(t('state.' + s) + ': ' + n)));
    $('agents').tBodies[0].replaceChildren(...o.agents.map((a) => row([cell(a.id), cell(t('state.' + a.state)), cell(date(a.since))])));
    $('campaign-numbers').tBodies[0].replaceChildren(...o.campaigns.map((c) => row([cell(c.name || c.campaignId), cell(c.placed, 'num'),
      cell(c.ended, 'num'), cell(c.inFlight, 'num'), cell(c.waitingForAgent, 'num'),
      cell(new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(c.abandonRate), 'num')])));
  } catch (e) {
    showError(e.message);
  }
}

// ---- start ----
document.addEventListener('DOMContentLoaded', () => {
  const preferred = localStorage.getItem('cobra.lang') || ((navigator.language || 'en').toLowerCase().startsWith('pt') ? 'pt-BR' : 'en');
  setLanguage(preferred);
  $('lang').addEventListener('change', (e) => setLanguage(e.target.value));
  $('campaigns').value = localStorage.getItem('cobra.campaigns') || '';
  $('login').addEventListener('submit', login);
  $('dispose').addEventListener('submit', dispose);
  $('disposition').addEventListener('change', showDispositionFields);
  $('ready').addEventListener('click', () => act('/ready'));
  $('pause').addEventListener('click', () => act('/pause', { reason: $('pause-reason').value }));
  $('logout').addEventListener('click', logout);
  $('preview-dial').addEventListener('click', () => previewAct('/preview/dial'));
  $('preview-skip').addEventListener('click', () => previewAct('/preview/skip', { reason: $('preview-reason').value.trim() }));
  $('supervisor-logout').addEventListener('click', logout);
  $('tab-agent').addEventListener('click', () => showView('agent'));
  $('tab-supervisor').addEventListener('click', () => showView('supervisor'));
  setInterval(tickTimer, 1000);
  const saved = JSON.parse(sessionStorage.getItem('cobra.session') || 'null');
  if (saved) { $('agent-id').value = saved.agent; $('token').value = saved.token; }
});
