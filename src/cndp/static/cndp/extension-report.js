/* Extension report page: the bar chart by province (ECharts, vendored) and the filter's region switch.
   The chart's numbers come from the json_script block; the tables on the page are the accessible copy. */
(function () {
  "use strict";
  // The page's language decides the separators: vi 1.234,5 — en 1,234.5 (as the tables on the page).
  var locale = (document.documentElement.lang || "vi").indexOf("vi") === 0 ? "vi-VN" : "en-GB";
  function vn(value, decimals) {
    return Number(value).toLocaleString(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  }
  function drawChart() {
    var box = document.getElementById("province-chart");
    var source = document.getElementById("province-chart-data");
    if (!box || !source || typeof echarts === "undefined") return;
    var data = JSON.parse(source.textContent);
    var chart = echarts.init(box, null, { renderer: "svg" });
    var many = data.labels.length > 12;
    chart.setOption({
      color: ["#9fb3c8", "#16324f", "#a4161a"],
      animation: false,
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        valueFormatter: function (v) { return vn(v, 1) + " " + data.unit; }
      },
      legend: { top: 6 },
      grid: { left: 70, right: 20, top: 44, bottom: many ? 96 : 40 },
      xAxis: {
        type: "category",
        data: data.labels,
        axisLabel: { interval: 0, rotate: many ? 55 : 0, fontSize: 11 }
      },
      yAxis: {
        type: "value",
        name: data.unit,
        nameTextStyle: { align: "left" },
        axisLabel: { formatter: function (v) { return vn(v, 0); } }
      },
      series: data.series.map(function (s) {
        return { name: s.name, type: "bar", data: s.data, barGap: "10%", barCategoryGap: "25%", barMaxWidth: 36 };
      })
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function regionSwitch() {
    var by = document.getElementById("id_by");
    var box = document.getElementById("filter-regions");
    if (!by || !box) return;
    by.addEventListener("change", function () { box.classList.toggle("d-none", by.value !== "region"); });
  }
  document.addEventListener("DOMContentLoaded", function () { drawChart(); regionSwitch(); });
})();
