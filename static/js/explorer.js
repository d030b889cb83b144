/*
 * Pairing explorer, enhanced: changing a filter updates the counts, the list and the map
 * in place (and the address, so it stays shareable) instead of reloading the page.
 * Without JavaScript the form submits as an ordinary GET form, with the same result.
 *
 * Markup (templates/regions/pairing_explorer_page.html):
 *   form[data-explorer-form]          the filters
 *   [data-explorer-results]           replaced with the same element of the new page
 *   [data-explorer-announce]          a polite live region for the new result count
 *   [data-pairing-map]                the map, told to load the new data-map-url
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-explorer-form]");
  var results = document.querySelector("[data-explorer-results]");
  if (!form || !results || !window.fetch || !window.DOMParser) {
    return;
  }
  var announcer = document.querySelector("[data-explorer-announce]");
  var map = document.querySelector("[data-pairing-map]");
  var pending = null;
  var typingTimer = null;
  // The address whose results are on screen. A jump to a fragment (the "Skip the map"
  // link, or Back after it) fires popstate too, and must not reload the results: that
  // would replace the heading the jump has just focused.
  var shownAddress = window.location.pathname + window.location.search;

  function queryFromForm() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (String(value).trim() !== "") {
        params.append(name, value);
      }
    });
    var query = params.toString();
    return query ? "?" + query : "";
  }

  function syncOptions(freshForm) {
    // Only the counts in the option labels change: the controls keep focus and input.
    form.querySelectorAll("select").forEach(function (select) {
      var fresh = freshForm.querySelector('select[name="' + select.name + '"]');
      if (fresh && fresh.innerHTML !== select.innerHTML) {
        select.innerHTML = fresh.innerHTML;
      }
    });
  }

  function show(url, options) {
    options = options || {};
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    results.setAttribute("aria-busy", "true");
    return fetch(url, { credentials: "same-origin", signal: pending.signal })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var freshResults = fresh.querySelector("[data-explorer-results]");
        var freshForm = fresh.querySelector("[data-explorer-form]");
        var freshMap = fresh.querySelector("[data-pairing-map]");
        if (!freshResults || !freshForm) {
          throw new Error("Unexpected page");
        }
        results.innerHTML = freshResults.innerHTML;
        syncOptions(freshForm);
        if (options.push) {
          window.history.pushState({ explorer: true }, "", url);
        }
        shownAddress = url;
        if (announcer) {
          var summary = results.querySelector("[data-explorer-summary]");
          announcer.textContent = summary ? summary.textContent.trim() : "";
        }
        if (map && freshMap) {
          map.dataset.mapUrl = freshMap.dataset.mapUrl;
          map.dispatchEvent(
            new CustomEvent("pairingmap:load", { detail: { url: freshMap.dataset.mapUrl } })
          );
        }
        if (options.focusResults) {
          var heading = results.querySelector("[data-explorer-heading]");
          if (heading) {
            heading.focus();
          }
        }
      })
      .catch(function (error) {
        if (error.name !== "AbortError") {
          window.location.href = url; // fall back to an ordinary page load
        }
      })
      .finally(function () {
        results.removeAttribute("aria-busy");
      });
  }

  function update() {
    var url = form.getAttribute("action") + queryFromForm();
    if (url !== window.location.pathname + window.location.search) {
      show(url, { push: true });
    }
  }

  form.addEventListener("change", function (event) {
    if (event.target.tagName === "SELECT") {
      update();
    }
  });
  form.addEventListener("input", function (event) {
    if (event.target.type === "search") {
      window.clearTimeout(typingTimer);
      typingTimer = window.setTimeout(update, 500);
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(typingTimer);
    update();
  });

  // Page links, "remove this filter" and "clear all": same page, new filters.
  document.addEventListener("click", function (event) {
    var anchor =
      event.target.closest &&
      event.target.closest("a[data-explorer-link], [data-explorer-results] .pagination a");
    if (!anchor || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
      return;
    }
    event.preventDefault();
    var url = new URL(anchor.href, window.location.href);
    var fresh = url.pathname + url.search;
    show(fresh, { push: true, focusResults: true }).then(function () {
      // The form shows the filters of the new address.
      var params = url.searchParams;
      form.querySelectorAll("select, input[type=search]").forEach(function (control) {
        control.value = params.get(control.name) || "";
      });
    });
  });

  window.addEventListener("popstate", function () {
    var address = window.location.pathname + window.location.search;
    if (address === shownAddress) {
      return;
    }
    var params = new URLSearchParams(window.location.search);
    form.querySelectorAll("select, input[type=search]").forEach(function (control) {
      control.value = params.get(control.name) || "";
    });
    show(address, {});
  });
})();
