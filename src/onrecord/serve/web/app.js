// The onrecord web page: fetches the JSON API and builds the DOM from text nodes.
// Article text is never parsed as HTML: every string from the API reaches the page through
// document.createTextNode or textContent, and links are built here, never taken as given.
"use strict";

const TOKEN_KEY = "onrecord-token";
const view = () => document.getElementById("view");
let serverInfo = null;

// ---- DOM helpers ---------------------------------------------------------------------

/** An element with fixed attributes and children (strings become text nodes). */
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A link inside this page; every part of the route is URL-encoded. */
function route(...parts) {
  return "#/" + parts.map((part) => encodeURIComponent(String(part))).join("/");
}

function link(href, ...children) {
  return el("a", { href }, ...children);
}

/** An outside link only for http(s) URLs; anything else (javascript:, data:) stays text. */
function outsideLink(url, label) {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") {
      return el("a", { href: parsed.href, rel: "noopener noreferrer nofollow", target: "_blank" },
        label || url);
    }
  } catch (error) {
    // not a URL at all: shown as text below
  }
  return el("span", { class: "unsafe-url" }, label || url);
}

function show(...children) {
  const target = view();
  target.replaceChildren(...children.flat().filter(Boolean));
  window.scrollTo(0, 0);
}

function message(text, kind) {
  return el("p", { class: kind || "muted" }, text);
}

function badge(text, kind) {
  return el("span", { class: "badge " + (kind || "") }, text);
}

// ---- the API -------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

async function api(path, params) {
  const url = new URL("/api/" + path, window.location.origin);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
  }
  const headers = { Accept: "application/json" };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = "Bearer " + token;
  const response = await fetch(url, { headers });
  let body = null;
  try {
    body = await response.json();
  } catch (error) {
    body = null;
  }
  if (!response.ok) {
    const detail = body && typeof body.detail === "string" ? body.detail : response.statusText;
    throw new ApiError(response.status, detail);
  }
  return body;
}

function tokenForm() {
  const input = el("input", { type: "password", id: "token", "aria-label": "Token",
    placeholder: "token", autocomplete: "off" });
  const form = el("form", { class: "token" },
    el("p", {}, "This server is private. Enter its token to read the record."),
    input, el("button", { type: "submit" }, "Open"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, input.value);
    render();
  });
  return form;
}

function failure(error) {
  if (error instanceof ApiError && error.status === 401) return tokenForm();
  if (error instanceof ApiError && error.status === 404) return message(error.message, "error");
  return message("Could not load this: " + (error.message || error), "error");
}

// ---- quotes --------------------------------------------------------------------------

const joinSpans = (spans) => (spans || []).map((span) => span.text).join(" … ");
const names = (items) => (items || []).map((item) => (typeof item === "string" ? item : item.name));

/** One quote in either shape (a stored quote row, or a quote of an article record). */
function normaliseQuote(quote, article, n) {
  if (article) {
    return {
      article_id: article.id, n, kind: quote.kind, polarity: quote.polarity,
      content: joinSpans(quote.content), speaker: quote.speaker,
      source: quote.source ? quote.source.text : null, cue: quote.cue ? quote.cue.text : null,
      via: names(quote.via), venue: names(quote.venue), anonymous: quote.anonymous,
      said_on: quote.when, when_from: quote.when_from,
      outlet: article.outlet, published: article.published, title: article.title,
    };
  }
  return { ...quote, via: names(quote.via), venue: names(quote.venue) };
}

/** The chain a statement travelled: speaker, then each relay, then the outlet. */
function chain(quote) {
  const steps = [];
  steps.push(el("span", { class: "step speaker" }, quote.speaker || quote.source || "unknown source"));
  for (const relay of quote.via) steps.push(el("span", { class: "step relay" }, relay));
  if (quote.outlet) steps.push(el("span", { class: "step outlet" }, quote.outlet));
  const parts = [];
  steps.forEach((step, index) => {
    if (index) parts.push(el("span", { class: "arrow", "aria-hidden": "true" }, " → "));
    parts.push(step);
  });
  return el("div", { class: "chain", title: "reporting chain" }, parts);
}

