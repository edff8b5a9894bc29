/* An indicator's series over periods (indicators/series.html): a line chart from the json_script block;
   the table under it is the accessible copy. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("series-chart");
    var source = document.getElementById("series-chart-data");
    if (!box || !source || typeof echarts === "undefined") return;
    var data = JSON.parse(source.textContent);
    var locale = (document.documentElement.lang || "vi").indexOf("vi") === 0 ? "vi-VN" : "en-GB";
    var fmt = function (v) {
      return Number(v).toLocaleString(locale, { minimumFractionDigits: data.decimals, maximumFractionDigits: data.decimals });
    };
    var chart = echarts.init(box, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      color: ["#16508a"],
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v === null || v === undefined ? "—" : fmt(v) + " " + data.unit; } },
      grid: { left: 70, right: 20, top: 30, bottom: 50 },
      xAxis: { type: "category", data: data.labels, axisLabel: { rotate: data.labels.length > 12 ? 45 : 0 } },
      yAxis: { type: "value", name: data.unit, axisLabel: { formatter: fmt } },
      series: [{ type: "line", name: data.name, data: data.values, connectNulls: false, symbolSize: 6 }]
    });
    box.dataset.state = "drawn";
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
