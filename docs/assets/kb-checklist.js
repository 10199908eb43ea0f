// The checklist page: ticks and notes are kept in this browser (localStorage, never sent anywhere),
// and a printed copy says where it came from and when.
(function () {
  "use strict";

  const boxes = [...document.querySelectorAll("[data-kb-checklist] input")];
  if (!boxes.length) return;
  const key = `kb-checklist:${document.documentElement.lang}:${boxes[0].closest("[data-kb-checklist]").dataset.kbChecklist}`;
  const reset = document.querySelector("[data-kb-checklist-reset]");

  function read() {
    try {
      return JSON.parse(localStorage.getItem(key)) || {};
    } catch (error) {
      return {}; // storage disabled or the value damaged: start empty
    }
  }

  function save() {
    const state = {};
    for (const input of boxes) {
      if (input.type === "checkbox" ? input.checked : input.value.trim()) {
        state[input.name] = input.type === "checkbox" ? true : input.value;
      }
    }
    try {
      if (Object.keys(state).length) localStorage.setItem(key, JSON.stringify(state));
      else localStorage.removeItem(key);
    } catch (error) {
      // storage disabled: the page still works, it just forgets
    }
    reset.hidden = !Object.keys(state).length;
  }

  const saved = read();
  for (const input of boxes) {
    if (!(input.name in saved)) continue;
    if (input.type === "checkbox") input.checked = saved[input.name] === true;
    else input.value = String(saved[input.name]);
  }
  reset.hidden = !Object.keys(saved).length;
  for (const input of boxes) input.addEventListener(input.type === "checkbox" ? "change" : "input", save);
  reset.addEventListener("click", () => {
    for (const input of boxes) {
      if (input.type === "checkbox") input.checked = false;
      else input.value = "";
    }
    save();
  });

  // The printed page's footer: the page's address and today's date in the page's language.
  const address = document.querySelector("[data-kb-print-address]");
  const date = document.querySelector("[data-kb-print-date]");
  function stamp() {
    const canonical = document.querySelector('link[rel="canonical"]');
    address.textContent = canonical ? canonical.href : location.href;
    date.textContent = new Intl.DateTimeFormat(date.dataset.kbPrintDate.replace("_", "-"), { dateStyle: "long" }).format(new Date());
  }
  stamp();
  window.addEventListener("beforeprint", stamp);
})();
