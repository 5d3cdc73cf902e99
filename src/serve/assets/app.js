// policyc serve: the preview page. It shows one file's view (fetched as JSON from the
// server), switches files from the list, and follows the server's events: when the file
// shown is compiled again, the new view is fetched and swapped in without a reload, the
// frames keeping where they were scrolled to. No other host is contacted.
"use strict";

const state = { files: [], current: 0, version: -1, view: null, tab: "notice", selected: null };
const $ = (id) => document.getElementById(id);

function text(tag, content, className) {
  const el = document.createElement(tag);
  if (content !== undefined) el.textContent = content;
  if (className) el.className = className;
  return el;
}

async function getJson(url) {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(url + "：" + response.status);
  return response.json();
}

function showFiles() {
  const nav = $("files");
  nav.replaceChildren();
  nav.classList.toggle("single", state.files.length < 2);
  for (const f of state.files) {
    const a = text("a", f.title || f.name);
    a.href = "#" + f.index;
    a.className = f.index === state.current ? "current" : "";
    const small = text("small", f.name + " ");
    if (f.errors > 0) small.append(text("span", f.errors + " 个错误", "bad"));
    a.append(small);
    a.addEventListener("click", (e) => { e.preventDefault(); choose(f.index); });
    nav.append(a);
  }
}

async function loadFiles() {
  state.files = await getJson("/api/files");
  if (state.current >= state.files.length) state.current = 0;
  showFiles();
}

function choose(index) {
  state.current = index;
  state.version = -1;
  state.selected = null;
  history.replaceState(null, "", "#" + index);
  showFiles();
  loadView();
}

async function loadView() {
  const index = state.current;
  const view = await getJson("/api/file/" + index);
  if (index !== state.current || view.version <= state.version) return;
  state.version = view.version;
  state.view = view;
  render(view);
  // For tests and for the curious: when the page last showed a new view.
  window.policycShown = { index, version: view.version, at: Date.now() };
}

function counts(view) {
  const el = $("counts");
  el.replaceChildren(
    text("span", view.errors + " 个错误", "error"), "、",
    text("span", view.warnings + " 个警告", "warning"), "、",
    text("span", view.notes + " 个提示", "note"));
}

// Replaces a frame's page, keeping its scroll position.
function fill(frame, html, onload) {
  let x = 0, y = 0;
  try { x = frame.contentWindow.scrollX; y = frame.contentWindow.scrollY; } catch (_) { /* empty frame */ }
  frame.onload = () => {
    try { frame.contentWindow.scrollTo(x, y); } catch (_) { /* not loaded */ }
    if (onload) onload(frame.contentDocument);
  };
  frame.srcdoc = html || "";
}

const FIGURE_STYLE = "<style>.fig{cursor:pointer;border-bottom:1px dotted #1677ff}.fig:hover{background:#e6f4ff}.fig.chosen{background:#fff1b8}</style>";

function render(view) {
  document.title = view.title + " — policyc 预览";
  $("title").textContent = view.title;
  counts(view);
  const notice = view.notice ? view.notice.replace("</head>", FIGURE_STYLE + "</head>") : "";
  fill($("frame-notice"), notice, (doc) => {
    if (!doc) return;
    doc.addEventListener("click", (e) => {
      const fig = e.target.closest && e.target.closest("[data-fig]");
      if (!fig) return;
      doc.querySelectorAll(".fig.chosen").forEach((f) => f.classList.remove("chosen"));
      fig.classList.add("chosen");
      showFigure(state.view.figures[Number(fig.dataset.fig)]);
    });
  });
  fill($("frame-tasks"), view.tasks);
  fill($("frame-gantt"), view.gantt);
  $("not-compiled").hidden = view.compiled;
  const problems = $("problems");
  problems.hidden = view.problems.length === 0;
  problems.textContent = view.problems.join("；");
  showFindings(view);
  showTab(state.tab);
}

function showFindings(view) {
  const list = $("findings");
  list.replaceChildren();
  if (view.findings.length === 0) {
    list.append(text("li", "没有发现问题", "none"));
  }
  view.findings.forEach((f, i) => {
    const li = text("li", undefined, f.severity);
    li.dataset.code = f.code;
    li.append(text("span", f.code, "code"), text("span", f.severity_zh + "："), f.message);
    if (f.line) li.append(" ", text("span", "第" + f.line + "行", "where"));
    li.addEventListener("click", () => { state.selected = i; showFinding(f); mark(i); });
    list.append(li);
  });
  // The finding shown before the update, if it is still there.
  const again = state.selected !== null && view.findings[state.selected];
  if (again) { showFinding(again); mark(state.selected); } else { $("detail").hidden = true; state.selected = null; }
}

function mark(i) {
  [...$("findings").children].forEach((li, j) => li.classList.toggle("selected", i === j));
}

function showFinding(f) {
  const d = $("detail");
  d.replaceChildren(
    text("h3", f.code + " " + f.title),
    text("p", f.message),
    text("pre", f.snippet),
    text("p", f.explanation));
  d.hidden = false;
}

function showFigure(fig) {
  if (!fig) return;
  const d = $("detail");
  const relations = text("ul");
  for (const r of fig.relations) relations.append(text("li", r));
  if (fig.relations.length === 0) relations.append(text("li", "不参与任何核对"));
  d.replaceChildren(
    text("h3", fig.id + "：" + fig.written),
    text("p", "第" + fig.line + "行声明："),
    text("pre", fig.source),
    text("p", "取值：" + fig.interval),
    text("p", "核对关系："),
    relations);
  d.hidden = false;
  mark(-1);
}

function showTab(tab) {
  state.tab = tab;
  for (const b of document.querySelectorAll("#tabs button")) {
    b.setAttribute("aria-selected", String(b.dataset.tab === tab));
  }
  for (const name of ["notice", "tasks", "gantt"]) {
    $("frame-" + name).hidden = name !== tab || !state.view || !state.view.compiled;
  }
}

function listen() {
  const events = new EventSource("/events");
  const status = $("status");
  events.onopen = () => { status.textContent = "实时更新"; status.className = "live"; };
  events.onerror = () => { status.textContent = "连接中断，正在重连"; status.className = ""; };
  events.addEventListener("update", (e) => {
    const { index } = JSON.parse(e.data);
    if (index === state.current) loadView();
    loadFiles();
  });
  events.addEventListener("files", () => { loadFiles().then(loadView); });
}

document.addEventListener("DOMContentLoaded", async () => {
  for (const b of document.querySelectorAll("#tabs button")) {
    b.addEventListener("click", () => showTab(b.dataset.tab));
  }
  const fromHash = Number(location.hash.slice(1));
  state.current = Number.isInteger(fromHash) ? fromHash : 0;
  listen();
  await loadFiles();
  await loadView();
});
