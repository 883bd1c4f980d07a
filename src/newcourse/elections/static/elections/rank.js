// Click-to-rank on top of the ballot's select boxes. Without this script the selects work on
// their own; with it, clicking candidates in order fills them in, and the list shows the order.
(function () {
  "use strict";
  var form = document.getElementById("ballot");
  if (!form || form.dataset.ranked !== "yes") return;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  if (!selects.length) return;
  var order = [];
  var status = document.createElement("p");
  status.setAttribute("aria-live", "polite");
  status.className = "muted";
  form.insertBefore(status, form.firstChild);

  function labelFor(select) {
    var label = form.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.trim().replace(/:$/, "") : select.name;
  }
  function render() {
    selects.forEach(function (select) {
      var rank = order.indexOf(select) + 1;
      select.value = rank ? String(rank) : "";
      var button = select.parentNode.querySelector("button.rank");
      button.textContent = rank ? rank + " · " + labelFor(select) : labelFor(select);
      button.setAttribute("aria-pressed", rank ? "true" : "false");
    });
    status.textContent = order.length
      ? form.dataset.order + " " + order.map(labelFor).join(" › ")
      : form.dataset.hint;
  }
  selects.forEach(function (select) {
    if (select.value) order[Number(select.value) - 1] = select;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "rank secondary";
    button.addEventListener("click", function () {
      var at = order.indexOf(select);
      if (at >= 0) order.splice(at, 1); else order.push(select);
      render();
    });
    select.addEventListener("change", function () {
      order = order.filter(function (s) { return s !== select; });
      if (select.value) order.splice(Number(select.value) - 1, 0, select);
      render();
    });
    select.parentNode.insertBefore(button, select);
    select.classList.add("with-rank-button");
    var label = form.querySelector('label[for="' + select.id + '"]');
    if (label) label.hidden = true;
  });
  order = order.filter(Boolean);
  render();
})();