function quoteCard(quote) {
  const speaker = quote.speaker
    ? link(route("person", quote.speaker), quote.speaker)
    : el("span", {}, quote.source || "unknown source");
  const said = quote.said_on
    ? el("span", { class: "date" }, quote.said_on,
      quote.when_from === "published" ? " (publication date)" : "")
    : el("span", { class: "date muted" }, "undated");
  const card = el("article", { class: "quote-card" + (quote.polarity === "deny" ? " deny" : ""),
    "data-article": quote.article_id, "data-n": quote.n },
  el("blockquote", { class: "content" }, quote.content || el("em", {}, "(content not found)")),
  el("p", { class: "who" }, "— ", speaker,
    quote.cue ? el("span", { class: "cue" }, " ", quote.cue) : null,
    quote.anonymous ? badge("anonymous") : null,
    quote.polarity === "deny" ? badge("denial", "deny") : null),
  quote.source && quote.source !== quote.speaker
    ? el("p", { class: "source muted" }, "source as written: ", quote.source) : null,
  chain(quote),
  quote.venue.length ? el("p", { class: "venue muted" }, "to: ", quote.venue.join(", ")) : null,
  el("p", { class: "meta" }, said,
    quote.published ? el("span", { class: "muted" }, " · published ", quote.published) : null,
    " · ", link(route("article", quote.article_id) + "?q=" + quote.n, "in the article ›")));
  return card;
}

// ---- pages ---------------------------------------------------------------------------

function articleRow(row) {
  return el("li", { class: "article-row" },
    link(route("article", row.id), row.title || row.id),
    el("span", { class: "muted" }, " ", [row.outlet, row.published].filter(Boolean).join(" · ")),
    row.snippet ? el("p", { class: "snippet" }, row.snippet) : null);
}

function personRow(row) {
  const detail = [row.type, row.articles !== undefined ? row.articles + " articles" : null];
  return el("li", {}, link(route("person", row.id || row.name), row.name),
    el("span", { class: "muted" }, " ", detail.filter(Boolean).join(" · ")));
}

function list(rows, render, empty) {
  if (!rows.length) return message(empty || "Nothing found.");
  return el("ul", { class: "rows" }, rows.map(render));
}

async function homePage() {
  const [articles, stories, people] = await Promise.all([
    api("articles", { limit: 30 }), api("stories", { limit: 10 }), api("people", { limit: 20 })]);
  show(
    el("section", {}, el("h1", {}, "Articles"), list(articles, articleRow, "No articles are stored yet.")),
    el("section", {}, el("h2", {}, "Stories"), list(stories, storyRow, "No stories yet.")),
    el("section", {}, el("h2", {}, "Most written about"), list(people, personRow)));
}

async function searchPage(params) {
  const q = params.get("q") || "";
  document.getElementById("search-text").value = q;
  if (!q.trim()) return show(message("Type a name, a word or a phrase."));
  const result = await api("search", { q, limit: 20 });
  show(el("h1", {}, "Search: ", el("span", { class: "query" }, q)),
    el("section", { id: "search-people" }, el("h2", {}, "People"), list(result.people, personRow)),
    el("section", { id: "search-articles" }, el("h2", {}, "Articles"), list(result.articles, articleRow)),
    el("section", { id: "search-quotes" }, el("h2", {}, "Quotes"),
      result.quotes.length ? result.quotes.map((q) => quoteCard(normaliseQuote(q))) : message("Nothing found.")));
}

/** Mark ranges of the text: quotes (content, cue, source), time expressions, excluded parts. */
function articleMarks(article) {
  const marks = [];
  article.quotes.forEach((quote, index) => {
    const n = index + 1;
    for (const span of quote.content) marks.push({ start: span.start, end: span.end, cls: "q-content", n });
    if (quote.cue) marks.push({ start: quote.cue.start, end: quote.cue.end, cls: "q-cue", n });
    if (quote.source) marks.push({ start: quote.source.start, end: quote.source.end, cls: "q-source", n });
  });
  for (const time of article.times) {
    marks.push({ start: time.span.start, end: time.span.end, cls: "time", value: time.value || time.type });
  }
  for (const [start, end] of article.excluded) marks.push({ start, end, cls: "excluded" });
  return marks.filter((mark) => mark.start < mark.end && mark.start >= 0 && mark.end <= article.text.length);
}

