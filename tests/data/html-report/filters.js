// Runs the HTML review page's filter script (tests/export.rs,
// `html_filters_hide_the_right_rows`) on a small stand-in for the browser's
// DOM, built from the page's rows and boxes, and prints which rows each step
// of clicks hides. Node.js only, no packages. A selector the stand-in does
// not know is an error, so a change to the script cannot pass unnoticed.
'use strict';
const data = JSON.parse(require('fs').readFileSync(0, 'utf8'));

function element(attrs) {
  return {
    attrs: Object.assign({}, attrs),
    hidden: false,
    checked: 'checked' in attrs,
    value: attrs.value,
    id: attrs.id,
    textContent: '',
    listeners: {},
    getAttribute(n) { return n in this.attrs ? this.attrs[n] : null; },
    hasAttribute(n) { return n in this.attrs; },
    addEventListener(type, f) { (this.listeners[type] = this.listeners[type] || []).push(f); },
    classes() { return (this.attrs.class || '').split(/\s+/); },
  };
}

const inputs = data.inputs.map(element);
const rows = data.rows.map(element);
const form = element({ id: 'filters' });
const count = element({ id: 'shown-count' });

function select(sel) {
  let m;
  if ((m = /^input\.([\w-]+)$/.exec(sel))) {
    return inputs.filter((e) => e.classes().includes(m[1]));
  }
  if (sel === 'tr[data-kind]') { return rows.filter((e) => e.hasAttribute('data-kind')); }
  if (sel === 'tr.pair') { return rows.filter((e) => e.classes().includes('pair')); }
  if ((m = /^tr\[data-pair="([\w-]+)"\]:not\(\[hidden\]\)$/.exec(sel))) {
    return rows.filter((e) => e.getAttribute('data-pair') === m[1] && !e.hidden);
  }
  throw new Error('selector not known to the test: ' + sel);
}
form.querySelectorAll = select;
global.document = {
  querySelectorAll: select,
  getElementById(id) {
    if (id === 'filters') { return form; }
    if (id === 'shown-count') { return count; }
    return inputs.concat(rows).find((e) => e.id === id) || null;
  },
};

new Function(data.script)();
const states = [];
const snapshot = () => states.push({
  hidden: rows.map((r) => r.hidden),
  shown: count.textContent,
});
snapshot();
for (const step of data.steps) {
  for (const [key, on] of Object.entries(step)) {
    const box = inputs.find((i) => (i.id || i.value) === key);
    if (!box) { throw new Error('no box ' + key); }
    box.checked = on;
  }
  (form.listeners.change || []).forEach((f) => f({ target: form }));
  snapshot();
}
process.stdout.write(JSON.stringify(states));
