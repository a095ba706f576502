let echartsLoading = null;

/**
 * ECharts from its WebJar, served by the console bundle (the address the shell names in its
 * `civic-echarts` meta tag); loaded once, when a chart is first shown. Plugin pages get it as
 * `ctx.echarts()`.
 */
export function loadECharts() {
  if (window.echarts) return Promise.resolve(window.echarts);
  if (!echartsLoading) {
    echartsLoading = new Promise((resolve, reject) => {
      const meta = document.querySelector('meta[name="civic-echarts"]');
      const s = document.createElement('script');
      s.src = meta.content;
      s.onload = () => resolve(window.echarts);
      s.onerror = () => { echartsLoading = null; reject(new Error('ECharts')); };
      document.head.append(s);
    });
  }
  return echartsLoading;
}
