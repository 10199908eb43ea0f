// Header search and search page on Pagefind's JavaScript API. Pagefind loads the index of the
// page's <html lang>, so a reader only ever gets results in their own language.
(function () {
  "use strict";

  const root = document.querySelector("[data-kb-search]");
  if (!root) return;
  const labels = JSON.parse(root.dataset.labels);
  const language = document.documentElement.lang || "en";
  const baseLanguage = language.split("-")[0];
  const bundleUrl = new URL(root.dataset.bundle, document.baseURI);
  const FACETS = ["topic", "audience", "guide"];
  const DIALOG_RESULTS = 8;
  // Japanese particles that a page may not contain, which would empty an AND query.
  const JA_PARTICLES = new Set(["を", "の", "に", "は", "が", "で", "と", "へ", "も", "や", "から", "まで",
    "より", "か", "ね", "よ", "って", "など", "には", "では", "とは", "にも", "でも"]);

  let pagefindPromise = null;

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, (_, name) => String(values[name]));
  }

  // The query as Pagefind should see it; for Japanese, split into words and drop particles.
  function processTerm(term) {
    if (baseLanguage !== "ja" || !("Segmenter" in Intl)) return term;
    const segmenter = new Intl.Segmenter("ja", { granularity: "word" });
    const words = [];
    for (const part of segmenter.segment(term)) {
      const word = part.segment.trim();
      if (word && part.isWordLike !== false && !JA_PARTICLES.has(word)) words.push(word);
    }
    return words.length ? words.join(" ") : term;
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

  // Words too common to narrow a search; an AND query that must also contain them loses the
  // tips that say the same thing without them ("angry with the operator").
  const STOP_WORDS = {
    en: ["a", "an", "the", "of", "to", "in", "on", "for", "with", "and", "or", "my", "your", "is", "are", "it", "at", "by", "from", "about"],
    id: ["yang", "dan", "di", "ke", "dari", "untuk", "dengan", "pada", "atau", "itu", "ini", "saya", "anda"],
    ru: ["и", "в", "во", "на", "с", "со", "к", "по", "о", "об", "у", "за", "из", "от", "до", "для", "а", "но", "или", "мой", "мне"],
    hu: ["a", "az", "egy", "és", "vagy", "de", "is", "meg", "hogy", "mint"],
  };
  const stopWords = new Set(STOP_WORDS[baseLanguage] || []);

  function contentWords(words) {
    const kept = words.filter((word) => !stopWords.has(word.toLowerCase()));
    return kept.length ? kept : words;
  }

  // Pagefind matches every word of a query (AND) and stems it. Ranking adds what a stemmed
  // bag of words cannot see: tips where the words stand together as typed ("pelanggan
  // bermasalah", where the stemmer reduces the second word to the commonest word of the guides)
  // come first. When AND-matching leaves fewer than a handful of tips, tips that match some of
  // the words are added, then the halves of a compound ("rendelésszám": the text says "a
  // rendelés száma"), a long word without its verbal prefix, and a shorter start of a long word
  // (a noun where the text has the verb: "visszahívás" / "visszahívni"), best matches first.
  const ENOUGH_RESULTS = 5;
  const LONG_WORD = 7;
  const COMPOUND_PART = 4;
  const CJK = /[\u3040-\u30ff\u4e00-\u9fff]/;
  const compounding = ["hu"].includes(baseLanguage);
  // Russian verbs take a prefix for the perfective ("поблагодарить" where the text says
  // "благодарность"); the stemmer keeps it.
  const VERB_PREFIXES = { ru: ["пере", "про", "при", "раз", "рас", "под", "по", "за", "на", "вы", "от", "об", "с", "у"] };
  const verbPrefixes = VERB_PREFIXES[baseLanguage] || [];

  function relaxedTerms(words) {
    const terms = words.map((word) => [word, 1]);
    for (const word of words) {
      if (word.length < LONG_WORD || CJK.test(word)) continue;
      if (compounding) {
        const splits = [];
        for (let at = COMPOUND_PART; at <= word.length - 3; at++) splits.push(`${word.slice(0, at)} ${word.slice(at)}`);
        for (const split of splits) terms.push([split, 1 / splits.length]);
      }
      terms.push([word.slice(0, -3), 0.5]);
      const prefix = verbPrefixes.find((start) => word.startsWith(start) && word.length - start.length >= 6);
      if (prefix) terms.push([word.slice(prefix.length), 0.5]);
    }
    return terms;
  }

  async function search(query, filters) {
    const pagefind = await loadPagefind();
    const typed = processTerm(query).split(/\s+/).filter(Boolean);
    const words = contentWords(typed);
    const term = words.join(" ");
    const strict = await pagefind.search(term, { filters });
    let ranked = strict.results;
    if (typed.length > 1) {
      const phrase = await pagefind.search(`"${typed.join(" ")}"`, { filters });
      const together = new Set(phrase.results.map((result) => result.id));
      const strictIds = new Set(ranked.map((result) => result.id));
      ranked = [...ranked.filter((result) => together.has(result.id)),
        ...phrase.results.filter((result) => !strictIds.has(result.id)),
        ...ranked.filter((result) => !together.has(result.id))];
    }
    if (ranked.length >= ENOUGH_RESULTS) return ranked;
    const partial = new Map();
    for (const [part, weight] of relaxedTerms(words)) {
      if (part === term) continue;
      const found = await pagefind.search(part, { filters });
      for (const result of found.results) {
        const seen = partial.get(result.id) || { result, matched: 0, score: 0 };
        seen.matched += weight;
        seen.score += weight * result.score;
        partial.set(result.id, seen);
      }
    }
    const rankedIds = new Set(ranked.map((result) => result.id));
    const extra = [...partial.values()]
      .filter((entry) => !rankedIds.has(entry.result.id))
      .sort((a, b) => b.score - a.score || b.matched - a.matched)
      .map((entry) => entry.result);
    return [...ranked, ...extra];
  }

  // The same entry points for tools (scripts/bench_search.py) as for the search box.
  window.kbSearch = { processTerm, loadPagefind, search };

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value);
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  // Pagefind's excerpt is escaped text with <mark> around the matched words.
  function excerptNode(html) {
    const node = element("span", { class: "kb-search__excerpt" });
    const parts = html.split(/(<mark>|<\/mark>)/);
    let marked = false;
    for (const part of parts) {
      if (part === "<mark>") marked = true;
      else if (part === "</mark>") marked = false;
      else if (part) {
        const text = new DOMParser().parseFromString(part, "text/html").documentElement.textContent;
        node.append(marked ? element("mark", { text }) : document.createTextNode(text));
      }
    }
    return node;
  }

  function resultItem(data) {
    const anchor = data.meta.anchor ? "#" + data.meta.anchor : "";
    const link = element("a", { href: data.url + anchor, class: "kb-search__link" }, [
      element("span", { class: "kb-search__title", text: data.meta.title || data.url }),
    ]);
    if (data.meta.guide) link.append(element("span", { class: "kb-search__guide", text: data.meta.guide }));
    link.append(excerptNode(data.excerpt || ""));
    return element("li", { class: "kb-search__result" }, [link]);
  }

  // One search view: an input, facet selects, a status line and a result list.
  function SearchView(container, limit) {
    this.input = container.querySelector("input[type=search]");
    this.filtersBox = container.querySelector("[data-kb-filters]");
    this.status = container.querySelector("[role=status]");
    this.list = container.querySelector(".kb-search__results");
    this.allLink = container.querySelector(".kb-search__all");
    this.limit = limit;
    this.selects = {};
    this.run = 0;
    this.input.addEventListener("input", () => this.search());
    this.input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown") {
        const first = this.list.querySelector("a");
        if (first) { event.preventDefault(); first.focus(); }
      }
    });
    this.list.addEventListener("keydown", (event) => {
      const links = [...this.list.querySelectorAll("a")];
      const index = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && index < links.length - 1) { event.preventDefault(); links[index + 1].focus(); }
      if (event.key === "ArrowUp") { event.preventDefault(); (index > 0 ? links[index - 1] : this.input).focus(); }
    });
  }

  SearchView.prototype.buildFilters = async function () {
    if (this.filtersBox.childElementCount) return;
    const pagefind = await loadPagefind();
    const available = await pagefind.filters();
    const fieldset = element("fieldset", { class: "kb-search__facets" }, [element("legend", { class: "kb-sr-only", text: labels.filters })]);
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
  };

  SearchView.prototype.filters = function () {
    const chosen = {};
    for (const [facet, select] of Object.entries(this.selects)) if (select.value) chosen[facet] = select.value;
    return chosen;
  };

  SearchView.prototype.search = async function () {
    const query = this.input.value.trim();
    const run = ++this.run;
    if (!query) {
      this.list.replaceChildren();
      this.status.textContent = "";
      if (this.allLink) this.allLink.hidden = true;
      return;
    }
    this.status.dataset.state = "loading";
    try {
      this.status.textContent = labels.loading;
      await loadPagefind();
      await this.buildFilters();
    } catch (error) {
      this.status.textContent = labels.unavailable;
      this.status.dataset.state = "failed";
      return;
    }
    const results = await search(query, this.filters());
    if (run !== this.run) return; // a newer query is under way
    const shown = this.limit ? results.slice(0, this.limit) : results;
    const data = await Promise.all(shown.map((result) => result.data()));
    if (run !== this.run) return;
    this.list.replaceChildren(...data.map(resultItem));
    this.status.textContent = results.length
      ? format(labels.found, { query, count: results.length })
      : format(labels.empty, { query });
    this.status.dataset.state = "done"; // for tools and tests: the results are in
    if (this.allLink) {
      this.allLink.hidden = !results.length;
      this.allLink.href = `${root.dataset.searchPage}?q=${encodeURIComponent(query)}`;
    }
  };

  // The header dialog
  const dialog = root.querySelector(".kb-search__dialog");
  const openButton = root.querySelector(".kb-search__open");
  const headerView = new SearchView(dialog, DIALOG_RESULTS);

  function openDialog() {
    dialog.hidden = false;
    openButton.setAttribute("aria-expanded", "true");
    headerView.input.focus();
    loadPagefind().catch(() => { headerView.status.textContent = labels.unavailable; });
  }

  function closeDialog() {
    dialog.hidden = true;
    openButton.setAttribute("aria-expanded", "false");
    openButton.focus();
  }

  openButton.setAttribute("aria-expanded", "false");
  openButton.addEventListener("click", openDialog);
  root.querySelector(".kb-search__close").addEventListener("click", closeDialog);
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "Escape") { event.preventDefault(); closeDialog(); }
  });
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) closeDialog(); // a click on the backdrop
  });
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement &&
      (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
    if (typing || event.ctrlKey || event.metaKey || event.altKey || !dialog.hidden) return;
    if (event.key === "/" || event.key === "s" || event.key === "S") {
      event.preventDefault();
      openDialog();
    }
  });

  // The search page: /<lang>/search/?q=...
  const page = document.querySelector("[data-kb-search-page]");
  if (page) {
    const pageView = new SearchView(page, 0);
    const query = new URLSearchParams(location.search).get("q") || "";
    pageView.input.value = query;
    page.querySelector("form").addEventListener("submit", (event) => {
      event.preventDefault();
      history.replaceState(null, "", `?q=${encodeURIComponent(pageView.input.value.trim())}`);
      pageView.search();
    });
    pageView.input.addEventListener("input", () => {
      history.replaceState(null, "", `?q=${encodeURIComponent(pageView.input.value.trim())}`);
    });
    if (query) pageView.search();
  }
})();
