/*
 * Pairing map: a Leaflet map of places (markers) and pairings (lines) on a world outline
 * shipped with the site, so it draws with no network. An online tile layer is added on
 * top only when the page names one (settings.IURC_MAP_TILE_URL).
 *
 * Markup: an element with [data-pairing-map] holding a [data-map-canvas] element.
 *   data-map-url      the map document to load (see regions/explorer/map_data.py), or
 *   data-map-json     the id of a <script type="application/json"> holding it;
 *   data-basemap-url  the world outline (TopoJSON);
 *   data-tile-url, data-tile-attribution  optional online tiles;
 *   data-label-*      the interface texts, translated by the template.
 * The element stays hidden (the list is the alternative) until the map has drawn.
 * Dispatch "pairingmap:load" with detail {url} on it to show another document.
 */
(function () {
  "use strict";

  if (!window.L || !window.topojson) {
    return;
  }

  var basemaps = {};

  function loadJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(
      function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status + " for " + url);
        }
        return response.json();
      }
    );
  }

  // Rings that cross the antimeridian jump from +180 to -180; Leaflet would draw that jump
  // as a line across the world. Shift the points after a jump by 360 degrees instead.
  function unwrapRing(ring) {
    for (var index = 1; index < ring.length; index += 1) {
      var step = ring[index][0] - ring[index - 1][0];
      if (step > 180) {
        ring[index][0] -= 360 * Math.round(step / 360);
      } else if (step < -180) {
        ring[index][0] += 360 * Math.round(-step / 360);
      }
    }
  }

  function unwrapLongitudes(feature) {
    var geometry = feature.geometry;
    if (!geometry) {
      return;
    }
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    polygons.forEach(function (polygon) {
      polygon.forEach(unwrapRing);
    });
  }

  function basemap(url) {
    if (!basemaps[url]) {
      basemaps[url] = loadJSON(url).then(function (topology) {
        var world = window.topojson.feature(topology, topology.objects.countries);
        // Antarctica takes half a Mercator map and has no pairing.
        world.features = world.features.filter(function (feature) {
          return feature.id !== "010";
        });
        world.features.forEach(unwrapLongitudes);
        return world;
      });
    }
    return basemaps[url];
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function link(href, text) {
    var anchor = element("a", "", text);
    anchor.href = href;
    return anchor;
  }

  function PairingMap(container) {
    this.container = container;
    this.labels = container.dataset;
    this.canvas = container.querySelector("[data-map-canvas]");
    this.lastFocus = null;
  }

  PairingMap.prototype.setUp = function () {
    var self = this;
    var map = (this.map = window.L.map(this.canvas, {
      zoomControl: false,
      // On phones one finger scrolls the page, not the map; two fingers zoom it.
      dragging: !window.L.Browser.mobile,
      worldCopyJump: false,
      maxZoom: 9,
      zoomSnap: 0.25,
      maxBounds: [
        [-70, -200],
        [85, 200],
      ],
      attributionControl: false,
    }));
    window.L.control
      .zoom({
        zoomInTitle: this.labels.labelZoomIn,
        zoomOutTitle: this.labels.labelZoomOut,
      })
      .addTo(map);
    window.L.control
      .attribution({ prefix: '<a href="https://leafletjs.com/">Leaflet</a>' })
      .addAttribution(this.labels.labelBasemapAttribution)
      .addTo(map);
    this.fitWorld();
    map.on("resize", this.fitWorld, this);

    if (this.labels.tileUrl) {
      window.L.tileLayer(this.labels.tileUrl, {
        attribution: this.labels.tileAttribution || "",
        maxZoom: 9,
      }).addTo(map);
    }
    this.pairingLayer = window.L.featureGroup().addTo(map);

    map.on("popupopen", function (event) {
      var popup = event.popup.getElement();
      var close = popup && popup.querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", self.labels.labelClose);
        close.setAttribute("title", self.labels.labelClose);
      }
      // Opened from the keyboard: take the visitor into the popup's links.
      if (self.lastFocus && popup) {
        var first = popup.querySelector(".leaflet-popup-content a");
        if (first) {
          first.focus();
        }
      }
    });
    map.on("popupclose", function () {
      if (self.lastFocus && document.body.contains(self.lastFocus)) {
        self.lastFocus.focus();
      }
      self.lastFocus = null;
    });
    this.canvas.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        map.closePopup();
      }
    });

    return basemap(this.labels.basemapUrl).then(function (world) {
      window.L.geoJSON(world, {
        interactive: false,
        style: { color: "#8a97ad", weight: 0.8, fillColor: "#fbfaf5", fillOpacity: 1 },
      }).addTo(map);
      self.pairingLayer.bringToFront();
    });
  };

  // The zoom at which the world fills the map's width. Visitors (and fitBounds) may zoom
  // out one step further, so that pairings from Scandinavia to Patagonia fit a wide map.
  PairingMap.prototype.fitWorld = function () {
    var width = this.canvas.clientWidth || 256;
    var zoom = Math.max(0, Math.ceil(Math.log2(width / 256) * 4) / 4);
    this.worldZoom = zoom;
    this.map.setMinZoom(Math.max(0, zoom - 1));
    if (this.map.getZoom() === undefined) {
      this.map.setView([25, 15], zoom);
    }
  };

  PairingMap.prototype.draw = function (documentData) {
    var L = window.L;
    var self = this;
    var places = {};
    var pairingsAt = {};
    this.pairingLayer.clearLayers();

    documentData.places.forEach(function (row) {
      places[row[0]] = {
        id: row[0],
        name: row[1],
        country: row[2],
        latLng: [row[3], row[4]],
        url: row[5],
        side: row[6],
      };
      pairingsAt[row[0]] = [];
    });

    documentData.pairings.forEach(function (row) {
      var pairing = { title: row[0], url: row[1], eu: row[2], partner: row[3] };
      row[2].concat(row[3]).forEach(function (placeId) {
        if (pairingsAt[placeId]) {
          pairingsAt[placeId].push(pairing);
        }
      });
      row[2].forEach(function (euId) {
        row[3].forEach(function (partnerId) {
          var line = L.polyline([places[euId].latLng, places[partnerId].latLng], {
            className: "map-line",
            color: "#1e4fb8",
            weight: 3,
            opacity: 0.55,
          });
          line.bindTooltip(pairing.title, { sticky: true });
          line.bindPopup(function () {
            var content = element("div", "map-popup");
            content.appendChild(element("p", "map-popup__kicker", self.labels.labelPairing));
            content.appendChild(link(pairing.url, pairing.title));
            return content;
          });
          self.pairingLayer.addLayer(line);
        });
      });
    });

    Object.keys(places).forEach(function (id) {
      var place = places[id];
      var label = place.name + " (" + place.country + ")";
      var hidden = element("span", "visually-hidden", label);
      var marker = L.marker(place.latLng, {
        icon: L.divIcon({
          className: "map-marker map-marker--" + place.side,
          html: hidden,
          iconSize: [16, 16],
        }),
        keyboard: true,
        title: label,
        riseOnHover: true,
      });
      // Registered before bindPopup's own handler, so that it runs before the popup opens.
      marker.on("click keypress", function (event) {
        var type = event.originalEvent && event.originalEvent.type;
        self.lastFocus = type === "keypress" || type === "keydown" ? marker.getElement() : null;
      });
      marker.bindPopup(function () {
        var content = element("div", "map-popup");
        var heading = element("p", "map-popup__title");
        heading.appendChild(link(place.url, place.name));
        content.appendChild(heading);
        content.appendChild(element("p", "map-popup__kicker", place.country));
        var list = element("ul", "map-popup__list");
        pairingsAt[place.id].forEach(function (pairing) {
          var item = element("li");
          item.appendChild(link(pairing.url, pairing.title));
          list.appendChild(item);
        });
        content.appendChild(list);
        return content;
      });
      marker.on("add", function () {
        // Leaflet opens a marker with Enter; a role="button" also answers Space.
        marker.getElement().addEventListener("keydown", function (event) {
          if (event.key === " ") {
            event.preventDefault();
            marker.fire("click", { originalEvent: event, latlng: marker.getLatLng() });
          }
        });
      });
      self.pairingLayer.addLayer(marker);
    });

    var bounds = this.pairingLayer.getBounds();
    if (bounds.isValid()) {
      this.map.fitBounds(bounds.pad(0.15), { maxZoom: 5 });
    } else {
      this.map.setView([25, 15], this.worldZoom);
    }
  };

  PairingMap.prototype.load = function (url) {
    var self = this;
    var source = url
      ? loadJSON(url)
      : Promise.resolve(JSON.parse(document.getElementById(this.labels.mapJson).textContent));
    return source.then(function (data) {
      self.container.hidden = false;
      self.map.invalidateSize();
      self.draw(data);
    });
  };

  function start(container) {
    var pairingMap = new PairingMap(container);
    container.hidden = false; // Leaflet needs a laid-out element to measure.
    pairingMap
      .setUp()
      .then(function () {
        return pairingMap.load(container.dataset.mapUrl);
      })
      .catch(function (error) {
        container.hidden = true; // the list below stays the way in
        if (window.console) {
          window.console.warn("Pairing map not shown:", error);
        }
      });
    container.addEventListener("pairingmap:load", function (event) {
      pairingMap.load(event.detail.url).catch(function (error) {
        if (window.console) {
          window.console.warn("Pairing map not updated:", error);
        }
      });
    });
  }

  document.querySelectorAll("[data-pairing-map]").forEach(start);
})();