/** The article text as text nodes, cut at every mark boundary; marked pieces in spans. */
function highlightedText(article, onQuote) {
  const text = article.text;
  const marks = articleMarks(article);
  const cuts = new Set([0, text.length]);
  for (const mark of marks) { cuts.add(mark.start); cuts.add(mark.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const body = el("div", { class: "article-text", id: "article-text" });
  const firstOfQuote = new Set();
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    const piece = document.createTextNode(text.slice(start, end));
    const covering = marks.filter((mark) => mark.start <= start && mark.end >= end);
    if (!covering.length) { body.append(piece); continue; }
    const span = el("span", { class: covering.map((mark) => mark.cls).join(" ") });
    const quoteMark = covering.find((mark) => mark.n !== undefined);
    if (quoteMark) {
      span.dataset.q = String(quoteMark.n);
      if (!firstOfQuote.has(quoteMark.n)) { span.id = "quote-" + quoteMark.n; firstOfQuote.add(quoteMark.n); }
      span.addEventListener("click", () => onQuote(quoteMark.n));
    }
    const timeMark = covering.find((mark) => mark.cls === "time");
    if (timeMark) span.title = "time: " + timeMark.value;
    span.append(piece);
    body.append(span);
  }
  return body;
}

function selectQuote(n, article) {
  for (const node of document.querySelectorAll(".article-text .selected")) node.classList.remove("selected");
  const pieces = document.querySelectorAll('.article-text [data-q="' + Number(n) + '"]');
  for (const node of pieces) node.classList.add("selected");
  const panel = document.getElementById("quote-panel");
  const quote = article.quotes[n - 1];
  if (panel && quote) panel.replaceChildren(el("h2", {}, "Quote " + n), quoteCard(normaliseQuote(quote, article, n)));
  if (pieces.length) pieces[0].scrollIntoView({ block: "center" });
}

async function articlePage(id, params) {
  const article = await api("articles/" + encodeURIComponent(id));
  const people = article.entities.filter((e) => e.type === "PERSON" || e.type === "ORG");
  const meta = [article.outlet, article.published, article.language].filter(Boolean).join(" · ");
  const onQuote = (n) => {
    history.replaceState(null, "", route("article", article.id) + "?q=" + n);
    selectQuote(n, article);
  };
  show(
    el("h1", {}, article.title || "(untitled)"),
    el("p", { class: "muted" }, meta, article.url ? [" · ", outsideLink(article.url, "original")] : null),
    article.warnings.length ? el("p", { class: "warning" }, article.warnings.join("; ")) : null,
    el("div", { class: "article-layout" },
      el("div", {},
        el("p", { class: "legend" }, el("span", { class: "q-content" }, "quoted"), " ",
          el("span", { class: "q-cue" }, "cue"), " ", el("span", { class: "q-source" }, "source"), " ",
          el("span", { class: "time" }, "time")),
        highlightedText(article, onQuote)),
      el("aside", {},
        el("div", { id: "quote-panel" }, message("Click a highlighted quote to see its card.")),
        el("h2", {}, "People and organisations"),
        list(people, (e) => el("li", {}, link(route("person", e.name), e.name),
          el("span", { class: "muted" }, " ", [e.type, ...e.roles].join(" · "))), "None found."))),
    el("section", {}, el("h2", {}, "Quotes (" + article.quotes.length + ")"),
      article.quotes.map((quote, index) => quoteCard(normaliseQuote(quote, article, index + 1)))));
  const wanted = Number(params.get("q"));
  if (Number.isInteger(wanted) && wanted >= 1 && wanted <= article.quotes.length) selectQuote(wanted, article);
}

async function peoplePage() {
  const people = await api("people", { limit: 200 });
  show(el("h1", {}, "People and organisations"), list(people, personRow));
}

function rolesTable(roles) {
  if (!roles.length) return message("No roles recorded.");
  return el("table", { class: "roles" },
    el("tr", {}, el("th", {}, "role"), el("th", {}, "first"), el("th", {}, "last"), el("th", {}, "articles")),
    roles.map((r) => el("tr", {}, el("td", {}, r.role), el("td", {}, r.first || ""), el("td", {}, r.last || ""),
      el("td", {}, Array.isArray(r.articles) ? r.articles.length : (r.articles || "")))));
}

async function personPage(name) {
  const person = await api("people/" + encodeURIComponent(name));
  const aliases = (person.aliases || []).map((a) => (typeof a === "string" ? a : a.name));
  show(
    el("h1", {}, person.name), el("p", { class: "muted" }, person.type || ""),
    el("section", {}, el("h2", {}, "Also called"),
      aliases.length ? el("p", { class: "aliases" }, aliases.join(" · ")) : message("No other names.")),
    el("section", {}, el("h2", {}, "Roles over time"), rolesTable(person.roles || [])),
    el("section", {}, el("h2", {}, "What they said (" + person.quotes.length + ")"),
      person.quotes.length ? person.quotes.map((q) => quoteCard(normaliseQuote(q))) : message("No quotes.")));
}

async function quotesPage(params) {
  const filters = {};
  for (const key of ["speaker", "outlet", "via", "polarity", "since", "until", "story"]) {
    if (params.get(key)) filters[key] = params.get(key);
  }
  const quotes = await api("quotes", { ...filters, limit: 200 });
  const form = el("form", { class: "filters" },
    ["speaker", "outlet", "via", "since", "until"].map((key) =>
      el("label", {}, key, " ", el("input", { name: key, value: filters[key] || "",
        placeholder: key === "since" || key === "until" ? "YYYY-MM-DD" : "" }))),
    el("label", {}, el("input", { type: "checkbox", name: "polarity", value: "deny",
      checked: filters.polarity === "deny" }), " denials only"),
    el("button", { type: "submit" }, "Filter"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(form).entries()) if (value) query.set(key, value);
    window.location.hash = "#/quotes?" + query.toString();
  });
  show(el("h1", {}, "Quotes"), form,
    quotes.length ? quotes.map((q) => quoteCard(normaliseQuote(q))) : message("No quotes match."));
}

