// Header search and search page on Pagefind's JavaScript API. Pagefind loads the index of the
// page's <html lang>, so a reader only ever gets results in their own language.
//
// How a query is read (the same for every language, nothing tuned to a query set):
// - Intl.Segmenter splits it into words in the page's language (Japanese has no spaces), and
//   NFKC folds full-width and half-width forms. Stop words (the npm package `stopword`, written by
//   the build into assets/kb-search/<lang>.json) are not content words: they do not count in
//   "contains the words" below, but they are searched and add to the score, because the reader
//   terms are questions too ("why does...", "what if I don't...") and both query sets rank better
//   with them than without them (scripts/bench_search.py).
// - Japanese honorific prefixes (お/ご) and katakana long vowels get no rule of their own: Pagefind's
//   index splits the prefix off (お+礼) and matches the start of a word (オペレータ finds
//   オペレーター), and a lone お is a stop word. Rules that also searched each such word without
//   its prefix or with its long vowel changed nothing on the held-out set, not even on twelve
//   queries written around such words, so they were removed (issue 17).
// How results are ranked: tips that contain every content word first (those with the words side by
// side before the others), then tips that contain most of them, words weighed by how rare they are;
// when that leaves fewer than a handful, a few tips that contain only some words are added, marked
// as such. Topic pages are a group of their own, after the tips.
(function () {
  "use strict";

  const root = document.querySelector("[data-kb-search]");
  if (!root) return;
  const labels = JSON.parse(root.dataset.labels);
  const language = document.documentElement.lang || "en";
  const bundleUrl = new URL(root.dataset.bundle, document.baseURI);
  const FACETS = ["topic", "audience", "guide"];
  const DIALOG = { tips: 8, topics: 3 };
  const ENOUGH = 5; // fewer tips than this, and tips matching only some words are added...
  const PARTIAL_MAX = 5; // ...at most this many
  // A page matches a word when its score for that word is at least this share of the best page's.
  // Pagefind also returns pages where only a stem or a prefix of the word matched, with scores
  // far below the pages that contain it ("ügyfélkód" also finds every page with "ügyfél").
  const CLOSE_ENOUGH = 0.25;
  const MOST = 2 / 3; // "most of the words": two thirds of what the query's words weigh
  const TYPING_PAUSE = 150; // ms without a key before the query is searched

  let pagefindPromise = null;
  let languagePromise = null;

  // A plural message: its form for the count's CLDR category (labels.py, plural_by_category).
  function plural(forms, count) {
    return forms[new Intl.PluralRules(document.documentElement.lang).select(count)] || forms.other || Object.values(forms)[0];
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, (_, name) => String(values[name]));
  }

  function loadPagefind() {
    if (!pagefindPromise) {
      pagefindPromise = import(new URL("pagefind.js", bundleUrl).href).then(async (pagefind) => {
        // Result URLs are site-relative; prefix them with where the site is served from.
        await pagefind.options({ baseUrl: new URL("..", bundleUrl).pathname, excerptLength: 24 });
        await pagefind.init();
        return pagefind;
      });
    }
    return pagefindPromise;
  }

  function loadLanguage() {
    if (!languagePromise) {
      languagePromise = fetch(new URL(root.dataset.languageData, document.baseURI))
        .then((response) => (response.ok ? response.json() : { stopWords: [] }))
        .catch(() => ({ stopWords: [] }))
        .then((data) => ({ stopWords: new Set(data.stopWords) }));
    }
    return languagePromise;
  }

  // The words of a query, each with whether it is a content word.
  function analyse(query, stopWords) {
    const segmenter = new Intl.Segmenter(language, { granularity: "word" });
    const all = [];
    for (const part of segmenter.segment(query.normalize("NFKC").toLocaleLowerCase(language))) {
      if (part.isWordLike) all.push(part.segment);
    }
    const words = [...new Set(all)];
    const meaningful = words.filter((word) => !stopWords.has(word));
    const content = new Set(meaningful.length ? meaningful : words); // a query of stop words only: all count
    return words.map((word) => ({ word, content: content.has(word) }));
  }

  async function find(pagefind, term, filters) {
    return (await pagefind.search(term, { filters })).results;
  }

  // Pages of one kind ("tip" or "topic"), each with the share of the query it covers: every word
  // weighs as much as it tells pages apart (its inverse document frequency), so a rare word such
  // as "complaint" counts for more than "say" in "I want to say I have a complaint".
  async function rank(pagefind, words, filters, kind, pageCount) {
    const scoped = { ...filters, kind };
    const pages = new Map();
    let total = 0;
    const perWord = await Promise.all(words.map(async ({ word }) =>
      new Map((await find(pagefind, word, scoped)).map((result) => [result.id, result]))));
    for (const [index, matches] of perWord.entries()) {
      if (!matches.size) continue; // a word no page has (a typo, a word the site does not use) cannot be weighed
      const { content } = words[index];
      const top = Math.max(...[...matches.values()].map((result) => result.score));
      const close = [...matches.values()].filter((result) => result.score >= CLOSE_ENOUGH * top);
      const weight = Math.log(1 + Math.max(pageCount, close.length) / close.length);
      if (content) total += weight;
      for (const [id, result] of matches) {
        const page = pages.get(id) || { result, covered: 0, near: 0, score: 0, together: false };
        if (content) page[result.score >= CLOSE_ENOUGH * top ? "covered" : "near"] += weight;
        // How well the page matches the word, against the page that matches it best.
        page.score += weight * (result.score / top);
        pages.set(id, page);
      }
    }
    // A page with the words side by side, as typed, contains them all.
    if (words.length > 1) {
      const phrase = `"${words.map((w) => w.word).join(" ")}"`;
      for (const result of await find(pagefind, phrase, scoped)) {
        const page = pages.get(result.id) || { result, covered: 0, near: 0, score: 0 };
        page.covered = total;
        page.together = true;
        pages.set(result.id, page);
      }
    }
    const ranked = [...pages.values()].map((page) => ({ ...page, share: total ? page.covered / total : 0 }));
    const tier = (page) => (page.share >= 1 || page.together ? 2 : page.share >= MOST ? 1 : 0);
    return ranked.sort((a, b) => tier(b) - tier(a) || b.together - a.together || b.score - a.score);
  }

  // Tips and topics for a query: { tips, topics, partial (ids of tips matching only some words) }.
  async function search(query, filters) {
    const [pagefind, { stopWords }] = await Promise.all([loadPagefind(), loadLanguage()]);
    const words = analyse(query, stopWords);
    if (!words.length) return { tips: [], topics: [], partial: new Set() };
    const counts = (await pagefind.filters()).kind || {};
    const [tips, topics] = await Promise.all([rank(pagefind, words, filters, "tip", counts.tip || 1),
      rank(pagefind, words, filters, "topic", counts.topic || 1)]);
    const strong = tips.filter((page) => page.share >= MOST);
    const partial = strong.length < ENOUGH
      ? tips.filter((page) => page.share < MOST && page.share + page.near > 0).slice(0, PARTIAL_MAX) : [];
    return {
      tips: [...strong, ...partial].map((page) => page.result),
      topics: topics.filter((page) => page.share >= MOST).map((page) => page.result),
      partial: new Set(partial.map((page) => page.result.id)),
    };
  }

  // What the results show. Pagefind's result.data() fills in one object per page, shared by every
  // query (its excerpt marks the words of the query that asked last), so two searches reading the
  // same page at once could show one's excerpt under the other. Results are read for one search at
  // a time (their pages fetched side by side) and copied before the next search reads them.
  let reading = Promise.resolve();
  function readResults(results) {
    const read = reading.then(async () => (await Promise.all(results.map((result) => result.data())))
      .map(({ url, meta, excerpt }) => ({ url, meta, excerpt })));
    reading = read.catch(() => {});
    return read;
  }

  // The same entry points for tools (scripts/bench_search.py) as for the search box.
  window.kbSearch = { analyse, loadPagefind, search };

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value);
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  // Pagefind's excerpt is escaped text with <mark> around the matched words. A textarea decodes
  // the entities and keeps every space (an HTML parser would drop a leading one).
  const decoder = document.createElement("textarea");
  function decode(html) {
    decoder.innerHTML = html;
    return decoder.value;
  }

  function excerptNode(html) {
    const node = element("span", { class: "kb-search__excerpt" });
    let marked = false;
    for (const part of html.split(/(<mark>|<\/mark>)/)) {
      if (part === "<mark>") marked = true;
      else if (part === "</mark>") marked = false;
      else if (part) node.append(marked ? element("mark", { text: decode(part) }) : document.createTextNode(decode(part)));
    }
    return node;
  }

  // A topic's result shows no guide line: its group heading already says "Topics".
  function resultItem(data, partial, showGuide = true) {
    const anchor = data.meta.anchor ? "#" + data.meta.anchor : "";
    const link = element("a", { href: data.url + anchor, class: "kb-search__link" }, [
      element("span", { class: "kb-search__title", text: data.meta.title || data.url }),
    ]);
    if (showGuide && data.meta.guide) link.append(element("span", { class: "kb-search__guide", text: data.meta.guide }));
    link.append(excerptNode(data.excerpt || ""));
    if (partial) link.append(element("span", { class: "kb-search__partial", text: labels.partial }));
    return element("li", { class: "kb-search__result" + (partial ? " kb-search__result--partial" : "") }, [link]);
  }

  // One search view: an input, facet selects, a status line and the results.
  class SearchView {
    constructor(container, limits, onChange) {
      this.input = container.querySelector("input[type=search]");
      this.filtersBox = container.querySelector("[data-kb-filters]");
      this.status = container.querySelector("[role=status]");
      this.results = container.querySelector(".kb-search__results");
      this.allLink = container.querySelector(".kb-search__all");
      this.limits = limits;
      this.onChange = onChange || (() => {});
      this.selects = {};
      this.filtersReady = null;
      this.run = 0;
      // One search when the reader pauses, not one per key: a phone types faster than it searches.
      this.input.addEventListener("input", () => {
        clearTimeout(this.typing);
        this.run++; // a search still under way is for words no longer in the box: it shows nothing
        this.status.dataset.state = "typing"; // the results shown are not this query's yet
        this.typing = setTimeout(() => this.search(), TYPING_PAUSE);
      });
      this.input.addEventListener("keydown", (event) => {
        if (event.key !== "ArrowDown") return;
        const first = this.results.querySelector("a");
        if (first) { event.preventDefault(); first.focus(); }
      });
      this.results.addEventListener("keydown", (event) => {
        const links = [...this.results.querySelectorAll("a")];
        const index = links.indexOf(document.activeElement);
        if (index < 0) return;
        if (event.key === "ArrowDown" && index < links.length - 1) { event.preventDefault(); links[index + 1].focus(); }
        if (event.key === "ArrowUp") { event.preventDefault(); (index > 0 ? links[index - 1] : this.input).focus(); }
      });
    }

    // The facet selects, built once (a promise, so queries typed meanwhile wait for the same build).
    buildFilters() {
      if (!this.filtersReady) this.filtersReady = this.createFilters();
      return this.filtersReady;
    }

    async createFilters() {
      const available = await (await loadPagefind()).filters();
      const fieldset = element("fieldset", { class: "kb-search__facets" },
        [element("legend", { class: "kb-sr-only", text: labels.filters })]);
      for (const facet of FACETS) {
        const values = Object.keys(available[facet] || {}).sort((a, b) => a.localeCompare(b, language));
        if (!values.length) continue;
        const id = `${this.input.id}-${facet}`;
        const select = element("select", { id, "data-facet": facet }, [element("option", { value: "", text: labels.any })]);
        for (const value of values) select.append(element("option", { value, text: value }));
        select.addEventListener("change", () => this.search());
        this.selects[facet] = select;
        fieldset.append(element("span", { class: "kb-search__facet" }, [element("label", { for: id, text: labels[facet] }), select]));
      }
      this.filtersBox.append(fieldset);
      this.filtersBox.hidden = false;
    }

    filters() {
      const chosen = {};
      for (const [facet, select] of Object.entries(this.selects)) if (select.value) chosen[facet] = select.value;
      return chosen;
    }

    setFilters(values) {
      for (const [facet, select] of Object.entries(this.selects)) select.value = values[facet] || "";
    }

    clear() {
      this.results.replaceChildren();
      this.status.textContent = "";
      delete this.status.dataset.state;
      if (this.allLink) this.allLink.hidden = true;
    }

    async search() {
      const query = this.input.value.trim();
      const run = ++this.run;
      this.onChange(query, this.filters());
      if (!query) return this.clear();
      this.status.dataset.state = "loading";
      try {
        this.status.textContent = labels.loading;
        await this.buildFilters();
      } catch (error) {
        this.status.textContent = labels.unavailable;
        this.status.dataset.state = "failed";
        return;
      }
      const filters = this.filters();
      const found = await search(query, filters);
      if (run !== this.run) return; // a newer query is under way
      const tips = this.limits ? found.tips.slice(0, this.limits.tips) : found.tips;
      const topics = this.limits ? found.topics.slice(0, this.limits.topics) : found.topics;
      const [tipData, topicData] = await Promise.all([readResults(tips), readResults(topics)]);
      if (run !== this.run) return;
      const groups = [];
      if (tipData.length) {
        groups.push(element("ul", { class: "kb-search__list", "aria-label": labels.tips },
          tipData.map((data, i) => resultItem(data, found.partial.has(tips[i].id)))));
      }
      if (topicData.length) {
        groups.push(element("h2", { class: "kb-search__group", id: `${this.input.id}-topics`, text: labels.topics }),
          element("ul", { class: "kb-search__list", "aria-labelledby": `${this.input.id}-topics` },
            topicData.map((data) => resultItem(data, false, false))));
      }
      if (!found.tips.length) groups.push(await this.nothingFound(query, filters));
      this.results.replaceChildren(...groups);
      this.status.textContent = found.tips.length
        ? format(labels.found, { query, count: found.tips.length })
        : format(labels.empty, { query });
      this.status.dataset.state = "done"; // for tools and tests: the results are in
      if (this.allLink) {
        this.allLink.hidden = !found.tips.length;
        const params = new URLSearchParams({ q: query, ...filters });
        this.allLink.href = `${root.dataset.searchPage}?${params}`;
      }
    }

    // What to do when nothing matches: fewer words, the topics, the checklist; a filter that hides
    // matches says so and can be cleared; readers of other languages can try the English pages.
    async nothingFound(query, filters) {
      const help = element("div", { class: "kb-search__none" });
      if (Object.keys(filters).length) {
        const unfiltered = await search(query, {});
        if (unfiltered.tips.length) {
          const reset = element("button", { type: "button", class: "md-button kb-search__reset", text: labels.reset });
          reset.addEventListener("click", () => { this.setFilters({}); this.search(); this.input.focus(); });
          help.append(element("p", { text: format(plural(labels.filtered, unfiltered.tips.length), { count: unfiltered.tips.length }) }), reset);
        }
      }
      const ideas = element("ul", {}, [
        element("li", { text: labels.fewer_words }),
        element("li", {}, [element("a", { href: root.dataset.topics, text: labels.browse_topics })]),
        element("li", {}, [element("a", { href: root.dataset.checklist, text: labels.open_checklist })]),
      ]);
      if (root.dataset.englishSearchPage) {
        ideas.append(element("li", {}, [element("a", {
          // The label is in the reader's language; the page it leads to is English.
          href: `${root.dataset.englishSearchPage}?${new URLSearchParams({ q: query })}`, hreflang: "en",
          text: format(labels.in_english, { query }),
        })]));
      }
      help.append(element("p", { text: labels.try }), ideas);
      return help;
    }
  }

  // The header dialog: a modal <dialog> (the page behind it is inert), closed by Escape, by a click
  // on the backdrop or by its button; focus goes back to the search button.
  const dialog = root.querySelector(".kb-search__dialog");
  const openButton = root.querySelector(".kb-search__open");
  const headerView = new SearchView(dialog, DIALOG);

  function openDialog() {
    if (dialog.open) return;
    dialog.showModal();
    openButton.setAttribute("aria-expanded", "true");
    headerView.input.focus();
    headerView.buildFilters().catch(() => { headerView.status.textContent = labels.unavailable; });
  }

  openButton.setAttribute("aria-expanded", "false");
  openButton.addEventListener("click", openDialog);
  root.querySelector(".kb-search__close").addEventListener("click", () => dialog.close());
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close(); // the backdrop: outside the panel
  });
  // Escape closes the dialog at once, also from the search field (which would only clear itself);
  // Tab goes round the dialog's controls instead of leaving for the browser's.
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      dialog.close();
    } else if (event.key === "Tab") {
      const focusable = [...dialog.querySelectorAll("input, select, button, summary, a[href]")]
        .filter((el) => el.offsetParent !== null);
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
    }
  });
  dialog.addEventListener("close", () => {
    openButton.setAttribute("aria-expanded", "false");
    openButton.focus();
  });
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement &&
      (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
    if (typing || event.ctrlKey || event.metaKey || event.altKey || dialog.open) return;
    if (event.key === "/" || event.key === "s" || event.key === "S") {
      event.preventDefault();
      openDialog();
    }
  });

  // The search page: /<lang>/search/?q=...&topic=...; the address follows the query and filters,
  // so a search can be shared, and the language menu carries it to the same page in another language.
  const page = document.querySelector("[data-kb-search-page]");
  if (page) {
    const pageView = new SearchView(page, null, (query, filters) => {
      const params = new URLSearchParams(query ? { q: query, ...filters } : {});
      history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
    });
    const params = new URLSearchParams(location.search);
    pageView.input.value = params.get("q") || "";
    page.querySelector("form").addEventListener("submit", (event) => {
      event.preventDefault();
      pageView.search();
    });
    pageView.buildFilters().then(() => {
      pageView.setFilters(Object.fromEntries(FACETS.map((facet) => [facet, params.get(facet) || ""])));
      if (pageView.input.value) pageView.search();
    }).catch(() => { pageView.status.textContent = labels.unavailable; });
  }
})();
