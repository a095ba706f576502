// The only way the console builds DOM: elements and text nodes. Data is never parsed as HTML, so a
// title like <script>alert(1)</script> is shown as those characters.

/** h('tag#id.class1.class2', {attr: value, onclick: fn}, ...children): children are nodes or text. */
export function h(spec, props, ...children) {
  const m = /^([a-z0-9]*)((?:[.#][\w-]+)*)$/i.exec(spec);
  const el = document.createElement((m && m[1]) || 'div');
  const classes = [];
  for (const part of (m && m[2] ? m[2].match(/[.#][\w-]+/g) : [])) {
    if (part[0] === '#') el.id = part.slice(1); else classes.push(part.slice(1));
  }
  if (classes.length) el.className = classes.join(' ');
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') {
        el.addEventListener(k.slice(2), v);
      } else if (k === 'class') {
        el.className = [el.className, v].filter(Boolean).join(' ');
      } else if (k === 'dataset') {
        Object.assign(el.dataset, v);
      } else if (k === 'value' || k === 'checked' || k === 'selected' || k === 'disabled' || k === 'multiple') {
        el[k] = v;
      } else {
        el.setAttribute(k, v === true ? '' : String(v));
      }
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of [children].flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Replaces an element's content. */
export function mount(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** 2026-03-02T11:00:00+08:00 -> 2026-03-02 11:00 (the platform answers in Asia/Shanghai). */
export function when(iso) {
  if (!iso) return '';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : iso;
}
