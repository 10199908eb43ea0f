// The language switcher keeps the reader's place: it opens the same page in the other language
// (mkdocs-static-i18n's links) at the same tip, since tip ids are the same in every language.
// Material's own handler would drop the #anchor, so this one runs first, in the capture phase.
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element && event.target.closest("a.md-select__link[hreflang]");
  if (!link || !location.hash || event.metaKey || event.ctrlKey) return;
  event.preventDefault();
  event.stopPropagation();
  location.href = link.href.split("#")[0] + location.hash;
}, true);
