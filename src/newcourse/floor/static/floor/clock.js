// The speaker's countdown, ticking in the browser between the server's updates: each
// [data-ends-at] shows the time left until then (negative: over time). Without JavaScript
// the page shows the time left when it was drawn.
(function () {
  function show(element) {
    var ends = Date.parse(element.getAttribute("data-ends-at"));
    if (isNaN(ends)) return;
    var left = Math.round((ends - Date.now()) / 1000);
    var sign = left < 0 ? "-" : "";
    var seconds = Math.abs(left);
    element.textContent = sign + Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
    element.classList.toggle("over", left < 0);
  }
  setInterval(function () {
    document.querySelectorAll("[data-ends-at]").forEach(show);
  }, 1000);
})();
