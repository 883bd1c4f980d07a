// The New office page: choosing a kind ticks the powers that kind holds by default
// (`powers_by_kind`); the officer can still change them before creating the office.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const kind = document.getElementById("id_kind");
  const defaults = JSON.parse(document.getElementById("powers-by-kind").textContent);
  if (!kind) return;
  kind.addEventListener("change", () => {
    const wanted = defaults[kind.value] || [];
    for (const box of document.querySelectorAll('input[name="powers"]')) {
      box.checked = wanted.includes(box.value);
    }
  });
});
