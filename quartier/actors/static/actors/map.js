/* Draws the points of a json_script element on a Leaflet map. Tiles only when the page
   gives a tile URL (TILE_URL); without it the map shows the points alone, and the table
   beside the map always lists the same actors. */
(function () {
  function draw(container) {
    var data = JSON.parse(document.getElementById(container.dataset.points).textContent);
    var map = L.map(container, { scrollWheelZoom: false });
    if (container.dataset.tiles) {
      L.tileLayer(container.dataset.tiles, { maxZoom: 19, attribution: container.dataset.attribution || "" }).addTo(map);
    }
    var bounds = [];
    data.forEach(function (point) {
      var marker = L.circleMarker([point.lat, point.lon], { radius: 7, color: "#0b5d3b", weight: 2, fillOpacity: 0.7 });
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.name;
      marker.bindPopup(link);
      marker.addTo(map);
      bounds.push([point.lat, point.lon]);
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [20, 20], maxZoom: 16 });
    } else {
      map.setView([51.16, 10.45], 6);
    }
  }
  document.querySelectorAll("[data-map]").forEach(draw);
})();
