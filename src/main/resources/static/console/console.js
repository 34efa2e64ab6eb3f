// AssistX operations console: plain JavaScript over the operations API (/api/v1/ops/**).
(function () {
  "use strict";
  const LABELS = window.ASSISTX_LABELS;
  const API = "/api/v1/ops";
  const REFRESH_MS = 5000;
  const view = document.getElementById("view");
  let lang = localStorage.getItem("assistx.lang") || ((navigator.language || "zh").toLowerCase().startsWith("zh") ? "zh" : "en");
  let me = null;
  let timer = null;
  const history = {};           // routeId -> [exchangesTotal, ...] for the sparklines
  const failHistory = {};       // routeId -> [failures, ...]

  // ---------- helpers ----------
  function t(key, vars) {
    const pair = LABELS[key];
    let s = pair ? pair[lang === "zh" ? 0 : 1] : key;
    if (vars) { Object.keys(vars).forEach(k => { s = s.replace("{" + k + "}", vars[k]); }); }
    return s;
  }
  function tOr(key, fallback) { return LABELS[key] ? t(key) : fallback; }
  function esc(v) {
    return String(v === null || v === undefined ? "" : v).replace(/[&<>"']/g,
      c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }
  function pad(n) { return String(n).padStart(2, "0"); }
  function when(iso) {
    if (!iso) { return '<span class="muted">' + esc(t("never")) + "</span>"; }
    const d = new Date(iso);
    const s = d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " " + pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
    return '<span title="' + esc(iso) + '">' + esc(s) + '</span> <span class="muted small">' + esc(ago(d)) + "</span>";
  }
  function ago(d) {
    const s = Math.round((Date.now() - d.getTime()) / 1000);
    if (s < 0) { return ""; }
    if (s < 60) { return lang === "zh" ? s + "秒前" : s + "s ago"; }
    if (s < 3600) { return lang === "zh" ? Math.round(s / 60) + "分钟前" : Math.round(s / 60) + " min ago"; }
    if (s < 86400) { return lang === "zh" ? Math.round(s / 3600) + "小时前" : Math.round(s / 3600) + " h ago"; }
    return lang === "zh" ? Math.round(s / 86400) + "天前" : Math.round(s / 86400) + " d ago";
  }
  function num(v) { return v === null || v === undefined ? '<span class="muted">–</span>' : esc(v); }
  function tone(value) {
    return ({ UP: "ok", Started: "ok", OK: "ok", ANSWERED: "ok", NOT_RECEIVING: "ok", DEGRADED: "warn", Suspended: "warn",
      EXPIRING: "warn", ACCEPTED: "idle", SENT: "warn", RECEIVING: "ok", DOWN: "bad", Stopped: "idle", EXPIRED: "bad",
      UNDETERMINED: "bad", FAILED: "bad", REFUSED: "warn", DONE: "ok", PROCEED_IMMEDIATELY: "warn", UNKNOWN: "idle",
      SUSPENDED: "warn", CLOSED: "ok", OPEN: "bad", HALF_OPEN: "warn" })[value] || "idle";
  }
  function chip(value, label) { return '<span class="chip ' + tone(value) + '">' + esc(label || value) + "</span>"; }
  function banner(text) {
    const b = document.getElementById("banner");
    if (text) { b.textContent = text; b.hidden = false; } else { b.hidden = true; }
  }
  function toast(text) {
    const el = document.getElementById("toast");
    el.textContent = text; el.hidden = false;
    clearTimeout(el._t); el._t = setTimeout(() => { el.hidden = true; }, 5000);
  }

  // Every call: JSON in and out; an error becomes one readable line (code and message), never a stack trace.
  async function api(path, options) {
    let r;
    try {
      r = await fetch(API + path, Object.assign({ headers: { "Accept": "application/json" }, credentials: "same-origin" }, options || {}));
    } catch (e) {
      throw new Error(t("unreachable"));
    }
    if (r.status === 401) { window.location.href = "/login"; throw new Error("401"); }
    const text = await r.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
    if (!r.ok) {
      if (r.status === 403) { throw new Error(t("forbidden")); }
      const err = body && body.errors && body.errors[0];
      throw new Error(err ? err.code + " — " + err.message : "HTTP " + r.status);
    }
    return body;
  }
  function post(path, body) {
    return api(path, { method: "POST", headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body || {}) });
  }

  function ask(title, html, confirmLabel, onConfirm) {
    const modal = document.getElementById("modal");
    document.getElementById("modal-title").textContent = title;
    document.getElementById("modal-body").innerHTML = html;
    const ok = document.getElementById("modal-confirm");
    const cancel = document.getElementById("modal-cancel");
    ok.textContent = confirmLabel; cancel.textContent = t("btn.cancel");
    ok.hidden = !onConfirm;
    modal.hidden = false;
    const close = () => { modal.hidden = true; ok.onclick = null; };
    cancel.onclick = close;
    ok.onclick = async () => {
      ok.disabled = true;
      try { if (await onConfirm() !== false) { close(); } } catch (e) { banner(e.message); close(); }
      finally { ok.disabled = false; }
    };
  }

  function sparkline(values, colour) {
    if (!values || values.length < 2) { return '<span class="muted small">…</span>'; }
    const deltas = [];
    for (let i = 1; i < values.length; i++) { deltas.push(Math.max(0, values[i] - values[i - 1])); }
    const max = Math.max(1, ...deltas);
    const w = 90, h = 22, step = w / Math.max(1, deltas.length - 1);
    const pts = deltas.map((d, i) => (i * step).toFixed(1) + "," + (h - 2 - (d / max) * (h - 4)).toFixed(1)).join(" ");
    return '<svg class="spark" width="' + w + '" height="' + h + '" aria-hidden="true"><polyline fill="none" stroke="' + colour + '" stroke-width="1.5" points="' + pts + '"/></svg>';
  }

  // ---------- pages ----------
  async function overview() {
    const o = await api("/overview");
    const s = o.verificationsByStatus || {};
    const cards = [
      ["card.dispatch", o.queues.dispatch, o.queues.dispatch > 50 ? "warn" : ""],
      ["card.deadLetters", o.queues.deadLetters, o.queues.deadLetters > 0 ? "bad" : ""],
      ["card.overdue", o.overdue, o.overdue > 0 ? "bad" : ""],
      ["card.accepted", s.ACCEPTED || 0, ""], ["card.sent", s.SENT || 0, ""], ["card.answered", s.ANSWERED || 0, ""],
      ["card.undetermined", s.UNDETERMINED || 0, (s.UNDETERMINED || 0) > 0 ? "warn" : ""],
      ["card.emergency", s.PROCEED_IMMEDIATELY || 0, ""]
    ];
    o.routes.forEach(r => {
      (history[r.id] = history[r.id] || []).push(r.exchangesTotal);
      (failHistory[r.id] = failHistory[r.id] || []).push(r.exchangesFailed + r.failuresHandled);
      if (history[r.id].length > 40) { history[r.id].shift(); failHistory[r.id].shift(); }
    });
    const canAct = me && me.roles.indexOf("OPERATOR") >= 0;
    let html = '<div class="cards" data-testid="cards">' + cards.map(c =>
      '<div class="card ' + c[2] + '"><div class="label">' + esc(t(c[0])) + '</div><div class="value">' + esc(c[1]) + "</div></div>").join("") + "</div>";
    // Partners first: what an operator acts on at night (state, breaker, queued, last answer, certificate).
    html += "<h2>" + esc(t("partners")) + '</h2><table data-testid="partners-table"><thead><tr><th>' +
      ["col.partner", "col.health", "col.circuit", "col.queued", "col.lastAnswer", "col.certificate", "col.lastFailure", "col.pending", "col.recentFailed", "col.coverage", "col.transport", "col.actions"]
        .map(k => esc(t(k))).join("</th><th>") + "</th></tr></thead><tbody>";
    o.partners.forEach(p => {
      const flow = p.delivery ? p.delivery.flow : "";
      const partnerButtons = !canAct ? "" : flow === "SUSPENDED"
        ? '<button type="button" data-partner-action="resume" data-partner="' + esc(p.id) + '">' + esc(t("btn.resume")) + "</button>"
        : '<button type="button" data-partner-action="suspend" data-partner="' + esc(p.id) + '">' + esc(t("btn.suspend")) + "</button>" +
          (flow === "WAITING_FOR_PARTNER" ? ' <button type="button" data-partner-action="resume" data-partner="' + esc(p.id) + '">' + esc(t("btn.closeBreaker")) + "</button>" : "");
      const days = p.certificateDaysLeft;
      const first = (p.certificates || []).reduce((a, c) => !a || c.daysLeft < a.daysLeft ? c : a, null);
      const certState = days === null || days === undefined || !first ? "UNKNOWN" : first.state;
      html += '<tr data-partner-id="' + esc(p.id) + '"><td><span class="dot ' + tone(p.health) + '"></span><b>' + esc(p.title) + '</b><div class="mono muted">' + esc(p.id) + " · " + esc(p.endpoint) + "</div></td>" +
        '<td data-col="state">' + chip(p.health, t("health." + p.health)) + '<div class="small muted">' + esc(p.healthReason) + "</div></td>" +
        '<td data-col="breaker">' + chip(p.circuitBreaker, tOr("breaker." + p.circuitBreaker, p.circuitBreaker)) +
        (p.delivery && p.delivery.failureRate >= 0 ? '<div class="small muted">' + esc(t("breaker.rate", { rate: Math.round(p.delivery.failureRate), calls: p.delivery.bufferedCalls })) + "</div>" : "") + "</td>" +
        '<td class="num" data-col="queued">' + (p.queued < 0 ? '<span class="muted">?</span>' : num(p.queued)) + "</td>" +
        '<td data-col="last-answer">' + when(p.lastAnswer) + "</td>" +
        '<td data-col="certificate">' + (certState === "UNKNOWN" ? '<span class="muted">–</span>' : chip(certState, t("cert.daysLeft", { n: days })) + '<div class="small muted">' + when(p.certificateNotAfter) + "</div>") + "</td>" +
        "<td>" + (p.lastFailure ? when(p.lastFailure) + '<div class="reason">' + esc(p.lastFailureReason) + "</div>" : '<span class="muted">' + esc(t("none")) + "</span>") + "</td>" +
        '<td class="num">' + num(p.pending) + '</td><td class="num">' + num(p.failedRecent) + "</td>" +
        "<td>" + p.covers.map(c => esc(c.prefix) + (c.name ? " " + esc(c.name) : "")).join("<br>") + "</td>" +
        "<td>" + esc(p.transport) + '<div class="small muted">' + esc(p.reachability) + "</div></td>" +
        '<td class="actions-cell">' + partnerButtons + "</td></tr>";
    });
    html += "</tbody></table>";
    html += "<h2>" + esc(t("routes")) + '</h2><table data-testid="routes-table"><thead><tr><th>' +
      ["col.route", "col.state", "col.total", "col.failed", "col.handled", "col.inflight", "col.mean", "col.p99", "col.trend", "col.lastFailure", "col.actions"]
        .map(k => esc(t(k))).join("</th><th>") + "</th></tr></thead><tbody>";
    o.routes.forEach(r => {
      const buttons = !canAct ? "" : (r.state === "Started"
        ? '<button type="button" data-route-action="suspend" data-route="' + esc(r.id) + '">' + esc(t("btn.suspend")) + "</button>"
        : r.state === "Suspended"
          ? '<button type="button" data-route-action="resume" data-route="' + esc(r.id) + '">' + esc(t("btn.resume")) + "</button>"
          : '<button type="button" data-route-action="start" data-route="' + esc(r.id) + '">' + esc(t("btn.start")) + "</button>");
      html += '<tr data-route-id="' + esc(r.id) + '"><td><span class="dot ' + tone(r.state) + '"></span><b>' + esc(r.id) + '</b><div class="mono muted">' + esc(r.from) + "</div></td>" +
        "<td>" + chip(r.state, tOr("state." + r.state, r.state)) + "</td>" +
        '<td class="num">' + num(r.exchangesTotal) + '</td><td class="num">' + num(r.exchangesFailed) + '</td><td class="num">' + num(r.failuresHandled) +
        '</td><td class="num">' + num(r.inflight) + '</td><td class="num">' + num(r.meanMs) + '</td><td class="num">' + num(r.p99Ms) + "</td>" +
        "<td>" + sparkline(history[r.id], "#2457c5") + " " + sparkline(failHistory[r.id], "#d64545") + "</td>" +
        "<td>" + (r.lastFailure ? when(r.lastFailure.at) + '<div class="reason">' + esc(r.lastFailure.reason) + "</div>" : '<span class="muted">' + esc(t("none")) + "</span>") + "</td>" +
        '<td class="actions-cell">' + buttons + "</td></tr>";
    });
    html += "</tbody></table>";
    html += "<h2>" + esc(t("certificates")) + '</h2><table data-testid="certificates-table"><thead><tr><th>' +
      ["col.role", "col.owner", "col.subject", "col.notAfter", "col.daysLeft", "col.state"].map(k => esc(t(k))).join("</th><th>") + "</th></tr></thead><tbody>";
    o.certificates.forEach(c => {
      html += "<tr><td>" + esc(c.role) + "</td><td>" + esc(c.owner) + '</td><td class="mono">' + esc(c.subject) + "</td><td>" + when(c.notAfter) +
        '</td><td class="num">' + num(c.daysLeft) + "</td><td>" + chip(c.state, t("cert." + c.state)) + "</td></tr>";
    });
    html += "</tbody></table>";
    view.innerHTML = "<h1>" + esc(t("nav.overview")) + "</h1>" + html;
    view.querySelectorAll("[data-route-action]").forEach(b => b.addEventListener("click", () => routeAction(b.dataset.route, b.dataset.routeAction)));
    view.querySelectorAll("[data-partner-action]").forEach(b => b.addEventListener("click", () => partnerAction(b.dataset.partner, b.dataset.partnerAction)));
  }

  function partnerAction(id, action) {
    const label = t("btn." + action);
    const body = '<p class="reason">' + esc(t("partner." + action + "Explain")) + '</p><textarea id="partner-reason" placeholder="' + esc(t("col.reason")) + '"></textarea>';
    ask(t("partner.confirm", { id: id, action: label }), body, label, async () => {
      const r = await post("/partners/" + encodeURIComponent(id) + "/" + action, { reason: document.getElementById("partner-reason").value || null });
      toast(t("partner.done", { flow: tOr("flow." + r.flow, r.flow) }));
      render();
    });
  }

  function routeAction(id, action) {
    const label = t("btn." + action);
    const warn = !/^core-(verification|notice)-dispatch$|^core-delivery-|^core-schedule-/.test(id) && action === "suspend" ? '<p class="reason">' + esc(t("route.warnDirect")) + "</p>" : "";
    ask(t("route.confirm", { id: id, action: label }), warn + '<textarea id="route-reason" placeholder="' + esc(t("col.reason")) + '"></textarea>', label, async () => {
      const r = await post("/routes/" + encodeURIComponent(id) + "/" + action, { reason: document.getElementById("route-reason").value || null });
      toast(t("route.done", { state: tOr("state." + r.state, r.state) }));
      render();
    });
  }

  async function messages(q) {
    const params = new URLSearchParams(window.location.hash.split("?")[1] || "");
    const query = q !== undefined ? q : (params.get("q") || "");
    const status = params.get("status") || "";
    const statuses = ["", "ACCEPTED", "SENT", "ANSWERED", "UNDETERMINED", "PROCEED_IMMEDIATELY"];
    let html = "<h1>" + esc(t("nav.messages")) + '</h1><form class="search" id="search-form" data-testid="search-form">' +
      '<input id="search-input" data-testid="search-input" autocomplete="off" value="' + esc(query) + '" placeholder="' + esc(t("search.placeholder")) + '">' +
      '<select id="search-status" data-testid="search-status">' + statuses.map(s => '<option value="' + s + '"' + (s === status ? " selected" : "") + ">" +
        esc(s ? t("status." + s) : t("search.any")) + "</option>").join("") + "</select>" +
      '<button class="primary" type="submit" data-testid="search-button">' + esc(t("btn.search")) + '</button></form><div id="results"><p class="muted">' + esc(t("search.hint")) + "</p></div>";
    view.innerHTML = html;
    document.getElementById("search-form").addEventListener("submit", ev => {
      ev.preventDefault();
      const q2 = document.getElementById("search-input").value.trim();
      const st = document.getElementById("search-status").value;
      const p = new URLSearchParams(); if (q2) { p.set("q", q2); } if (st) { p.set("status", st); }
      window.location.hash = "#messages?" + p.toString();
    });
    const p = new URLSearchParams(); if (query) { p.set("q", query); } if (status) { p.set("status", status); }
    const rows = await api("/verifications?" + p.toString());
    if (rows.length === 1 && query) { window.location.hash = "#trace/" + encodeURIComponent(rows[0].verificationId); return; }
    const results = document.getElementById("results");
    if (!rows.length) { results.innerHTML = '<div class="empty" data-testid="no-results">' + esc(t("search.none")) + "</div>"; return; }
    results.innerHTML = '<table data-testid="results-table"><thead><tr><th>' +
      ["col.verification", "col.request", "col.status", "col.outcome", "col.jurisdiction", "col.partner", "col.township", "col.applicant", "col.created"]
        .map(k => esc(t(k))).join("</th><th>") + "</th></tr></thead><tbody>" + rows.map(v =>
        '<tr class="clickable" data-verification-id="' + esc(v.verificationId) + '"><td class="mono">' + esc(v.verificationId) + '</td><td class="mono">' + esc(v.requestId) +
        "</td><td>" + chip(v.status, tOr("status." + v.status, v.status)) + "</td><td>" + (v.outcome ? chip(v.outcome, tOr("outcome." + v.outcome, v.outcome)) : "") +
        "</td><td>" + esc(v.jurisdiction) + "</td><td>" + esc(v.partner) + "</td><td>" + esc(v.residenceTownship) + '</td><td class="mono">' + esc(v.applicant) +
        "</td><td>" + when(v.createdAt) + "</td></tr>").join("") + "</tbody></table>";
    results.querySelectorAll("tr[data-verification-id]").forEach(tr => tr.addEventListener("click",
      () => { window.location.hash = "#trace/" + encodeURIComponent(tr.dataset.verificationId); }));
  }

  function hopText(h) {
    const d = h.data || {};
    const parts = [];
    Object.keys(d).forEach(k => { parts.push('<span class="muted">' + esc(k) + ":</span> " + (k === "reason" || k === "lastError" ? '<span class="reason">' + esc(d[k]) + "</span>" : esc(d[k]))); });
    if (h.partner) { parts.unshift('<span class="muted">partner:</span> ' + esc(h.partner) + (h.transport ? " (" + esc(h.transport) + ")" : "")); }
    return parts.join(" · ");
  }

  async function trace(id) {
    const tr = await api("/verifications/" + encodeURIComponent(id) + "/trace");
    const v = tr.verification;
    let html = "<h1>" + esc(t("trace.title")) + ' <span class="mono">' + esc(v.verificationId) + "</span></h1>" +
      '<dl class="kv" data-testid="trace-summary">' +
      "<dt>" + esc(t("col.status")) + '</dt><dd data-testid="trace-status">' + chip(v.status, tOr("status." + v.status, v.status)) + (v.outcome ? " " + chip(v.outcome, tOr("outcome." + v.outcome, v.outcome)) : "") + "</dd>" +
      (tr.statusReason ? "<dt>" + esc(t("col.reason")) + '</dt><dd class="reason">' + esc(tr.statusReason) + "</dd>" : "") +
      "<dt>" + esc(t("col.request")) + '</dt><dd class="mono">' + esc(v.requestId) + "</dd>" +
      "<dt>" + esc(t("col.jurisdiction")) + "</dt><dd>" + esc(v.jurisdiction) + " · " + esc(v.category) + "</dd>" +
      "<dt>" + esc(t("col.partner")) + "</dt><dd>" + esc(v.partner || "–") + "</dd>" +
      "<dt>" + esc(t("col.township")) + "</dt><dd>" + esc(v.residenceTownship) + " (" + esc(v.clientOrg) + ")</dd>" +
      "<dt>" + esc(t("col.applicant")) + '</dt><dd class="mono">' + esc(v.applicant) + "</dd>" +
      "<dt>" + esc(t("col.created")) + "</dt><dd>" + when(v.createdAt) + "</dd></dl>" +
      "<h2>" + esc(t("trace.path")) + '</h2><ol class="timeline" data-testid="trace">';
    tr.hops.forEach(h => {
      html += '<li class="' + esc(h.state) + '" data-step="' + esc(h.step) + '"><div class="when">' + when(h.at) + '</div><div class="step">' + esc(t("step." + h.step)) +
        (h.messageId ? ' <span class="mono muted">' + esc(h.messageId) + "</span>" : "") + "</div><div class=\"small\">" + hopText(h) + "</div>" +
        (h.messageId && (h.step === "SIGNED" || h.step === "RECEIVED") ? '<button type="button" data-envelope="' + esc(h.messageId) + '" data-testid="envelope-button">' + esc(t("btn.envelope")) + "</button>" : "") +
        "</li>";
    });
    html += "</ol>";
    view.innerHTML = html;
    view.querySelectorAll("[data-envelope]").forEach(b => b.addEventListener("click", () => envelope(b.dataset.envelope)));
  }

  // The readable view masks personal data like the rest of the console; the raw envelope stays exact.
  function maskPersonal(node, key) {
    if (Array.isArray(node)) { return node.map(n => maskPersonal(n, key)); }
    if (node && typeof node === "object") {
      const out = {};
      Object.keys(node).forEach(k => { out[k] = maskPersonal(node[k], k); });
      return out;
    }
    if (typeof node === "string" && key) {
      if (/idnumber|sfzh|zjhm/i.test(key) && node.length >= 12) { return node.slice(0, 6) + "*".repeat(node.length - 10) + node.slice(-4); }
      if (/^(name|personName|xm)$/i.test(key) && node.length > 0) { return Array.from(node)[0] + "*".repeat(Math.max(1, Array.from(node).length - 1)); }
    }
    return node;
  }

  async function envelope(messageId) {
    const d = await api("/messages/" + encodeURIComponent(messageId) + "/details");
    const s = d.signer || {};
    const html = '<dl class="kv" data-testid="envelope-details">' +
      "<dt>" + esc(t("env.type")) + "</dt><dd>" + esc(d.type) + " · " + esc(d.direction) + " · " + esc(d.sender) + " → " + esc(d.recipient) + "</dd>" +
      "<dt>" + esc(t("col.status")) + "</dt><dd>" + chip(d.status) + " · " + esc(t("env.attempts")) + " " + esc(d.attempts) + "</dd>" +
      (d.lastError ? "<dt>" + esc(t("env.lastError")) + '</dt><dd class="reason">' + esc(d.lastError) + "</dd>" : "") +
      "<dt>" + esc(t("env.algorithm")) + "</dt><dd>" + esc(s.algorithm) + "</dd>" +
      "<dt>" + esc(t("env.signer")) + '</dt><dd class="mono">' + esc(s.subject) + "<br>issuer " + esc(s.issuer) + " · serial " + esc(s.serialNumber) + " · " + esc(t("col.notAfter")) + " " + when(s.notAfter) + "</dd>" +
      "<dt>" + esc(t("env.digest")) + '</dt><dd class="mono">' + esc(d.signedDigest) + "</dd></dl>" +
      '<p><a href="' + API + "/messages/" + encodeURIComponent(messageId) + '" target="_blank" rel="noopener">' + esc(t("btn.raw")) + "</a></p>" +
      '<p class="small muted">' + esc(t("env.masked")) + '</p><pre class="json" data-testid="envelope-json">' + esc(JSON.stringify(maskPersonal(d.envelope), null, 2)) + "</pre>";
    ask(t("env.title") + " " + messageId, html, t("btn.close"), null);
    document.getElementById("modal-cancel").textContent = t("btn.close");
  }

  async function deadLetters() {
    const list = await api("/dead-letters");
    const canAct = me && me.roles.indexOf("OPERATOR") >= 0;
    let html = "<h1>" + esc(t("dl.title")) + "</h1>";
    if (!list.length) {
      html += '<div class="empty" data-testid="dead-letters-empty">' + esc(t("dl.empty")) + "</div>";
    } else {
      html += '<table data-testid="dead-letters-table"><thead><tr><th>' + ["col.verification", "col.reason", "col.parkedAt", "col.actions"].map(k => esc(t(k))).join("</th><th>") +
        "</th></tr></thead><tbody>" + list.map(d =>
          '<tr data-dead-letter-id="' + esc(d.id) + '" data-verification="' + esc(d.verificationId) + '"><td><a class="mono" href="#trace/' + esc(encodeURIComponent(d.verificationId || "")) + '">' + esc(d.verificationId) + '</a><div class="mono muted small">' + esc(d.id) + "</div></td>" +
          "<td>" + chip("FAILED", d.reasonCode) + '<div class="reason">' + esc(d.reason) + "</div></td><td>" + when(d.parkedAt) + '</td><td class="actions-cell">' +
          (canAct ? '<button type="button" class="primary" data-replay="' + esc(d.id) + '" data-testid="replay-button">' + esc(t("btn.replay")) + '</button><button type="button" class="danger" data-discard="' + esc(d.id) + '" data-testid="discard-button">' + esc(t("btn.discard")) + "</button>" : "") +
          "</td></tr>").join("") + "</tbody></table>";
    }
    if (canAct) { html += await bulkReplayForm(); }
    view.innerHTML = html;
    if (canAct) { bindBulkReplay(); }
    view.querySelectorAll("[data-replay]").forEach(b => b.addEventListener("click", () => {
      ask(t("dl.replayTitle"), "<p>" + esc(t("dl.replayText")) + '</p><textarea id="dl-reason" data-testid="dl-reason"></textarea>', t("btn.replay"), async () => {
        const r = await post("/dead-letters/" + encodeURIComponent(b.dataset.replay) + "/replay", { reason: document.getElementById("dl-reason").value || null });
        toast(t("dl.replayed") + " " + r.verificationId);
        render();
      });
    }));
    view.querySelectorAll("[data-discard]").forEach(b => b.addEventListener("click", () => {
      ask(t("dl.discardTitle"), "<p>" + esc(t("dl.discardText")) + '</p><textarea id="dl-reason" data-testid="dl-reason"></textarea>', t("btn.discard"), async () => {
        const reason = document.getElementById("dl-reason").value.trim();
        if (!reason) { toast(t("dl.reasonRequired")); return false; }
        await post("/dead-letters/" + encodeURIComponent(b.dataset.discard) + "/discard", { reason: reason });
        toast(t("dl.discarded"));
        render();
      });
    }));
  }

  // A datetime-local value (the browser's time zone), to the minute.
  function localMinute(d) {
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" + pad(d.getHours()) + ":" + pad(d.getMinutes());
  }

  // Replay in bulk: one partner, the range of parking times [from, to), one reason.
  async function bulkReplayForm() {
    const partners = ((await api("/partners")).partners || []).map(p => p.id);
    const now = new Date();
    const to = new Date(now.getTime() + 60000);
    const from = new Date(now.getTime() - 24 * 3600 * 1000);
    return "<h2>" + esc(t("dl.bulkTitle")) + '</h2><p class="muted">' + esc(t("dl.bulkText")) + "</p>" +
      '<form class="search" id="bulk-replay" data-testid="bulk-replay-form">' +
      '<select id="bulk-partner" data-testid="bulk-partner">' + partners.map(id => '<option value="' + esc(id) + '">' + esc(id) + "</option>").join("") + "</select>" +
      '<label class="small">' + esc(t("dl.from")) + ' <input type="datetime-local" id="bulk-from" data-testid="bulk-from" value="' + esc(localMinute(from)) + '"></label>' +
      '<label class="small">' + esc(t("dl.to")) + ' <input type="datetime-local" id="bulk-to" data-testid="bulk-to" value="' + esc(localMinute(to)) + '"></label>' +
      '<input id="bulk-reason" data-testid="bulk-reason" autocomplete="off" placeholder="' + esc(t("col.reason")) + '">' +
      '<button class="primary" type="submit" data-testid="bulk-replay-button">' + esc(t("btn.replay")) + "</button></form>" +
      '<div id="bulk-result" data-testid="bulk-result"></div>';
  }

  function bindBulkReplay() {
    document.getElementById("bulk-replay").addEventListener("submit", ev => {
      ev.preventDefault();
      const partner = document.getElementById("bulk-partner").value;
      const fromValue = document.getElementById("bulk-from").value;
      const toValue = document.getElementById("bulk-to").value;
      const reason = document.getElementById("bulk-reason").value.trim();
      if (!reason) { toast(t("dl.reasonRequired")); return; }
      if (!fromValue || !toValue) { toast(t("dl.rangeRequired")); return; }
      const from = new Date(fromValue).toISOString();
      const to = new Date(toValue).toISOString();
      ask(t("dl.bulkConfirm", { partner: partner, from: fromValue.replace("T", " "), to: toValue.replace("T", " ") }),
        "<p>" + esc(t("dl.bulkText")) + '</p><p class="reason">' + esc(reason) + "</p>", t("btn.replay"), async () => {
          const r = await post("/dead-letters/replay", { partner: partner, from: from, to: to, reason: reason });
          const summary = t("dl.bulkDone", { matched: r.matched, replayed: r.replayed, skipped: r.skipped }) + (r.more ? " " + t("dl.bulkMore") : "");
          toast(summary);
          await render(true);
          const skipped = r.letters.filter(l => !l.replayed);
          document.getElementById("bulk-result").innerHTML = '<p data-testid="bulk-summary">' + esc(summary) + "</p>" + (!skipped.length ? "" :
            '<table data-testid="bulk-skipped"><thead><tr><th>' + ["col.verification", "col.code", "col.reason"].map(k => esc(t(k))).join("</th><th>") + "</th></tr></thead><tbody>" +
            skipped.map(l => '<tr><td class="mono">' + esc(l.verificationId || l.noticeId) + '<div class="mono muted small">' + esc(l.deadLetterId) + "</div></td><td>" + chip("FAILED", l.code) +
              '</td><td class="reason">' + esc(l.message) + "</td></tr>").join("") + "</tbody></table>");
        });
    });
  }

  async function overdue() {
    const r = await api("/overdue");
    const table = (items, testid) => !items.length ? '<div class="empty" data-testid="' + testid + '-empty">' + esc(t("ov.empty")) + "</div>" :
      '<table data-testid="' + testid + '"><thead><tr><th>' + ["col.verification", "col.status", "col.jurisdiction", "col.partner", "col.township", "col.applicant", "col.created", "col.due", "col.late"]
        .map(k => esc(t(k))).join("</th><th>") + "</th></tr></thead><tbody>" + items.map(i =>
        '<tr class="clickable" data-verification-id="' + esc(i.verificationId) + '"><td class="mono">' + esc(i.verificationId) + "</td><td>" + chip(i.status, tOr("status." + i.status, i.status)) +
        "</td><td>" + esc(i.jurisdiction) + "</td><td>" + esc(i.partner) + "</td><td>" + esc(i.residenceTownship) + '</td><td class="mono">' + esc(i.applicant) +
        "</td><td>" + when(i.acceptedAt) + "</td><td>" + when(i.dueAt) + '</td><td class="num">' + (i.overdue ? '<b class="reason">' + esc(i.hoursOverdue) + "</b>" : "–") + "</td></tr>").join("") + "</tbody></table>";
    view.innerHTML = "<h1>" + esc(t("ov.title")) + '</h1><p class="muted">' + esc(t("ov.rule", { n: r.deadlineWorkingDays })) + "</p>" + table(r.overdue, "overdue-table") +
      "<h2>" + esc(t("ov.emergencies")) + "</h2>" + table(r.openEmergencies, "emergencies-table");
    view.querySelectorAll("tr[data-verification-id]").forEach(tr => tr.addEventListener("click",
      () => { window.location.hash = "#trace/" + encodeURIComponent(tr.dataset.verificationId); }));
  }

  async function actions() {
    const list = await api("/actions?limit=200");
    view.innerHTML = "<h1>" + esc(t("act.title")) + "</h1>" + (!list.length ? '<div class="empty">' + esc(t("act.empty")) + "</div>" :
      '<table data-testid="actions-table"><thead><tr><th>' + ["col.when", "col.operator", "col.action", "col.target", "col.reason", "col.result", "col.detail"].map(k => esc(t(k))).join("</th><th>") +
      "</th></tr></thead><tbody>" + list.map(a => "<tr><td>" + when(a.performedAt) + "</td><td>" + esc(a.operator) + (a.authenticated ? "" : ' <span class="chip idle">' + esc(t("demo")) + "</span>") +
        '<div class="small muted">' + esc(a.operatorRoles) + " · " + esc(a.remoteAddress) + "</div></td><td>" + esc(a.action) + '</td><td class="mono">' + esc(a.targetType) + " " + esc(a.targetId) +
        (a.verificationId ? '<div><a href="#trace/' + esc(encodeURIComponent(a.verificationId)) + '">' + esc(a.verificationId) + "</a></div>" : "") +
        "</td><td>" + esc(a.reason) + "</td><td>" + chip(a.outcome) + '</td><td class="small">' + esc(a.detail) + "</td></tr>").join("") + "</tbody></table>");
  }

  async function refusals() {
    const list = (await api("/refusals?limit=200")).refusals;
    view.innerHTML = "<h1>" + esc(t("ref.title")) + "</h1>" + (!list.length ? '<div class="empty">' + esc(t("ref.empty")) + "</div>" :
      '<table data-testid="refusals-table"><thead><tr><th>' + ["col.when", "col.channel", "col.sender", "col.code", "col.message", "col.verification", "col.detail"].map(k => esc(t(k))).join("</th><th>") +
      "</th></tr></thead><tbody>" + list.map(r => "<tr><td>" + when(r.refusedAt) + "</td><td>" + esc(r.channel) + "</td><td>" + esc(r.sender) +
        (r.partner ? '<div class="small muted">' + esc(r.partner) + "</div>" : "") + (r.remoteAddress ? '<div class="small muted">' + esc(r.remoteAddress) + "</div>" : "") +
        "</td><td>" + chip("FAILED", r.code) + '</td><td class="mono small">' + esc(r.messageId) + "</td><td>" +
        (r.verificationId ? '<a href="#trace/' + esc(encodeURIComponent(r.verificationId)) + '">' + esc(r.verificationId) + "</a>" : "") +
        '</td><td class="small">' + esc(r.detail) + "</td></tr>").join("") + "</tbody></table>");
  }

  // The federation directory in force on this node: version, validity, last read and problem, the members.
  async function federation() {
    const d = await api("/federation/directory");
    let html = "<h1>" + esc(t("fed.title")) + "</h1>";
    if (!d.enabled) { view.innerHTML = html + '<div class="empty" data-testid="federation-off">' + esc(t("fed.off")) + "</div>"; return; }
    const rows = [
      ["fed.member", esc(d.memberId)],
      ["fed.version", d.version === null ? esc(t("fed.none")) : esc(d.version)],
      ["fed.validity", d.version === null ? "" : when(d.issuedAt) + " – " + when(d.validUntil) + " " +
        (d.expired ? chip("EXPIRED", t("fed.expired")) : chip("OK", t("fed.valid")))],
      ["fed.source", '<span class="mono">' + esc(d.source) + "</span>"],
      ["fed.fetched", when(d.fetchedAt)], ["fed.checked", when(d.lastCheckAt)],
      ["fed.lastError", d.lastError ? chip("FAILED", d.lastError.code) + " " + when(d.lastError.at) + '<div class="small">' + esc(d.lastError.message) + "</div>" : esc(t("none"))]
    ];
    html += '<table data-testid="federation-directory"><tbody>' + rows.map(r => "<tr><th>" + esc(t(r[0])) + "</th><td>" + r[1] + "</td></tr>").join("") + "</tbody></table>";
    html += "<h2>" + esc(t("fed.members")) + "</h2>" + (!d.members.length ? '<div class="empty">' + esc(t("none")) + "</div>" :
      '<table data-testid="federation-members"><thead><tr><th>' + ["col.member", "col.divisions", "col.exchange", "col.profiles", "col.types", "col.signingExpires"].map(k => esc(t(k))).join("</th><th>") +
      "</th></tr></thead><tbody>" + d.members.map(m => '<tr><td><span class="mono">' + esc(m.id) + "</span>" + (m.id === d.memberId ? " " + chip("OK", t("fed.member")) : "") +
        '<div class="small muted">' + esc(m.organisation) + " · " + esc(m.title) + '</div></td><td class="mono">' + esc(m.divisions.join(", ")) +
        '</td><td class="mono small">' + m.exchangeUrls.map(esc).join("<br>") + "</td><td>" + esc(m.cryptoProfiles.join(", ")) +
        '</td><td class="small">' + esc(m.messageTypes.join(", ")) + "</td><td>" + when(m.signingCertificateExpires) + "</td></tr>").join("") + "</tbody></table>");
    // the hukou side: what other members asked us and where each answer is; the notices for our townships
    // (the asking side is on the partners page: each member is a route there, transport EXCHANGE)
    const x = await api("/exchange");
    html += "<h2>" + esc(t("fed.requests")) + "</h2>" + (!x.requests.length ? '<div class="empty">' + esc(t("none")) + "</div>" :
      '<table data-testid="federation-requests"><thead><tr><th>' + ["col.received", "col.member", "col.type", "col.verification", "col.answer"].map(k => esc(t(k))).join("</th><th>") +
      "</th></tr></thead><tbody>" + x.requests.map(r => "<tr><td>" + when(r.receivedAt) + '</td><td class="mono">' + esc(r.memberId) +
        '</td><td class="small">' + esc(r.type) + '</td><td><span class="mono small">' + esc(r.verificationId) + "</span> " + chip(r.verificationStatus, r.verificationStatus) +
        (r.outcome ? " " + esc(r.outcome) : "") + "</td><td>" + (r.answerStatus ? chip(r.answerStatus === "DELIVERED" ? "OK" : r.answerStatus, r.answerStatus) : "") +
        (r.answerAttempts ? ' <span class="small muted">×' + esc(r.answerAttempts) + "</span>" : "") +
        (r.answerLastError ? '<div class="small">' + esc(r.answerLastError) + "</div>" : "") + "</td></tr>").join("") + "</tbody></table>");
    html += "<h2>" + esc(t("fed.notices")) + "</h2>" + (!x.notices.length ? '<div class="empty">' + esc(t("none")) + "</div>" :
      '<table data-testid="federation-notices"><thead><tr><th>' + ["col.received", "col.member", "col.type", "col.township"].map(k => esc(t(k))).join("</th><th>") +
      "</th></tr></thead><tbody>" + x.notices.map(n => "<tr><td>" + when(n.receivedAt) + '</td><td class="mono">' + esc(n.memberId) +
        '</td><td class="small">' + esc(n.type) + '</td><td class="mono">' + esc(n.township || "—") + "</td></tr>").join("") + "</tbody></table>");
    view.innerHTML = html;
  }

  // ---------- frame ----------
  function applyLabels() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.querySelectorAll("[data-i18n]").forEach(el => { el.textContent = t(el.dataset.i18n); });
    document.getElementById("lang").textContent = lang === "zh" ? "English" : "中文";
    document.title = "AssistX " + t("console");
    if (me) {
      document.getElementById("operator").textContent = me.name + " · " + me.roles.join("/") + (me.authenticated ? "" : " · " + t("demo"));
      document.getElementById("logout").hidden = !me.authenticated;
    }
  }

  async function render(quiet) {
    const hash = window.location.hash || "#overview";
    const page = hash.slice(1).split(/[/?]/)[0];
    document.querySelectorAll("nav a").forEach(a => a.classList.toggle("active", a.getAttribute("href") === "#" + (page === "trace" ? "messages" : page)));
    if (!quiet) { view.innerHTML = '<p class="muted">' + esc(t("loading")) + "</p>"; }
    try {
      if (page === "messages") { await messages(); }
      else if (page === "trace") { await trace(decodeURIComponent(hash.slice("#trace/".length))); }
      else if (page === "dead-letters") { await deadLetters(); }
      else if (page === "overdue") { await overdue(); }
      else if (page === "actions") { await actions(); }
      else if (page === "refusals") { await refusals(); }
      else if (page === "federation") { await federation(); }
      else { await overview(); }
      banner(null);
      document.getElementById("refreshed").textContent = t("refreshed") + " " + new Date().toLocaleTimeString();
    } catch (e) {
      if (e.message !== "401") { banner(e.message); }
    }
  }

  function schedule() {
    clearInterval(timer);
    // Only the overview refreshes by itself (the sparklines need it); other pages hold still while read.
    timer = setInterval(() => {
      const page = (window.location.hash || "#overview").slice(1).split(/[/?]/)[0];
      if (page === "overview" && document.getElementById("modal").hidden) { render(true); }
    }, REFRESH_MS);
  }

  document.getElementById("lang").addEventListener("click", () => {
    lang = lang === "zh" ? "en" : "zh";
    localStorage.setItem("assistx.lang", lang);
    applyLabels();
    render(true);
  });
  window.addEventListener("hashchange", () => render());

  (async function start() {
    try { me = await api("/me"); } catch (e) { if (e.message !== "401") { banner(e.message); } }
    applyLabels();
    await render();
    schedule();
  })();
})();
