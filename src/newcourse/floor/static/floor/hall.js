// The floor's page for a delegate: the hall's state arrives live (web/live.js), the same for
// everyone, so its forms (vote, ask to speak, demand) carry no CSRF token of their own; each
// is given this page's token as it is sent. And a vote this delegate has cast (the page's
// data-voted) shows "You have voted" in place of its buttons, however often the state changes.
(function () {
  "use strict";
  var hall = document.querySelector(".hall[data-voted]");
  if (!hall) return;
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!token || !hall.contains(form) || form.querySelector("input[name=csrfmiddlewaretoken]")) {
      return;
    }
    var field = document.createElement("input");
    field.type = "hidden";
    field.name = "csrfmiddlewaretoken";
    field.value = token.value;
    form.appendChild(field);
  });

  function showVoted() {
    var voted = (hall.getAttribute("data-voted") || "").split(" ");
    hall.querySelectorAll("[data-vote]").forEach(function (element) {
      var mine = voted.indexOf(element.getAttribute("data-vote")) !== -1;
      if (element.matches("form.cast")) element.hidden = mine;
      else element.hidden = !mine;
    });
  }
  hall.addEventListener("live:updated", showVoted);
  showVoted();
})();
