// Suggestions under a search box as the visitor types: an ARIA 1.2 combobox with a
// listbox. Without JavaScript the box is a plain GET form that works on its own; this
// file only adds to it. Text is inserted with textContent, never as HTML.
(function () {
  "use strict";

  var DELAY_MS = 200;
  var MIN_CHARACTERS = 2;

  function enhance(input) {
    var listId = input.id + "-suggestions";
    var list = document.createElement("ul");
    var status = document.createElement("div");
    var timer = null;
    var request = null;
    var options = [];
    var active = -1;

    list.id = listId;
    list.className = "search-suggestions";
    list.setAttribute("role", "listbox");
    if (input.labels && input.labels.length) {
      list.setAttribute("aria-label", input.labels[0].textContent.trim());
    }
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.parentNode.classList.add("has-suggestions");
    input.parentNode.appendChild(list);
    input.parentNode.appendChild(status);

    function announce(count) {
      var message = count === 0 ? input.dataset.statusNone
        : count === 1 ? input.dataset.statusOne
          : (input.dataset.statusMany || "").replace("{count}", String(count));
      status.textContent = message || "";
    }

    function setActive(index) {
      options.forEach(function (option, position) {
        option.setAttribute("aria-selected", position === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function go(option) {
      var url = option.dataset.url || "";
      // Only addresses on this site: they come from our server, but check all the same.
      if (url.charAt(0) === "/" && url.charAt(1) !== "/") {
        window.location.assign(url);
      }
    }

    function render(results) {
      list.textContent = "";
      options = results.map(function (result, position) {
        var option = document.createElement("li");
        var title = document.createElement("span");
        var kind = document.createElement("span");
        option.id = listId + "-" + position;
        option.className = "search-suggestions__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.url = result.url;
        title.textContent = result.title;
        if (result.lang) { title.lang = result.lang; }
        kind.className = "search-suggestions__kind";
        kind.textContent = result.kind;
        option.appendChild(title);
        option.appendChild(kind);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep focus in the box until we navigate
          go(option);
        });
        list.appendChild(option);
        return option;
      });
      active = -1;
      list.hidden = options.length === 0;
      input.setAttribute("aria-expanded", options.length ? "true" : "false");
      announce(options.length);
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < MIN_CHARACTERS) {
        close();
        status.textContent = "";
        return;
      }
      if (request) { request.abort(); }
      request = new AbortController();
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        signal: request.signal
      })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (input.value.trim() === query) { render(data.results || []); }
        })
        .catch(function () { /* aborted or offline: the plain form still works */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && options.length > 0;
      if (event.key === "ArrowDown" && open) {
        event.preventDefault();
        setActive(active + 1 < options.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        setActive(active > 0 ? active - 1 : options.length - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        go(options[active]);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });

    input.addEventListener("blur", function () { close(); });
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(enhance);
})();