function storyRow(row) {
  const dates = [row.first_date, row.last_date].filter(Boolean).join(" – ");
  return el("li", {}, link(route("story", row.id), row.title || row.id), el("span", { class: "muted" }, " ", dates));
}

async function storiesPage() {
  const stories = await api("stories", { limit: 200 });
  show(el("h1", {}, "Stories"), list(stories, storyRow, "No stories yet."));
}

function timelineEntry(entry) {
  const deny = entry.polarity === "deny";
  const target = entry.article_id
    ? link(route("article", entry.article_id) + (entry.n ? "?q=" + entry.n : ""), "source ›") : null;
  return el("li", { class: "event" + (deny ? " deny" : ""), "data-date": entry.date || "" },
    el("span", { class: "date" }, entry.date || "undated"),
    el("div", { class: "what" },
      deny ? badge("denial", "deny") : null,
      entry.speaker ? [link(route("person", entry.speaker), entry.speaker), ": "] : null,
      el("span", { class: "text" }, entry.text || ""), " ", target));
}

async function storyPage(id) {
  const story = await api("stories/" + encodeURIComponent(id));
  const people = (story.people || []).map((p) => (typeof p === "string" ? p : p.name));
  show(
    el("h1", {}, story.title || story.id),
    el("p", { class: "muted" }, [story.first_date, story.last_date].filter(Boolean).join(" – ")),
    el("p", { class: "people" }, people.map((name, i) => [i ? ", " : "", link(route("person", name), name)])),
    el("section", {}, el("h2", {}, "Timeline"),
      el("ol", { class: "timeline", id: "timeline" }, (story.timeline || []).map(timelineEntry))),
    (story.contradictions || []).length
      ? el("section", {}, el("h2", {}, "Contradictions"),
        el("ul", { class: "rows" }, story.contradictions.map(contradiction)))
      : null);
}

/** A contradiction: the first assertion of a claim group against its first denial. */
function contradiction(found) {
  const said = (claim, verb) => el("div", {},
    claim.speaker ? link(route("person", claim.speaker), claim.speaker) : "?",
    " " + verb + " (" + (claim.said_on || claim.published || "undated") + "): ",
    el("span", { class: "text" }, claim.content || ""), " ",
    link(route("article", claim.article_id) + "?q=" + claim.n, "source ›"));
  const asserted = (found.asserted || [])[0];
  const denied = (found.denied || [])[0];
  if (!asserted || !denied) return el("li", { class: "deny" }, describe(found));
  return el("li", { class: "deny" }, said(asserted, "said"), said(denied, "denied"));
}

/** A small record as readable text (never as HTML). */
function describe(record) {
  if (typeof record === "string") return record;
  const parts = [];
  for (const [key, value] of Object.entries(record)) {
    if (value === null || typeof value === "object") continue;
    parts.push(key + ": " + value);
  }
  return parts.join(" · ");
}

// ---- routing -------------------------------------------------------------------------

const ROUTES = [
  [/^$/, () => homePage()],
  [/^search$/, (m, params) => searchPage(params)],
  [/^article\/([^/]+)$/, (m, params) => articlePage(m[1], params)],
  [/^people$/, () => peoplePage()],
  [/^person\/(.+)$/, (m) => personPage(m[1])],
  [/^quotes$/, (m, params) => quotesPage(params)],
  [/^stories$/, () => storiesPage()],
  [/^story\/([^/]+)$/, (m) => storyPage(m[1])],
];

async function render() {
  const hash = window.location.hash.replace(/^#\/?/, "");
  const [path, query] = hash.split("?", 2);
  const params = new URLSearchParams(query || "");
  try {
    if (!serverInfo) serverInfo = await api("info");
    for (const [pattern, page] of ROUTES) {
      const match = path.match(pattern);
      if (match) {
        const decoded = [...match].map((part, i) => (i ? decodeURIComponent(part) : part));
        return await page(decoded, params);
      }
    }
    show(message("No such page.", "error"));
  } catch (error) {
    show(failure(error));
  }
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("search").addEventListener("submit", (event) => {
    event.preventDefault();
    const q = document.getElementById("search-text").value;
    window.location.hash = "#/search?q=" + encodeURIComponent(q);
  });
  window.addEventListener("hashchange", render);
  render();
});
