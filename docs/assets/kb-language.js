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

// The English home page, on a reader's first visit: when the browser prefers a language the site
// has, offer it (in that language) without leaving this page; once answered, never again.
(function () {
  "use strict";

  const box = document.querySelector("[data-kb-language-offers]");
  if (!box) return;
  const KEY = "kb-language-offer";
  let answered = null;
  try {
    answered = localStorage.getItem(KEY);
  } catch (error) {
    return; // without storage the offer would come back on every visit
  }
  if (answered) return;
  const offers = JSON.parse(box.dataset.kbLanguageOffers);
  const wanted = (navigator.languages || [navigator.language]).map((tag) => tag.toLowerCase());
  const offer = wanted.map((tag) => offers.find((o) => o.language.toLowerCase() === tag)
    || offers.find((o) => o.language.toLowerCase() === tag.split("-")[0])).find(Boolean);
  if (!offer || wanted.indexOf("en") === 0 || wanted[0].startsWith("en-")) return;

  function answer(value) {
    try {
      localStorage.setItem(KEY, value);
    } catch (error) {
      // nothing to remember with
    }
  }

  const text = document.createElement("p");
  text.textContent = offer.text;
  const go = document.createElement("a");
  go.className = "md-button md-button--primary";
  go.href = offer.url;
  go.hreflang = offer.language;
  go.textContent = offer.go;
  go.addEventListener("click", () => answer(offer.language));
  const stay = document.createElement("button");
  stay.type = "button";
  stay.className = "md-button";
  stay.textContent = offer.stay;
  stay.addEventListener("click", () => {
    answer("en");
    box.hidden = true;
  });
  box.lang = offer.language;
  box.dir = offer.dir;
  box.setAttribute("role", "region");
  box.setAttribute("aria-label", offer.text);
  box.replaceChildren(text, go, stay);
  box.hidden = false;
})();
