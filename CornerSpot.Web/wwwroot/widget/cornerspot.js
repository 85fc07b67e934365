/*! CornerSpot widget. Embed with:
 *  <script src="https://<console host>/widget/cornerspot.js" data-queue="support" async></script>
 *  Optional: data-country="GB" (region for phone numbers typed without a country code).
 *  Host page API: CornerSpot.identify({ name, email }), CornerSpot.open(), CornerSpot.close().
 *  With an agent online the panel is a live chat; unanswered, it offers the callback form for the same conversation.
 */
(function (w, d) {
  'use strict';
  if (w.CornerSpot && w.CornerSpot.version) return; // loaded twice

  var script = d.currentScript || (function () {
    var all = d.querySelectorAll('script[src*="/widget/cornerspot.js"]');
    return all[all.length - 1];
  })();
  if (!script) return;

  var scriptUrl = new URL(script.src, location.href);
  var API = new URL('../api/widget/', scriptUrl).href;
  var QUEUE = script.getAttribute('data-queue') || 'general';
  function localeRegion() {
    try {
      var m = /^[a-z]{2,3}[-_]([A-Z]{2})\b/i.exec(navigator.language || '');
      return m ? m[1].toUpperCase() : null;
    } catch (e) {
      return null;
    }
  }

  // Region for numbers typed without a country code: the page's choice, else the visitor's browser locale (en-US -> US).
  var COUNTRY = script.getAttribute('data-country') || localeRegion();
  var STORE = 'cornerspot.pending:' + scriptUrl.origin;
  var CHAT_STORE = 'cornerspot.chat:' + scriptUrl.origin + ':' + QUEUE;
  var TOKEN_HEADER = 'X-Visitor-Token';
  var DAYS_SHOWN = 14;
  // An unsent copy older than this is dropped unsent: on a shared device it belongs to someone long gone.
  var KEEP_UNSENT_MS = 24 * 60 * 60 * 1000;
  var TZ = (function () {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || null; } catch (e) { return null; }
  })();

  // Field limits and their messages: the server writes them in here as it serves the script (one source, in C#).
  // A copy of the file served some other way has none, and leaves every check to the server.
  var LIMITS = /*limits*/null;
  var BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
  var LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  function forbidden(text, allowLineBreaks) {
    var controls = allowLineBreaks ? /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/ : /[\u0000-\u001F\u007F-\u009F]/;
    return controls.test(text) || BIDI.test(text) || LONE_SURROGATE.test(text);
  }

  // ---- Pending submissions: written before sending, removed once the server has answered for good, or unsent after a day.
  var memory = [];
  function fresh(p) {
    var saved = p && Date.parse(p.savedAt);
    return !!saved && Date.now() - saved < KEEP_UNSENT_MS;
  }
  function loadPending() {
    var list;
    try {
      var v = JSON.parse(w.localStorage.getItem(STORE) || '[]');
      list = Array.isArray(v) ? v : [];
    } catch (e) { list = memory.slice(); }
    var kept = list.filter(fresh);
    if (kept.length !== list.length) savePending(kept);
    return kept;
  }
  function savePending(list) {
    memory = list.slice();
    try {
      if (list.length) w.localStorage.setItem(STORE, JSON.stringify(list));
      else w.localStorage.removeItem(STORE);
    } catch (e) { /* private mode or blocked storage: keep it in memory for this page */ }
  }
  function removePending(key) {
    savePending(loadPending().filter(function (p) { return p.key !== key; }));
  }
  function uuid() {
    if (w.crypto && w.crypto.randomUUID) return w.crypto.randomUUID();
    var b = w.crypto.getRandomValues(new Uint8Array(16)); // randomUUID needs a secure context
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  var inflight = {}, timers = {};
  function send(item, attempt) {
    if (inflight[item.key]) return;
    if (!fresh(item)) {
      removePending(item.key);
      ui.expired(item);
      return;
    }
    inflight[item.key] = true;
    clearTimeout(timers[item.key]);
    fetch(API + 'callbacks', {
      method: 'POST',
      mode: 'cors',
      credentials: 'omit',
      headers: callbackHeaders(item),
      body: JSON.stringify(item.body)
    }).then(function (res) {
      return res.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { /* not JSON */ }
        return { status: res.status, data: data, retryAfter: res.headers.get('Retry-After') };
      });
    }).then(function (r) {
      inflight[item.key] = false;
      if (r.status === 201 || r.status === 200) {
        removePending(item.key);
        ui.accepted(item, r.data || {});
      } else if (r.status >= 500 || r.status === 408) {
        retry(item, attempt, false);
      } else if (r.status === 429) {
        // Not a refusal of the request, only of its timing: keep it and send it again when the server says.
        var seconds = waitSeconds(r.retryAfter);
        timers[item.key] = setTimeout(function () { send(item, attempt + 1); }, seconds * 1000);
        ui.waiting(item, seconds);
      } else {
        // The server has decided (invalid, turned off): resending the same body cannot help.
        removePending(item.key);
        ui.rejected(item, r.status, r.data || {});
      }
    }, function () {
      inflight[item.key] = false;
      retry(item, attempt, !navigator.onLine);
    });
  }
  function callbackHeaders(item) {
    var h = { 'Content-Type': 'application/json', 'Idempotency-Key': item.key };
    // A callback that falls back from a chat joins that conversation; its token opens it.
    if (item.chatToken) h[TOKEN_HEADER] = item.chatToken;
    return h;
  }
  function retry(item, attempt, offline) {
    var delay = Math.min(60000, 1000 * Math.pow(2, attempt)) * (0.75 + Math.random() * 0.5);
    timers[item.key] = setTimeout(function () { send(item, attempt + 1); }, delay);
    ui.retrying(item, offline);
  }
  // Retry-After is seconds or an HTTP date; at least a second, at most an hour.
  function waitSeconds(header) {
    var s = /^\s*\d+\s*$/.test(header || '') ? parseInt(header, 10) : Math.ceil((Date.parse(header) - Date.now()) / 1000);
    return Math.min(3600, Math.max(1, isNaN(s) ? 60 : s));
  }
  function resumeAll() {
    loadPending().forEach(function (p) { send(p, 0); });
  }

  // ---- Dates
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function dayValue(dt) { return dt.getFullYear() + '-' + pad(dt.getMonth() + 1) + '-' + pad(dt.getDate()); }
  function localDate(day, time) {
    var p = day.split('-'), t = time.split(':');
    return new Date(+p[0], p[1] - 1, +p[2], +t[0], +t[1], 0, 0);
  }
  function iso(dt) {
    var off = -dt.getTimezoneOffset(), sign = off >= 0 ? '+' : '-';
    off = Math.abs(off);
    return dayValue(dt) + 'T' + pad(dt.getHours()) + ':' + pad(dt.getMinutes()) + ':00' +
      sign + pad(Math.floor(off / 60)) + ':' + pad(off % 60);
  }
  function fmtDay(dt) {
    return dt.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
  }
  function fmtTime(dt) {
    return dt.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  }

  // ---- Markup and styles, all inside a shadow root so neither page can break the other.
  var CSS =
    ':host{all:initial}' +
    '*,*::before,*::after{box-sizing:border-box}[hidden]{display:none!important}' +
    '.cs{--brand:#4F46E5;--brand-dark:#4338CA;--ink:#111827;--muted:#6B7280;--line:#D1D5DB;--bad:#B91C1C;' +
    'font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);-webkit-font-smoothing:antialiased}' +
    '.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:60px;height:60px;border:0;border-radius:50%;background:var(--brand);color:#fff;cursor:pointer;' +
    'display:grid;place-items:center;box-shadow:0 8px 24px rgba(79,70,229,.35),0 2px 6px rgba(17,24,39,.2);transition:transform .15s,background .15s}' +
    '.launcher:hover{background:var(--brand-dark);transform:translateY(-1px)}' +
    'button:focus-visible,a:focus-visible{outline:3px solid rgba(79,70,229,.5);outline-offset:2px}' +
    '.launcher svg{width:28px;height:28px}.launcher .i-x{display:none;width:24px;height:24px}.launcher.on .i-chat{display:none}.launcher.on .i-x{display:block}' +
    '.dot{position:absolute;top:2px;right:2px;width:14px;height:14px;border-radius:50%;background:#10B981;border:2px solid #fff}' +
    '.panel{position:fixed;right:20px;bottom:92px;z-index:2147483001;width:380px;max-height:calc(100vh - 112px);display:flex;flex-direction:column;' +
    'background:#fff;border-radius:18px;overflow:hidden;box-shadow:0 24px 64px rgba(17,24,39,.22),0 4px 14px rgba(17,24,39,.08);animation:cs-in .18s ease-out}' +
    '@keyframes cs-in{from{opacity:0;transform:translateY(12px)}to{opacity:1;transform:none}}' +
    '@media (prefers-reduced-motion:reduce){.panel{animation:none}.launcher{transition:none}}' +
    '.head{position:relative;padding:14px 56px 14px 20px;background:linear-gradient(135deg,#4F46E5,#6366F1);color:#fff}' +
    '.head h2{margin:0;font-size:18px;font-weight:650;line-height:1.3}' +
    '.head p{margin:2px 0 0;font-size:13px;opacity:.92;display:flex;align-items:center;gap:7px}' +
    '.head .state{width:8px;height:8px;border-radius:50%;background:#FBBF24;flex:none}' +
    '.head .state.chat{background:#34D399}.head .state.closed{background:#D1D5DB}' +
    '.x{position:absolute;top:10px;right:12px;width:36px;height:36px;border:0;border-radius:10px;background:transparent;color:#fff;cursor:pointer;display:grid;place-items:center}' +
    '.x:hover{background:rgba(255,255,255,.16)}.x svg{width:20px;height:20px}' +
    '.body{padding:14px 20px 6px;overflow-y:auto;overscroll-behavior:contain}' +
    '.intro{margin:0 0 14px;font-size:14px;color:#374151}' +
    '.field{margin:0 0 12px;padding:0;border:0;min-width:0}' +
    'label,legend{display:block;margin:0 0 4px;padding:0;font-size:13px;font-weight:600;color:var(--ink)}' +
    '.opt{font-weight:400;color:var(--muted)}' +
    'input,select,textarea{display:block;width:100%;margin:0;padding:9px 12px;font:inherit;font-size:15px;color:var(--ink);background:#fff;' +
    'border:1px solid var(--line);border-radius:10px;outline:none;transition:border-color .15s,box-shadow .15s;-webkit-appearance:none;appearance:none}' +
    'select{padding-right:30px;background:#fff url("data:image/svg+xml,%3Csvg xmlns=\'http://www.w3.org/2000/svg\' viewBox=\'0 0 20 20\' fill=\'%236B7280\'%3E%3Cpath d=\'M5.5 7.5 10 12l4.5-4.5\' stroke=\'%236B7280\' stroke-width=\'1.8\' fill=\'none\'/%3E%3C/svg%3E") no-repeat right 8px center/18px}' +
    'textarea{resize:vertical;min-height:62px}' +
    'input:focus,select:focus,textarea:focus{border-color:var(--brand);box-shadow:0 0 0 3px rgba(79,70,229,.18)}' +
    '[aria-invalid=true]{border-color:#DC2626}[aria-invalid=true]:focus{box-shadow:0 0 0 3px rgba(220,38,38,.15)}' +
    '.row{display:grid;grid-template-columns:1fr 1fr;gap:8px 10px}.row .day{grid-column:1/-1}' +
    '.row label{font-weight:500;color:#374151;font-size:12px}' +
    '.hint,.count{margin:5px 0 0;font-size:12px;color:var(--muted)}.count{text-align:right}' +
    '.err{margin:5px 0 0;font-size:13px;color:var(--bad)}' +
    '.alert{margin:0 0 14px;padding:10px 12px;border-radius:10px;background:#FEF2F2;color:var(--bad);font-size:14px}' +
    '.alert.info{background:#EEF2FF;color:#3730A3}' +
    '.send{display:flex;align-items:center;justify-content:center;gap:8px;width:100%;margin:2px 0 10px;padding:11px 16px;border:0;border-radius:10px;' +
    'background:var(--brand);color:#fff;font:inherit;font-size:15px;font-weight:600;cursor:pointer}' +
    '.send:hover{background:var(--brand-dark)}.send:disabled{opacity:.75;cursor:progress}' +
    '.spin{width:16px;height:16px;border:2px solid rgba(255,255,255,.4);border-top-color:#fff;border-radius:50%;animation:cs-spin .8s linear infinite}' +
    '@keyframes cs-spin{to{transform:rotate(360deg)}}' +
    '.msg{text-align:center;padding:12px 4px 18px}' +
    '.msg h3{margin:12px 0 6px;font-size:18px}.msg p{margin:0 0 10px;color:#374151}' +
    '.badge{display:inline-grid;place-items:center;width:56px;height:56px;border-radius:50%;background:#ECFDF5;color:#059669}' +
    '.badge.off{background:#F3F4F6;color:#6B7280}.badge svg{width:28px;height:28px}' +
    '.ref{display:inline-block;margin:4px 0 14px;padding:6px 12px;border-radius:8px;background:#F3F4F6;font-size:13px;color:#374151}' +
    '.link a{color:var(--brand);font-weight:600}' +
    '.ref b{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;letter-spacing:.04em}' +
    '.ghost{padding:10px 18px;border:1px solid var(--line);border-radius:10px;background:#fff;color:var(--ink);font:inherit;font-weight:600;cursor:pointer}' +
    '.ghost:hover{background:#F9FAFB}' +
    '.loading{display:grid;place-items:center;padding:40px 0}.loading .spin{width:26px;height:26px;border-color:#E0E7FF;border-top-color:var(--brand)}' +
    '.chat{display:flex;flex-direction:column;gap:6px;padding-bottom:10px}' +
    '.log{display:flex;flex-direction:column;gap:6px;min-height:140px;max-height:340px;overflow-y:auto;padding:2px 0}' +
    '.bubble{max-width:85%;padding:8px 12px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere;font-size:14px}' +
    '.bubble.visitor{align-self:flex-end;background:var(--brand);color:#fff;border-bottom-right-radius:4px}' +
    '.bubble.agent{align-self:flex-start;background:#F3F4F6;color:var(--ink);border-bottom-left-radius:4px}' +
    '.bubble.agent a{color:var(--brand-dark);font-weight:600}.bubble.pending{opacity:.65}' +
    '.who{display:block;margin-bottom:2px;font-size:11px;font-weight:600;color:var(--muted)}' +
    '.sys{align-self:center;margin:4px 0;font-size:12px;color:var(--muted)}' +
    '.typing{margin:0;min-height:18px;font-size:12px;color:var(--muted)}' +
    '.compose{display:flex;gap:8px;align-items:flex-end}.compose textarea{min-height:46px;max-height:140px;resize:none}' +
    '.compose .send{width:auto;margin:0;flex:none}' +
    // The host page's visitor may prefer dark: the panel follows their system, as the page itself would.
    '@media (prefers-color-scheme:dark){' +
    '.cs{--ink:#F3F4F6;--muted:#B4BAC6;--line:#5B6275;--bad:#FCA5A5;color-scheme:dark}' +
    '.panel{background:#1A1D27;box-shadow:0 24px 64px rgba(0,0,0,.55),0 4px 14px rgba(0,0,0,.4)}' +
    '.dot{border-color:#1A1D27}' +
    'input,select,textarea{background-color:#11131A}' +
    '.intro,.row label,.msg p,.ref{color:#D1D5DB}' +
    '.alert{background:#3B1010}.alert.info{background:#1E1B4B;color:#C7D2FE}' +
    '.badge{background:#0B3321;color:#86EFAC}.badge.off{background:#2A2E3D;color:#B4BAC6}.ref{background:#2A2E3D}' +
    '.link a{color:#A5B4FC}.ghost{background:#1A1D27}.ghost:hover{background:#222635}' +
    'button:focus-visible,a:focus-visible{outline-color:#A5B4FC}' +
    '.bubble.agent{background:#2A2E3D;color:var(--ink)}.bubble.agent a{color:#A5B4FC}' +
    '}' +
    '.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}' +
    '@media (max-width:480px){.panel{left:0;right:0;bottom:0;width:100%;max-height:100%;max-height:100dvh;border-radius:18px 18px 0 0}' +
    'input,select,textarea{font-size:16px}}';

  var ICON_CHAT = '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.6A8 8 0 1 1 21 12z"/></svg>';
  var ICON_X = '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" aria-hidden="true"><path d="M6 6l12 12M18 6 6 18"/></svg>';
  var ICON_OK = '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M5 12.5l4.5 4.5L19 7.5"/></svg>';
  var ICON_MOON = '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z"/></svg>';

  var HTML =
    '<div class="cs">' +
    '<button type="button" class="launcher" aria-expanded="false" aria-controls="cs-panel" aria-label="Contact us">' +
    ICON_CHAT.replace('<svg', '<svg class="i-chat"') + ICON_X.replace('<svg', '<svg class="i-x"') + '<span class="dot" hidden></span></button>' +
    '<div class="panel" id="cs-panel" role="dialog" aria-labelledby="cs-title" hidden>' +
    '<div class="head"><h2 id="cs-title" tabindex="-1">Talk to us</h2><p><span class="state" aria-hidden="true"></span><span class="sub"></span></p>' +
    '<button type="button" class="x" aria-label="Close">' + ICON_X + '</button></div>' +
    '<div class="body">' +
    '<div class="loading" data-view="loading"><span class="spin" role="img" aria-label="Loading"></span></div>' +
    '<form data-view="form" novalidate hidden>' +
    '<p class="intro"></p>' +
    '<p class="alert" data-err="form" hidden></p>' +
    '<div class="field"><label for="cs-name">Name</label>' +
    '<input id="cs-name" name="name" autocomplete="name" required>' +
    '<p class="err" id="cs-name-err" hidden></p></div>' +
    '<div class="field"><label for="cs-phone">Phone number</label>' +
    '<input id="cs-phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" required>' +
    '<p class="err" id="cs-phone-err" hidden></p></div>' +
    '<fieldset class="field" id="cs-window"><legend>Preferred time window <span class="opt">(optional)</span></legend>' +
    '<div class="row"><div class="day"><label for="cs-day">Day</label><select id="cs-day" name="day" aria-describedby="cs-window-hint"></select></div>' +
    '<div><label for="cs-from">From</label><input id="cs-from" name="from" type="time" step="900" aria-describedby="cs-window-hint"></div>' +
    '<div><label for="cs-to">To</label><input id="cs-to" name="to" type="time" step="900" aria-describedby="cs-window-hint"></div></div>' +
    '<p class="hint" id="cs-window-hint"></p>' +
    '<p class="err" id="cs-preferredWindow-err" hidden></p></fieldset>' +
    '<div class="field"><label for="cs-note">Note <span class="opt">(optional)</span></label>' +
    '<textarea id="cs-note" name="note" rows="2" aria-describedby="cs-note-count"></textarea>' +
    '<p class="count" id="cs-note-count"></p>' +
    '<p class="err" id="cs-note-err" hidden></p></div>' +
    '<button type="submit" class="send"><span class="spin" hidden></span><span class="label">Request a callback</span></button>' +
    '<p class="alert info" data-status hidden></p>' +
    '</form>' +
    '<div class="msg" data-view="done" hidden><span class="badge">' + ICON_OK + '</span>' +
    '<h3 tabindex="-1">Thanks! We\u2019ll call you back.</h3><p class="done-text"></p>' +
    '<p class="ref">Reference <b></b></p><br><p class="link" hidden><a target="_blank" rel="noopener noreferrer">View or change your request</a></p>' +
    '<button type="button" class="ghost close">Close</button></div>' +
    '<div class="msg" data-view="closed" hidden><span class="badge off">' + ICON_MOON + '</span>' +
    '<h3 tabindex="-1">We\u2019re closed right now</h3>' +
    '<p>Thanks for stopping by. Our team isn\u2019t taking calls at the moment \u2014 please come back during our opening hours and we\u2019ll be glad to help.</p>' +
    '<button type="button" class="ghost close">Close</button></div>' +
    '<div class="chat" data-view="chat" hidden>' +
    '<div class="field chat-name"><label for="cs-chat-name">Name <span class="opt">(optional)</span></label>' +
    '<input id="cs-chat-name" name="chatName" autocomplete="name"></div>' +
    '<div class="log" role="log" aria-live="polite" aria-label="Conversation"></div>' +
    '<p class="typing" aria-live="polite"></p>' +
    '<p class="alert info" data-chat-status hidden></p>' +
    '<form class="compose" data-compose novalidate><label class="sr" for="cs-text">Message</label>' +
    '<textarea id="cs-text" name="text" rows="2" placeholder="Type your message\u2026"></textarea>' +
    '<button type="submit" class="send">Send</button></form>' +
    '<p class="err" id="cs-text-err" hidden></p>' +
    '</div>' +
    '</div>' +
    '</div>' +
    '<div class="sr" role="status" aria-live="polite" aria-atomic="true"></div>' +
    '</div>';

  // ---- The widget
  var host, root, $, launcher, panel, form, live;
  var identity = { name: null, email: null };
  var state = { open: false, view: 'loading', mode: null, busy: false, formKey: null, nameTouched: false };

  function mount() {
    host = d.createElement('div');
    host.id = 'cornerspot-widget';
    root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<style>' + CSS + '</style>' + HTML;
    $ = function (sel) { return root.querySelector(sel); };
    launcher = $('.launcher'); panel = $('.panel'); form = $('form'); live = $('[role=status]');
    d.body.appendChild(host);

    launcher.addEventListener('click', function () { state.open ? close() : open(); });
    Array.prototype.forEach.call(root.querySelectorAll('.x,.close'), function (b) { b.addEventListener('click', close); });
    root.addEventListener('keydown', function (e) {
      if (state.open && (e.key === 'Escape' || e.key === 'Esc')) { e.preventDefault(); close(); }
    });
    form.addEventListener('submit', submit);
    $('#cs-name').addEventListener('input', function () { state.nameTouched = true; });
    $('#cs-note').addEventListener('input', count);
    ['name', 'phone', 'note'].forEach(function (f) {
      $('#cs-' + f).addEventListener('input', function () { if (this.getAttribute('aria-invalid')) fieldError(f, null); });
    });
    ['day', 'from', 'to'].forEach(function (f) {
      $('#cs-' + f).addEventListener('change', function () { fieldError('preferredWindow', null); });
    });
    $('[data-compose]').addEventListener('submit', sendChat);
    $('#cs-text').addEventListener('input', function () { textError(null); chatTyping(); });
    $('#cs-text').addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); sendChat(e); }
    });
    $('#cs-window-hint').textContent = TZ ? 'Times are in your time zone (' + TZ.replace(/_/g, ' ') + ').' : 'Times are in your local time.';
    fillDays();
    applyLimits();
    count();
    applyIdentity();
  }

  function fillDays() {
    var select = $('#cs-day'), today = new Date();
    select.textContent = '';
    for (var i = 0; i < DAYS_SHOWN; i++) {
      var dt = new Date(today.getFullYear(), today.getMonth(), today.getDate() + i);
      var o = d.createElement('option');
      o.value = dayValue(dt);
      o.textContent = i === 0 ? 'Today' : i === 1 ? 'Tomorrow' : fmtDay(dt);
      select.appendChild(o);
    }
  }

  function count() {
    var n = $('#cs-note').value.length;
    $('#cs-note-count').textContent = LIMITS ? n + ' / ' + LIMITS.note : '';
  }

  function applyLimits() {
    if (!LIMITS) return;
    $('#cs-name').maxLength = LIMITS.name;
    $('#cs-phone').maxLength = LIMITS.phone;
    $('#cs-note').maxLength = LIMITS.note;
    $('#cs-chat-name').maxLength = LIMITS.name;
    if (C) $('#cs-text').maxLength = C.message;
  }

  function show(view) {
    state.view = view;
    Array.prototype.forEach.call(root.querySelectorAll('[data-view]'), function (el) {
      el.hidden = el.getAttribute('data-view') !== view;
    });
  }

  // 'fallback': a chat went unanswered and the form is offered instead (see fallBack), which says so itself.
  function header(mode) {
    var sub = {
      chat: 'Agents are online',
      fallback: agentsOnline === 0 ? 'We\u2019re away right now' : 'Everyone is busy right now',
      callback: 'We\u2019re away right now',
      closed: 'Closed right now',
    }[mode] || 'We\u2019ll call you back';
    $('.sub').textContent = sub;
    $('.state').className = 'state ' + (mode === 'fallback' ? 'callback' : mode || 'callback');
    $('.intro').textContent = (mode === 'chat' || mode === 'fallback') && C
      ? C.messages.noAnswer
      : 'No one is free to chat right now. Leave your number and we\u2019ll call you back.';
  }

  function open() {
    if (!host) return;
    state.open = true;
    panel.hidden = false;
    launcher.classList.add('on');
    launcher.setAttribute('aria-expanded', 'true');
    $('.dot').hidden = true;
    if (state.busy && state.view !== 'form') { header(state.mode); show('form'); }
    if (state.view === 'done' || state.busy) { focusView(); return; }
    // A page left open overnight: "Today" must still be today.
    if (!$('#cs-from').value && !$('#cs-to').value) fillDays();
    show('loading');
    $('#cs-title').focus();
    fetch(API + 'availability?queue=' + encodeURIComponent(QUEUE), { credentials: 'omit', cache: 'no-store' })
      .then(function (res) {
        if (res.status === 404) return { mode: 'closed' };
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.json();
      })
      // Unreachable? Offer the form anyway: a submission is kept and retried until it gets through.
      .catch(function () { return { mode: 'callback' }; })
      .then(function (a) {
        if (state.view !== 'loading') return;
        state.mode = a.mode;
        header(a.mode);
        if (chat && chat.id && chat.fallback && !chat.callbackSent) fallBack();
        else if ((chat && chat.id) || (a.mode === 'chat' && C)) showChat();
        else show(a.mode === 'closed' ? 'closed' : 'form');
        if (state.open) focusView();
      });
  }

  function close() {
    if (!state.open) return;
    state.open = false;
    panel.hidden = true;
    launcher.classList.remove('on');
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  function focusView() {
    if (state.view === 'chat') {
      $('#cs-text').focus();
    } else if (state.view === 'form') {
      var first = ['name', 'phone'].map(function (f) { return $('#cs-' + f); })
        .filter(function (el) { return el.getAttribute('aria-invalid') === 'true' || !el.value; })[0];
      (first || $('#cs-name')).focus();
    } else {
      var h = root.querySelector('[data-view="' + state.view + '"] h3') || $('#cs-title');
      h.focus();
    }
  }

  function announce(text) {
    live.textContent = '';
    setTimeout(function () { live.textContent = text; }, 50);
  }

  function fieldError(field, message) {
    var input = $(field === 'preferredWindow' ? '#cs-from' : '#cs-' + field);
    var err = $('#cs-' + field + '-err');
    if (!err) return false;
    var targets = field === 'preferredWindow' ? ['#cs-day', '#cs-from', '#cs-to'].map($) : [input];
    err.textContent = message || '';
    err.hidden = !message;
    targets.forEach(function (el) {
      var ids = (el.getAttribute('aria-describedby') || '').split(' ').filter(function (id) { return id && id !== err.id; });
      if (message) { el.setAttribute('aria-invalid', 'true'); ids.push(err.id); }
      else el.removeAttribute('aria-invalid');
      if (ids.length) el.setAttribute('aria-describedby', ids.join(' ')); else el.removeAttribute('aria-describedby');
    });
    return true;
  }

  function formAlert(message) {
    var el = $('[data-err=form]');
    el.textContent = message || '';
    el.hidden = !message;
  }

  function status(message) {
    var el = $('[data-status]');
    el.textContent = message || '';
    el.hidden = !message;
    if (message) announce(message);
  }

  function values() {
    return {
      name: $('#cs-name').value.trim(),
      phone: $('#cs-phone').value.trim(),
      day: $('#cs-day').value,
      from: $('#cs-from').value,
      to: $('#cs-to').value,
      note: $('#cs-note').value
    };
  }

  function phoneCharacters(phone) {
    for (var i = 0; i < phone.length; i++) {
      var c = phone.charAt(i);
      if (!(c >= '0' && c <= '9') && LIMITS.phoneSeparators.indexOf(c) < 0) return false;
    }
    return /[0-9]/.test(phone);
  }

  function validate(v) {
    var e = {}, L = LIMITS, M = L && L.messages;
    if (!L) return e; // the server checks everything anyway

    if (!v.name) e.name = M.nameRequired;
    else if (v.name.length > L.name) e.name = M.nameTooLong;
    else if (forbidden(v.name, false)) e.name = M.nameCharacters;

    if (!v.phone) e.phone = M.phoneRequired;
    else if (v.phone.length > L.phone || !phoneCharacters(v.phone)) e.phone = M.phoneInvalid;

    if (v.from || v.to) {
      if (!v.from || !v.to) e.preferredWindow = M.windowBoth;
      else {
        var start = localDate(v.day, v.from), end = localDate(v.day, v.to), now = Date.now();
        if (!(start < end)) e.preferredWindow = M.windowOrder;
        else if (end.getTime() <= now) e.preferredWindow = M.windowPast;
        else if (start.getTime() > now + L.windowDaysAhead * 864e5) e.preferredWindow = M.windowTooFar;
      }
    }

    if (v.note.length > L.note) e.note = M.noteTooLong;
    else if (forbidden(v.note, true)) e.note = M.noteCharacters;
    return e;
  }

  function body(v) {
    var b = { name: v.name, phone: v.phone, queue: QUEUE };
    if (state.attach) b.conversationId = state.attach.id;
    if (COUNTRY) b.country = COUNTRY;
    if (v.from && v.to) b.preferredWindow = { start: iso(localDate(v.day, v.from)), end: iso(localDate(v.day, v.to)) };
    if (v.note.trim()) b.note = v.note;
    // Optional fields the visitor cannot see or correct go only when they certainly fit.
    if (LIMITS) {
      if (TZ && TZ.length <= LIMITS.timeZone) b.timeZone = TZ;
      if (identity.email && identity.email.length <= LIMITS.email) b.email = identity.email;
      // Origin and path only: a query or fragment can hold a reset token, an access token or a session id.
      var page = location.origin + location.pathname;
      if (/^https?:/.test(location.protocol) && page.length <= LIMITS.pageUrl) b.pageUrl = page;
    }
    return b;
  }

  function setBusy(busy) {
    state.busy = busy;
    var btn = $('.send');
    btn.disabled = busy;
    btn.setAttribute('aria-busy', busy ? 'true' : 'false');
    $('.send .spin').hidden = !busy;
    $('.send .label').textContent = busy ? 'Sending\u2026' : 'Request a callback';
  }

  function submit(e) {
    e.preventDefault();
    if (state.busy) return;
    formAlert(null);
    status(null);
    var v = values(), errors = validate(v), first = null;
    ['name', 'phone', 'preferredWindow', 'note'].forEach(function (f) {
      fieldError(f, errors[f]);
      if (errors[f] && !first) first = f;
    });
    if (first) {
      $(first === 'preferredWindow' ? '#cs-from' : '#cs-' + first).focus();
      announce('Please correct the highlighted fields.');
      return;
    }
    setBusy(true);
    var item = { key: uuid(), body: body(v), savedAt: new Date().toISOString() };
    if (state.attach) item.chatToken = state.attach.token;
    // Stored before the first byte is sent: a closed tab or a dead network cannot lose the lead.
    savePending(loadPending().concat([item]));
    state.formKey = item.key;
    send(item, 0);
  }

  function formHasInput() {
    return ['#cs-phone', '#cs-note', '#cs-from', '#cs-to'].some(function (sel) { return !!$(sel).value; }) || state.nameTouched;
  }

  // A copy resumed after a reload may be someone else's (a shared device): it is sent, and its confirmation shown,
  // but its name, number and note never appear on screen.
  var ui = {
    accepted: function (item, data) {
      if (!host) return;
      var mine = item.key === state.formKey;
      if (item.chatToken && chat && chat.id === item.body.conversationId) {
        chat.callbackSent = true;
        saveChat();
        state.attach = null;
      }
      if (!mine && (state.busy || formHasInput())) {
        status('An earlier request sent from this device has reached our team.');
        return;
      }
      var ref = String(data.id || '').slice(0, 8);
      var b = item.body, text = 'We\u2019ll call ' + b.phone;
      if (!mine) text = 'An earlier request sent from this device has reached our team';
      else if (b.preferredWindow) {
        var s = new Date(b.preferredWindow.start), en = new Date(b.preferredWindow.end);
        text += ' on ' + fmtDay(s) + ', ' + fmtTime(s) + '\u2013' + fmtTime(en);
      }
      $('.done-text').textContent = text + '.';
      $('.ref b').textContent = ref;
      $('.ref').hidden = !ref;
      // Only the visitor's own request: a resumed copy may be someone else's on a shared device.
      var url = mine && /^https?:\/\//.test(data.statusUrl || '') ? data.statusUrl : '';
      $('.link a').href = url || '#';
      $('.link').hidden = !url;
      form.reset();
      state.nameTouched = false;
      fillDays();
      count();
      applyIdentity();
      status(null);
      setBusy(false);
      header(state.mode);
      show('done');
      announce('Thanks! We\u2019ll call you back. Your reference is ' + ref + '.');
      if (state.open) focusView(); else $('.dot').hidden = false;
    },
    rejected: function (item, code, problem) {
      if (!host || item.key !== state.formKey) return;
      setBusy(false);
      status(null);
      if (state.view !== 'form') { header(state.mode); show('form'); }
      if (code === 400 && problem.errors) {
        var placed = false, other = [];
        Object.keys(problem.errors).forEach(function (k) {
          var key = k.charAt(0).toLowerCase() + k.slice(1), msg = [].concat(problem.errors[k]).join(' ');
          if (['name', 'phone', 'preferredWindow', 'note'].indexOf(key) >= 0 && fieldError(key, msg)) placed = true;
          else other.push(msg);
        });
        if (other.length) formAlert(other.join(' '));
        announce(placed ? 'Please correct the highlighted fields.' : other.join(' '));
      } else if (code === 403) {
        formAlert('Sorry, callback requests are turned off right now, so we couldn\u2019t send yours. Please try again later or contact us another way.');
        announce('Callback requests are turned off right now.');
      } else {
        formAlert((problem.detail || 'Something went wrong sending your request.') + ' Please check your details and try again.');
        announce('Your request could not be sent.');
      }
      if (state.open) focusView(); else $('.dot').hidden = false;
    },
    waiting: function (item, seconds) {
      if (!host || item.key !== state.formKey) return;
      status('We\u2019ve had a lot of requests just now. Your request is saved and will be sent in ' +
        (seconds === 1 ? 'a second.' : seconds < 120 ? seconds + ' seconds.' : Math.round(seconds / 60) + ' minutes.'));
    },
    expired: function (item) {
      if (!host || item.key !== state.formKey) return;
      setBusy(false);
      status(null);
      formAlert('We couldn\u2019t send your request for a day, so it was not kept. Please send it again.');
    },
    retrying: function (item, offline) {
      if (!host || item.key !== state.formKey) return;
      status(offline
        ? 'You seem to be offline. Your request is saved on this device and will be sent as soon as you\u2019re back online.'
        : 'We couldn\u2019t reach our team just now. Your request is saved and we\u2019ll keep trying.');
    }
  };

  // ---- Live chat. The conversation (id, token, transcript, unsent messages) is kept in localStorage, so a reload or
  // a closed tab finds it again; the stream is read with fetch(), never EventSource, so the token travels in a header.
  var C = LIMITS && LIMITS.chat;
  var KEEP_MESSAGES = 200;
  var chatMemory = null;
  var chat = loadChat();
  // The message being sent, and the ids already shown when it left: its echo on the stream can beat the POST's answer.
  var flight = null;
  var flushing = false, flushTimer = null, flushAttempt = 0, stream = null, streamAttempt = 0;
  var answerTimer = null, typingTimer = null, lastTypingSent = 0, agentsOnline = null;

  function loadChat() {
    try {
      var v = JSON.parse(w.localStorage.getItem(CHAT_STORE) || 'null');
      return v && typeof v === 'object' && Array.isArray(v.messages) && Array.isArray(v.outbox) ? v : null;
    } catch (e) { return chatMemory; }
  }
  function saveChat() {
    if (chat && chat.messages.length > KEEP_MESSAGES) chat.messages = chat.messages.slice(-KEEP_MESSAGES);
    chatMemory = chat;
    try {
      if (chat) w.localStorage.setItem(CHAT_STORE, JSON.stringify(chat));
      else w.localStorage.removeItem(CHAT_STORE);
    } catch (e) { /* blocked storage: this page keeps it in memory */ }
  }
  function forgetChat() {
    if (stream) stream.abort();
    stream = null;
    clearTimeout(answerTimer);
    chat = null;
    saveChat();
    if (state.view === 'chat') renderChat();
  }

  function showChat() {
    header('chat');
    show('chat');
    renderChat();
  }

  function chatStatus(message) {
    var el = $('[data-chat-status]');
    el.textContent = message || '';
    el.hidden = !message;
  }

  function textError(message) {
    var err = $('#cs-text-err'), input = $('#cs-text');
    err.textContent = message || '';
    err.hidden = !message;
    if (message) { input.setAttribute('aria-invalid', 'true'); input.setAttribute('aria-describedby', err.id); }
    else { input.removeAttribute('aria-invalid'); input.removeAttribute('aria-describedby'); }
  }

  // Server order: time, then id (the same for every reader).
  function addMessage(m) {
    if (!m || !m.id) return;
    if (chat.messages.some(function (x) { return x.id === m.id; })) return;
    chat.messages.push({ id: m.id, author: m.author, authorName: m.authorName, text: m.text, sentAt: m.sentAt });
    chat.messages.sort(function (a, b) {
      var ta = Date.parse(a.sentAt), tb = Date.parse(b.sentAt);
      if (ta !== tb) return ta - tb;
      if (a.sentAt !== b.sentAt) return a.sentAt < b.sentAt ? -1 : 1;
      return a.id.toUpperCase() < b.id.toUpperCase() ? -1 : 1;
    });
    if (m.author === 'agent') {
      chat.agentSeen = true;
      clearTimeout(answerTimer);
      $('.typing').textContent = '';
    }
  }

  // Agents' links open (http and https only); every other character is text.
  function appendText(el, text, links) {
    if (!links) { el.appendChild(d.createTextNode(text)); return; }
    var re = /\bhttps?:\/\/[^\s<>"']+/gi, at = 0, m;
    while ((m = re.exec(text))) {
      var url = m[0].replace(/[.,;:!?)\]]+$/, '');
      var parsed = null;
      try { parsed = new URL(url); } catch (e) { /* not a URL after all */ }
      if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) continue;
      el.appendChild(d.createTextNode(text.slice(at, m.index)));
      var a = d.createElement('a');
      a.href = parsed.href;
      a.target = '_blank';
      a.rel = 'noopener nofollow';
      a.textContent = url;
      el.appendChild(a);
      at = m.index + url.length;
      re.lastIndex = at;
    }
    el.appendChild(d.createTextNode(text.slice(at)));
  }

  function renderChat() {
    if (!host) return;
    var log = $('.log'), joined = {};
    log.textContent = '';
    var messages = chat ? chat.messages : [], outbox = chat ? chat.outbox : [];
    messages.forEach(function (m) {
      if (m.author === 'agent' && !joined[m.authorName]) {
        joined[m.authorName] = true;
        var sys = d.createElement('p');
        sys.className = 'sys';
        sys.textContent = m.authorName + ' joined the chat';
        log.appendChild(sys);
      }
      log.appendChild(bubble(m.author === 'agent' ? 'agent' : 'visitor', m.author === 'agent' ? m.authorName : null, m.text));
    });
    outbox.forEach(function (o) {
      if (echoed(o)) return;
      var b = bubble('visitor', null, o.text);
      b.classList.add('pending');
      log.appendChild(b);
    });
    log.scrollTop = log.scrollHeight;
    $('.chat-name').hidden = !!(chat && (chat.id || outbox.length));
    var nameInput = $('#cs-chat-name');
    if (!nameInput.value && identity.name) nameInput.value = identity.name;
  }

  function echoed(o) {
    return !!flight && flight.key === o.key && chat.messages.some(function (m) {
      return m.author === 'visitor' && m.text === o.text && !flight.seen[m.id];
    });
  }

  function bubble(kind, who, text) {
    var b = d.createElement('div');
    b.className = 'bubble ' + kind;
    if (who) {
      var label = d.createElement('span');
      label.className = 'who';
      label.textContent = who;
      b.appendChild(label);
    }
    appendText(b, text, kind === 'agent');
    return b;
  }

  function sendChat(e) {
    e.preventDefault();
    var input = $('#cs-text'), text = input.value.trim();
    textError(null);
    if (!text) { textError(C ? C.messages.textRequired : null); input.focus(); return; }
    if (C && text.length > C.message) { textError(C.messages.textTooLong); input.focus(); return; }
    if (!chat) chat = { id: null, token: null, name: null, messages: [], outbox: [], lastId: null, startedAt: null };
    if (!chat.id && !chat.outbox.length) chat.name = $('#cs-chat-name').value.trim() || identity.name || null;
    // Kept before it is sent, with its key: a reload or a dead network cannot lose it, a retry cannot double it.
    chat.outbox.push({ key: uuid(), text: text, savedAt: new Date().toISOString() });
    saveChat();
    input.value = '';
    renderChat();
    flush();
  }

  function flush() {
    if (flushing || !chat || !chat.outbox.length) return;
    flushing = true;
    clearTimeout(flushTimer);
    flight = { key: chat.outbox[0].key, seen: {} };
    chat.messages.forEach(function (m) { flight.seen[m.id] = true; });
    var item = chat.outbox[0], starting = !chat.id, url, body, headers = { 'Content-Type': 'application/json' };
    if (starting) {
      url = API + 'conversations';
      body = { message: item.text, queue: QUEUE };
      if (chat.name && (!LIMITS || chat.name.length <= LIMITS.name)) body.name = chat.name;
      if (LIMITS && identity.email && identity.email.length <= LIMITS.email) body.email = identity.email;
      var page = location.origin + location.pathname;
      if (LIMITS && /^https?:/.test(location.protocol) && page.length <= LIMITS.pageUrl) body.pageUrl = page;
    } else {
      url = API + 'conversations/' + chat.id + '/messages';
      body = { text: item.text };
      headers['Idempotency-Key'] = item.key;
      headers[TOKEN_HEADER] = chat.token;
    }
    fetch(url, { method: 'POST', mode: 'cors', credentials: 'omit', headers: headers, body: JSON.stringify(body) })
      .then(function (res) {
        return res.text().then(function (t) {
          var data = null;
          try { data = t ? JSON.parse(t) : null; } catch (x) { /* not JSON */ }
          return { status: res.status, data: data || {}, retryAfter: res.headers.get('Retry-After') };
        });
      })
      .then(function (r) {
        flushing = false;
        flight = null;
        if (!chat || chat.outbox[0] !== item) return;
        if (r.status === 201) {
          flushAttempt = 0;
          chatStatus(null);
          chat.outbox.shift();
          if (starting) {
            chat.id = r.data.conversationId;
            chat.token = r.data.visitorToken;
            chat.startedAt = Date.now();
          }
          addMessage(r.data.message);
          saveChat();
          renderChat();
          if (starting) { openStream(); armAnswerTimer(); }
          flush();
        } else if (r.status === 429) {
          var seconds = waitSeconds(r.retryAfter);
          chatStatus('You\u2019ve sent a lot of messages just now. The next one goes in ' + (seconds === 1 ? 'a second.' : seconds + ' seconds.'));
          flushTimer = setTimeout(flush, seconds * 1000);
        } else if (r.status >= 500 || r.status === 408) {
          retryFlush(false);
        } else if (r.status === 404) {
          // The conversation is gone (or was never this device's): start afresh.
          forgetChat();
        } else {
          chat.outbox.shift();
          saveChat();
          renderChat();
          var errors = r.data.errors || {};
          textError([].concat(errors.text || errors.message || r.data.detail || 'This message could not be sent.').join(' '));
          flush();
        }
      }, function () {
        flushing = false;
        flight = null;
        retryFlush(!navigator.onLine);
      });
  }
  function retryFlush(offline) {
    chatStatus(offline
      ? 'You seem to be offline. Your messages are saved and will be sent when you\u2019re back online.'
      : 'We couldn\u2019t reach our team just now. Your messages are saved and we\u2019ll keep trying.');
    var delay = Math.min(30000, 1000 * Math.pow(2, flushAttempt++)) * (0.75 + Math.random() * 0.5);
    flushTimer = setTimeout(flush, delay);
  }

  function openStream() {
    if (!chat || !chat.id || stream || !w.fetch || !w.ReadableStream) return;
    var ctrl = new AbortController(), id = chat.id;
    stream = ctrl;
    var headers = {};
    headers[TOKEN_HEADER] = chat.token;
    if (chat.lastId) headers['Last-Event-ID'] = chat.lastId;
    fetch(API + 'conversations/' + id + '/events', { credentials: 'omit', cache: 'no-store', headers: headers, signal: ctrl.signal })
      .then(function (res) {
        if (res.status === 404) { if (stream === ctrl) forgetChat(); return; }
        if (!res.ok || !res.body) throw new Error('HTTP ' + res.status);
        streamAttempt = 0;
        var reader = res.body.getReader(), decoder = new TextDecoder(), buffer = '';
        function pump() {
          return reader.read().then(function (r) {
            if (r.done) return;
            buffer += decoder.decode(r.value, { stream: true });
            var blocks = buffer.split(/\r?\n\r?\n/);
            buffer = blocks.pop();
            blocks.forEach(function (b) { if (stream === ctrl) dispatch(b); });
            return pump();
          });
        }
        return pump();
      })
      .catch(function () { /* reconnects below */ })
      .then(function () {
        if (stream !== ctrl) return;
        stream = null;
        var delay = Math.min(15000, 500 * Math.pow(2, streamAttempt++));
        setTimeout(openStream, delay);
      });
  }

  function dispatch(block) {
    var type = 'message', data = [], id = null;
    block.split(/\r?\n/).forEach(function (line) {
      var i = line.indexOf(':'), field = i < 0 ? line : line.slice(0, i), value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
      if (field === 'event') type = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
    });
    var p;
    try { p = JSON.parse(data.join('\n')); } catch (e) { return; }
    if (!chat) return;
    if (type === 'message') {
      addMessage(p);
      if (id) chat.lastId = id;
      saveChat();
      if (state.view === 'chat') renderChat();
      if (p.author === 'agent') {
        announce(p.authorName + ': ' + p.text);
        if (!state.open) $('.dot').hidden = false;
      }
    } else if (type === 'typing') {
      $('.typing').textContent = p.agentName + ' is typing\u2026';
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () { $('.typing').textContent = ''; }, 4000);
    } else if (type === 'joined') {
      announce(p.agentName + ' joined the chat');
    } else if (type === 'status' || type === 'agents') {
      if (p.status) { chat.status = p.status; saveChat(); }
      var online = type === 'agents' ? p.online : p.agentsOnline;
      if (typeof online === 'number') {
        agentsOnline = online;
        if (online === 0) fallBack();
      }
    }
  }

  // No agent reply within Chat:AnswerSeconds of the first message: offer the callback form instead.
  function armAnswerTimer() {
    clearTimeout(answerTimer);
    if (!C || !chat || !chat.id || chat.agentSeen || chat.fallback) return;
    var wait = (chat.startedAt || Date.now()) + C.answerSeconds * 1000 - Date.now();
    answerTimer = setTimeout(fallBack, Math.max(0, wait));
  }

  function fallBack() {
    if (!host || !chat || !chat.id || chat.callbackSent || chat.status === 'pending' || chat.status === 'resolved') return;
    if (agentsOnline !== 0 && chat.agentSeen) return;
    chat.fallback = true;
    saveChat();
    state.attach = { id: chat.id, token: chat.token };
    if (state.busy || state.view === 'done') return;
    header('fallback');
    var name = $('#cs-name');
    if (!name.value && (chat.name || identity.name)) name.value = chat.name || identity.name;
    show('form');
    announce(C ? C.messages.noAnswer : '');
    if (state.open) focusView(); else $('.dot').hidden = false;
  }

  function chatTyping() {
    if (!chat || !chat.id || Date.now() - lastTypingSent < 2000) return;
    lastTypingSent = Date.now();
    var headers = {};
    headers[TOKEN_HEADER] = chat.token;
    fetch(API + 'conversations/' + chat.id + '/typing', { method: 'POST', mode: 'cors', credentials: 'omit', headers: headers })
      .catch(function () { /* typing is a courtesy */ });
  }

  function resumeChat() {
    if (!chat) return;
    if (chat.fallback) state.attach = { id: chat.id, token: chat.token };
    openStream();
    armAnswerTimer();
    flush();
  }

  function applyIdentity() {
    var input = $('#cs-name');
    if (identity.name && !state.nameTouched && !input.value) input.value = String(identity.name);
  }

  function identify(who) {
    who = who || {};
    if (typeof who.name === 'string' && who.name.trim()) identity.name = who.name.trim();
    // Only an address the server will accept: the visitor cannot correct a field they never see.
    if (typeof who.email === 'string' && /^[^\s@?&%]+@[^\s@]+\.[^\s@]+$/.test(who.email.trim()))
      identity.email = who.email.trim();
    if (host) applyIdentity();
  }

  var queued = w.CornerSpot && Array.isArray(w.CornerSpot.q) ? w.CornerSpot.q : [];
  var api = w.CornerSpot = {
    version: '1.0.0',
    identify: identify,
    open: function () { if (!state.open) open(); },
    close: close
  };
  queued.forEach(function (call) {
    if (call && typeof api[call[0]] === 'function') api[call[0]].apply(null, [].slice.call(call, 1));
  });

  function start() {
    mount();
    // Copies left by an earlier page (perhaps another person's) are sent in the background, never put in the form.
    w.addEventListener('online', resumeAll);
    w.addEventListener('online', flush);
    resumeAll();
    resumeChat();
  }
  if (d.body) start(); else d.addEventListener('DOMContentLoaded', start);
})(window, document);
