// A translated guide or tip beside its original: each paragraph's original (or English) text is
// in the page already, hidden; the control shows it after each paragraph (beside it on wide
// screens). Off by default; the choice is remembered in this browser (localStorage).
(function () {
  "use strict";

  const control = document.querySelector("[data-kb-compare-control]");
  if (!control) return;
  const KEY = "kb-compare";
  const toggle = control.querySelector("[data-kb-compare-toggle]");
  const choice = control.querySelector("[data-kb-compare-with]");
  const status = control.querySelector("[data-kb-compare-status]");
  const labels = JSON.parse(control.dataset.labels);
  const showLabel = toggle.textContent;

  function remembered() {
    try {
      return localStorage.getItem(KEY) || "";
    } catch (error) {
      return "";
    }
  }

  function remember(value) {
    try {
      if (value) localStorage.setItem(KEY, value);
      else localStorage.removeItem(KEY);
    } catch (error) {
      // storage disabled: the choice lasts for this page only
    }
  }

  function apply(mode, announce) {
    const available = [...choice.options].map((option) => option.value);
    const shown = available.includes(mode) ? mode : "";
    if (shown) choice.value = shown;
    document.documentElement.dataset.kbCompare = shown;
    toggle.setAttribute("aria-pressed", String(Boolean(shown)));
    toggle.textContent = shown ? labels.hide : showLabel;
    if (announce) {
      const name = choice.selectedOptions[0].dataset.name;
      status.textContent = shown ? labels.shown.replace("%(language)s", name) : labels.hidden;
    }
  }

  toggle.addEventListener("click", () => {
    const mode = document.documentElement.dataset.kbCompare ? "" : choice.value;
    remember(mode);
    apply(mode, true);
  });
  choice.addEventListener("change", () => {
    if (!document.documentElement.dataset.kbCompare) return;
    remember(choice.value);
    apply(choice.value, true);
  });
  control.hidden = false;
  apply(remembered(), false);
})();
