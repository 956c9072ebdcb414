#include "reports/html_assets.h"

namespace crucible::reports {

const char* const kHtmlStyle = R"CSS(
:root { --pass: #1a7f37; --fail: #cf222e; --error: #8250df; --skip: #9a6700; --line: #d0d7de;
        --muted: #57606a; --bg-soft: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0;
       color: #1f2328; background: #fff; }
header { padding: 16px 24px; border-bottom: 1px solid var(--line); background: var(--bg-soft); }
header h1 { margin: 0 0 4px; font-size: 20px; }
main { padding: 8px 24px 40px; }
h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.summary span { margin-right: 14px; font-weight: 600; }
.count-pass { color: var(--pass); } .count-fail { color: var(--fail); }
.count-error { color: var(--error); } .count-skip { color: var(--skip); }
.filters { display: flex; flex-wrap: wrap; gap: 18px; margin: 12px 0; padding: 8px 12px;
           background: var(--bg-soft); border: 1px solid var(--line); border-radius: 6px; }
.filters fieldset { border: 0; margin: 0; padding: 0; }
.filters legend { font-weight: 600; padding: 0; margin-bottom: 2px; }
.filters label { margin-right: 10px; white-space: nowrap; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--bg-soft); }
table.matrix td.cell { text-align: center; font-weight: 600; min-width: 90px; cursor: default; }
td.cell.pass { background: #dafbe1; color: var(--pass); }
td.cell.fail { background: #ffebe9; color: var(--fail); }
td.cell.error { background: #fbefff; color: var(--error); }
td.cell.skip { background: #fff8c5; color: var(--skip); }
td.cell.none { color: var(--muted); font-weight: normal; }
td.cell a { color: inherit; }
.allowed { font-weight: normal; font-size: 11px; display: block; color: var(--muted); }
.failure { border: 1px solid var(--line); border-radius: 6px; margin: 12px 0; }
.failure > h3 { margin: 0; padding: 8px 12px; font-size: 14px; background: var(--bg-soft);
                border-bottom: 1px solid var(--line); }
.failure > .body { padding: 8px 12px; }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; color: #fff; font-size: 12px; }
.badge.fail { background: var(--fail); } .badge.error { background: var(--error); }
.badge.pass { background: var(--pass); } .badge.skip { background: var(--skip); }
table.diff { width: 100%; table-layout: fixed; }
table.diff td { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px;
                white-space: pre-wrap; word-break: break-word; }
table.diff td.before { background: #fff5f5; } table.diff td.after { background: #f0fff4; }
table.diff .changed { background: #ffd8b5; font-weight: 600; }
table.diff col.object { width: 22%; } table.diff col.change { width: 8%; }
pre.statement { background: var(--bg-soft); padding: 8px; overflow-x: auto; white-space: pre-wrap;
                margin: 6px 0 0; }
.muted { color: var(--muted); }
.hidden { display: none !important; }
svg text { font: 11px sans-serif; fill: #1f2328; }
ul.notes { margin: 4px 0; padding-left: 20px; }
)CSS";

// Filters hide matrix columns (engines) and rows (migrations whose visible cells have none of
// the chosen statuses), and the failure details of hidden engines or statuses. The URL's hash
// can preset them, so a CI comment can link straight to "only the errors".
const char* const kHtmlScript = R"JS(
(function () {
  function checked(name) {
    var values = {};
    document.querySelectorAll('input[data-filter="' + name + '"]').forEach(function (box) {
      values[box.value] = box.checked;
    });
    return values;
  }
  function apply() {
    var engines = checked('engine'), statuses = checked('status');
    document.querySelectorAll('[data-engine-col]').forEach(function (el) {
      el.classList.toggle('hidden', !engines[el.getAttribute('data-engine-col')]);
    });
    document.querySelectorAll('table.matrix tbody tr').forEach(function (row) {
      var show = false;
      row.querySelectorAll('td.cell').forEach(function (cell) {
        if (engines[cell.getAttribute('data-engine-col')] && statuses[cell.getAttribute('data-status')])
          show = true;
      });
      row.classList.toggle('hidden', !show);
    });
    document.querySelectorAll('.failure').forEach(function (box) {
      var show = engines[box.getAttribute('data-engine')] && statuses[box.getAttribute('data-status')];
      box.classList.toggle('hidden', !show);
    });
    var shown = document.querySelectorAll('table.matrix tbody tr:not(.hidden)').length;
    var counter = document.getElementById('shown-rows');
    if (counter) counter.textContent = shown + ' of ' +
        document.querySelectorAll('table.matrix tbody tr').length + ' migrations shown';
  }
  // A link can preset the filters: report.html#status=fail,error&engine=postgres
  function preset() {
    location.hash.replace(/^#/, '').split('&').forEach(function (pair) {
      var parts = pair.split('='), name = parts[0];
      if (name !== 'status' && name !== 'engine' || parts.length !== 2) return;
      var wanted = decodeURIComponent(parts[1]).split(',');
      document.querySelectorAll('input[data-filter="' + name + '"]').forEach(function (box) {
        box.checked = wanted.indexOf(box.value) >= 0;
      });
    });
  }
  document.querySelectorAll('input[data-filter]').forEach(function (box) {
    box.addEventListener('change', apply);
  });
  preset();
  document.documentElement.setAttribute('data-filters', 'ready');
  apply();
})();
)JS";

}  // namespace crucible::reports
