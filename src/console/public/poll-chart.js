// Draws a poll's answers per option as bars with the locally served ECharts (no CDN: the console runs on intranets).
const element = document.getElementById('poll-chart');
const data = JSON.parse(document.getElementById('poll-data').textContent);
const chart = echarts.init(element);
chart.setOption({
  animation: false,
  tooltip: { trigger: 'axis' },
  grid: { containLabel: true, left: 8, right: 16 },
  xAxis: { type: 'value', minInterval: 1 },
  yAxis: { type: 'category', inverse: true, data: data.options },
  series: [{ name: '票数', type: 'bar', data: data.counts, label: { show: true, position: 'right' } }],
});
element.dataset.rendered = 'true';
window.addEventListener('resize', () => chart.resize());
