// The language menu keeps the reader's place: it opens the same page in the other language
// (mkdocs-static-i18n's links) at the same tip, since tip ids are the same in every language, and
// with the same search on the search page. Material's own handler would drop both, so this one
// runs first, in the capture phase.
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element && event.target.closest("a.md-select__link[hreflang]");
  if (!link || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const keep = (document.querySelector("[data-kb-search-page]") ? location.search : "") + location.hash;
  if (!keep) return;
  event.preventDefault();
  event.stopPropagation();
  location.href = link.href.split(/[?#]/)[0] + keep;
}, true);
