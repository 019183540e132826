// The import page's live progress bar: reads /admin/import/ID/progress
// once a second and updates the bar and the figures in place. When the run
// ends, the page is loaded again to show the summary the server renders.
// A same-origin file: the admin's CSP allows no inline script.
(function () {
  'use strict';
  var box = document.getElementById('import-progress');
  if (!box) return;
  var state = box.getAttribute('data-state');
  if (state === 'done' || state === 'failed') return;
  var url = box.getAttribute('data-progress-url');
  var bar = document.getElementById('import-bar');
  var percent = document.getElementById('import-percent');
  var text = document.getElementById('import-text');
  var label = document.getElementById('import-state');
  function show(p) {
    bar.value = p.percent;
    bar.textContent = p.percent + '%';
    percent.textContent = p.percent + '%';
    text.textContent = p.text;
    label.textContent = p.stateText;
    box.setAttribute('data-state', p.state);
  }
  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (p) {
        if (p) show(p);
        if (p && (p.state === 'done' || p.state === 'failed')) {
          // Let the full bar be seen for a moment before the summary replaces the page.
          setTimeout(function () { window.location.reload(); }, 600);
          return;
        }
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();
