//! The style sheet and the script of the HTML report, inline so the page
//! is one self-contained file (no network).

/// The page's CSS.
pub(super) const STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei',sans-serif;margin:1.5em;color:#222}\
h1{font-size:1.4em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.6em}\
.summary{color:#555}\
form.filters{margin:1em 0;padding:.5em .8em;background:#f7f7f7;border:1px solid #ddd;font-size:.9em}\
form.filters fieldset{display:inline-block;border:none;margin:0 1.2em 0 0;padding:0}\
form.filters legend{float:left;margin-right:.4em;color:#555}\
form.filters label{margin-right:.7em;white-space:nowrap}\
[hidden]{display:none !important}\
table{border-collapse:collapse;width:100%}\
th,td{border-top:1px solid #ddd;padding:.35em .5em;vertical-align:top;text-align:left}\
th{background:#f4f4f4;position:sticky;top:0}\
td.meta{white-space:nowrap;color:#666;font-size:.85em;width:5em}\
td.meta a{color:#666}\
.lines{color:#888;font-size:.8em;margin-right:.4em}\
tr.alone td.side:empty{background:#fff4f4}\
tr.flagged td.side{background:#fffbe8}\
tr.finding td{border-top:none;padding-top:0;font-size:.9em}\
.sev{display:inline-block;min-width:4.5em;font-weight:600}\
.conf{color:#666;font-size:.85em}\
.error{color:#b00020}.warning{color:#a15c00}.info{color:#555}\
mark{background:#ffd54f;padding:0 .1em}\
mark.gap{background:#ffe0e0;padding:0}\
:target{outline:2px solid #1a73e8}\
td.side{width:46%}";

/// The filters: show findings of the checked kinds and severities, and
/// with "only pairs with findings" only the pairs that keep a shown
/// finding. Rows carry `data-kind`/`data-severity` (findings) and
/// `data-pair` (a pair's findings, naming the pair's `id`). Wrapped in
/// CDATA by the page so the page stays well-formed XML.
pub(super) const SCRIPT: &str = r#"(function () {
  var form = document.getElementById('filters');
  if (!form) { return; }
  function checkedValues(cls) {
    var set = {};
    form.querySelectorAll('input.' + cls).forEach(function (i) {
      if (i.checked) { set[i.value] = true; }
    });
    return set;
  }
  function apply() {
    var kinds = checkedValues('f-kind');
    var sevs = checkedValues('f-sev');
    var only = document.getElementById('flagged-only').checked;
    var shown = 0;
    document.querySelectorAll('tr[data-kind]').forEach(function (tr) {
      tr.hidden = !(kinds[tr.getAttribute('data-kind')] && sevs[tr.getAttribute('data-severity')]);
      if (!tr.hidden && tr.hasAttribute('data-finding')) { shown += 1; }
    });
    document.querySelectorAll('tr.pair').forEach(function (tr) {
      var kept = document.querySelectorAll('tr[data-pair="' + tr.id + '"]:not([hidden])').length;
      tr.hidden = only && kept === 0;
    });
    var count = document.getElementById('shown-count');
    if (count) { count.textContent = String(shown); }
  }
  form.addEventListener('change', apply);
  apply();
})();"#;
