// Draws the overview's check-in rate chart with the locally served ECharts (no CDN: the console runs on intranets).
const element = document.getElementById('check-in-chart');
const data = JSON.parse(document.getElementById('check-in-data').textContent);
const chart = echarts.init(element);
chart.setOption({
  animation: false,
  tooltip: { trigger: 'axis', valueFormatter: (value) => `${value}%` },
  xAxis: { type: 'category', data: data.map((point) => point.day.slice(5)) },
  yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
  series: [{ name: '签到率', type: 'line', data: data.map((point) => Math.round(point.rate * 1000) / 10) }],
});
element.dataset.rendered = 'true';
window.addEventListener('resize', () => chart.resize());
