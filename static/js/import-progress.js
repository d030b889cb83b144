// The pairing import's screen while the worker imports: polls the import's status and
// moves the progress bar; reloads the page (its result, or its error) when the import
// ends. Without JavaScript the page reloads itself (a <noscript> refresh).
(function () {
  "use strict";
  var box = document.querySelector("[data-import-status-url]");
  if (!box || !window.fetch) {
    return;
  }
  var url = box.getAttribute("data-import-status-url");
  var bar = box.querySelector("progress");
  var text = box.querySelector("[data-import-text]");
  var POLL_MS = 1000;

  function show(state) {
    bar.max = Math.max(state.total, 1);
    bar.value = state.done;
    bar.textContent = state.percent + "%";
    text.textContent = state.text;
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (state) {
        if (!state.in_progress) {
          window.location.reload();
          return;
        }
        show(state);
        window.setTimeout(poll, POLL_MS);
      })
      .catch(function () {
        window.setTimeout(poll, 5 * POLL_MS); // the server away for a moment
      });
  }

  window.setTimeout(poll, POLL_MS);
})();
