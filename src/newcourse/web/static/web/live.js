// Pages that update live. Each element with data-live="CHANNEL" shows a channel's current
// state, rendered by the server with the page (so the page is whole without JavaScript, and a
// reload shows the current state). This keeps it current: one EventSource per channel on
// /live/CHANNEL/, whose every message is the channel's new state as HTML, put in place of the
// element's content (then handed to htmx, when the page has it, for any hx- attributes).
//
// EventSource reconnects by itself after a dropped connection, sending the id of the last
// state it had, and the server answers with the current state unless it is that one. When
// the server refuses or fails (a restart behind a proxy, a session that ended), EventSource
// gives up; this opens the stream again later, waiting longer each time, up to a minute.
(function () {
  "use strict";
  if (!window.EventSource) {
    return;
  }

  function watch(channel, elements) {
    var last = elements[0].getAttribute("data-live-last") || "";
    var delay = 2000;

    function open() {
      var url = "/live/" + encodeURIComponent(channel) + "/";
      var source = new EventSource(last ? url + "?last=" + encodeURIComponent(last) : url);
      source.onopen = function () {
        delay = 2000;
      };
      source.onmessage = function (message) {
        last = message.lastEventId;
        elements.forEach(function (element) {
          element.innerHTML = message.data;
          element.setAttribute("data-live-last", last);
          if (window.htmx) {
            window.htmx.process(element);
          }
          element.dispatchEvent(new CustomEvent("live:updated", { bubbles: true }));
        });
      };
      source.onerror = function () {
        if (source.readyState === EventSource.CLOSED) {
          source.close();
          window.setTimeout(open, delay + Math.random() * delay);
          delay = Math.min(delay * 2, 60000);
        }
      };
    }

    open();
  }

  function start() {
    var channels = new Map();
    document.querySelectorAll("[data-live]").forEach(function (element) {
      var channel = element.getAttribute("data-live");
      if (!channels.has(channel)) {
        channels.set(channel, []);
      }
      channels.get(channel).push(element);
    });
    channels.forEach(function (elements, channel) {
      watch(channel, elements);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
