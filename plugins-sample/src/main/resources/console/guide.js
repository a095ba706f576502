// A page the sample plugin contributes to the console (bundle header Civic-Console: console).
// The shell calls the default export with the page's container and its context: api, h, t, label, lang.
const TEXT = {
  zh: {
    title: '示例任务说明',
    intro: '示例任务由区级派单员新建并派发给一个或多个单位；各单位签收、办理、反馈，派单员审核后办结。',
    steps: ['派发：选择承办单位，可指定办理期限', '签收：2个工作小时内（紧急30分钟）', '办理：3个工作日，可申请延期或提出争议', '反馈：所有单位反馈后进入待审核'],
    counts: '您的待办',
  },
  en: {
    title: 'About the sample line',
    intro: 'A district dispatcher creates a sample task and dispatches it to one or more units; each unit signs, handles and feeds back, and the dispatcher reviews and closes it.',
    steps: ['Dispatch: choose the units, optionally a deadline', 'Sign within 2 office hours (30 minutes if urgent)', 'Handle within 3 working days; request an extension or dispute', 'Feed back: once every unit has, the task awaits review'],
    counts: 'Waiting for you',
  },
};

export default async function render(container, ctx) {
  const { h, label } = ctx;
  const text = TEXT[ctx.lang()] || TEXT.zh;
  const line = await ctx.api('/lines/sample');
  container.replaceChildren(
    h('h2#sample-guide-title', null, text.title),
    h('p', null, text.intro),
    h('ol', null, text.steps.map((s) => h('li', null, s))),
    h('h3', null, text.counts),
    h('ul', null, line.worklists.map((w) => h('li', null, label(w.label), '：', w.count))));
}
