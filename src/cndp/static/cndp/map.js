/* Province choropleth maps (places/includes/choropleth.html): each <div data-map="<json_script id>"> is
   drawn with Apache ECharts (canvas) from its data block and the boundary file it names (fetched once per
   page, registered once). Legend (visualMap), tooltip in the page's number format, click → the unit's
   link, optional points layer, archipelago labels, the attribution inside the picture, and a PNG export
   button ([data-map-export="<box id>"]). When drawn, the box gets data-state="drawn" (browser tests wait
   for it). No inline script: everything comes from the json_script block (Content-Security-Policy). */
(function () {
  "use strict";
  var geoCache = {};
  var configs = {};

  function locale() {
    return (document.documentElement.lang || "vi").indexOf("vi") === 0 ? "vi-VN" : "en-GB";
  }
  function fmt(value, decimals) {
    return Number(value).toLocaleString(locale(), { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  }
  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function loadGeo(url) {
    if (!geoCache[url]) {
      geoCache[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error("map " + url + ": " + response.status);
        return response.json();
      });
    }
    return geoCache[url];
  }

  function option(cfg, geo) {
    var names = {};
    geo.features.forEach(function (f) { names[f.properties.code] = f.properties.name; });
    Object.keys(cfg.names || {}).forEach(function (code) { names[code] = cfg.names[code]; });
    var mapName = "cndp-vn" + cfg.version;
    var unit = cfg.unit ? " " + cfg.unit : "";
    var visualMap = cfg.pieces && cfg.pieces.length
      ? {
          type: "piecewise", seriesIndex: 0, left: 12, bottom: 40, orient: "vertical",
          pieces: cfg.pieces.map(function (p) { return { value: p.value, label: p.label, color: p.color }; })
        }
      : {
          type: "continuous", seriesIndex: 0, left: 12, bottom: 40, calculable: true,
          // one value only (or all equal): a range from zero, so it shows dark rather than as the lightest
          min: cfg.max === cfg.min ? Math.min(0, cfg.min) : cfg.min,
          max: cfg.max === cfg.min && cfg.max <= 0 ? 1 : cfg.max,
          inRange: { color: cfg.palette }, text: cfg.unit ? [cfg.unit, ""] : undefined,
          formatter: function (v) { return fmt(v, cfg.decimals); }
        };
    // Every unit is an item: those without a value keep the grey "no data" fill (a map series sharing the
    // geo component would otherwise paint them in the palette's first colour).
    var valued = {};
    cfg.data.forEach(function (d) { valued[d.name] = true; });
    var items = cfg.data.map(function (d) { return { name: d.name, value: d.value }; });
    geo.features.forEach(function (f) {
      if (!valued[f.properties.code]) {
        items.push({ name: f.properties.code, value: NaN, itemStyle: { areaColor: "#eeeeee", color: "#eeeeee" } });
      }
    });
    var series = [{ type: "map", geoIndex: 0, name: cfg.title || "", data: items }];
    var legend = [];
    (cfg.categories || []).forEach(function (cat) {
      legend.push(cat.label);
      series.push({
        type: "scatter", coordinateSystem: "geo", name: cat.label, z: 5,
        itemStyle: { color: cat.color, borderColor: "#fff", borderWidth: 0.6, opacity: 0.85 },
        symbolSize: function (value, params) { return params.data.size; },
        data: cfg.points.filter(function (p) { return p.category === cat.key; })
      });
    });
    var uncategorised = cfg.points.filter(function (p) {
      return !(cfg.categories || []).some(function (c) { return c.key === p.category; });
    });
    if (uncategorised.length) {
      series.push({
        type: "scatter", coordinateSystem: "geo", z: 5, itemStyle: { color: "#a4161a", opacity: 0.85 },
        symbolSize: function (value, params) { return params.data.size; }, data: uncategorised
      });
    }
    series.push({
      type: "scatter", coordinateSystem: "geo", silent: true, symbolSize: 0, z: 6,
      label: { show: true, formatter: "{b}", fontSize: 10, fontStyle: "italic", color: "#33475b" },
      data: cfg.archipelagos.map(function (a) { return { name: a.label, value: a.value }; })
    });
    return {
      animation: false,
      title: cfg.title ? { text: cfg.title, left: "center", top: 6, textStyle: { fontSize: 15 } } : undefined,
      legend: legend.length ? { data: legend, top: cfg.title ? 32 : 6, right: 12, orient: "vertical" } : undefined,
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          if (p.seriesType === "map") {
            var note = cfg.notes[p.name] ? "<br><em>" + escapeHtml(cfg.notes[p.name]) + "</em>" : "";
            var value = (p.value === undefined || p.value === null || isNaN(p.value))
              ? cfg.text.no_data : fmt(p.value, cfg.decimals) + escapeHtml(unit);
            return "<strong>" + escapeHtml(names[p.name] || p.name) + "</strong><br>" + value + note;
          }
          if (p.data && p.data.value && p.data.value.length > 2) {
            return "<strong>" + escapeHtml(p.name) + "</strong>" + (p.data.detail ? "<br>" + escapeHtml(p.data.detail) : "");
          }
          return "";
        }
      },
      visualMap: visualMap,
      geo: {
        map: mapName, nameProperty: "code", roam: true, scaleLimit: { min: 0.8, max: 12 },
        aspectScale: 0.96, layoutCenter: ["50%", "50%"], layoutSize: "96%",
        itemStyle: { areaColor: "#eeeeee", borderColor: "#8a8a8a", borderWidth: 0.5 },
        emphasis: { label: { show: false }, itemStyle: { areaColor: "#f4c95d" } },
        select: { disabled: true }
      },
      graphic: [{
        type: "text", right: 10, bottom: 8, silent: true,
        style: { text: cfg.text.attribution_short, fontSize: 10, fill: "#6c757d" }
      }],
      series: series
    };
  }

  function draw(box) {
    var source = document.getElementById(box.dataset.map);
    if (!source || typeof echarts === "undefined") return;
    var cfg = JSON.parse(source.textContent);
    configs[box.id] = cfg;
    loadGeo(cfg.geo_url).then(function (geo) {
      var mapName = "cndp-vn" + cfg.version;
      if (!echarts.getMap(mapName)) echarts.registerMap(mapName, geo);
      var chart = echarts.init(box, null, { renderer: "canvas" });
      chart.on("finished", function () { box.dataset.state = "drawn"; });
      chart.setOption(option(cfg, geo));
      chart.on("click", function (p) {
        var url = p.seriesType === "map" ? cfg.links[p.name] : p.data && p.data.url;
        if (url) window.location.assign(url);
      });
      window.addEventListener("resize", function () { chart.resize(); });
    }).catch(function (error) {
      box.dataset.state = "failed";
      box.textContent = String(error);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-map-export]");
    if (!button) return;
    var box = document.getElementById(button.dataset.mapExport);
    var chart = box && echarts.getInstanceByDom(box);
    if (!chart) return;
    var link = document.createElement("a");
    link.href = chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#ffffff" });
    link.download = (configs[box.id].filename || "ban-do") + ".png";
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-map]").forEach(draw);
  });
})();
