// Keyboard shortcuts for the comment desk: j/k move between comments,
// a/r/s approve, reject or mark spam the current one, x selects it for a
// bulk action. Buttons do the work, so CSRF and confirmation stay the forms'.
(function () {
  'use strict';
  var items = Array.prototype.slice.call(document.querySelectorAll('[data-comment-id]'));
  if (!items.length) return;
  var current = -1;
  function focus(i) {
    current = Math.max(0, Math.min(items.length - 1, i));
    items.forEach(function (el, n) { el.classList.toggle('is-current', n === current); });
    items[current].focus();
  }
  var KEYS = { a: 'approve', r: 'reject', s: 'spam' };
  document.addEventListener('keydown', function (ev) {
    var t = ev.target;
    if (ev.ctrlKey || ev.metaKey || ev.altKey || (t && /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) && t.type !== 'checkbox')) return;
    if (ev.key === 'j') return focus(current + 1);
    if (ev.key === 'k') return focus(current - 1);
    if (current < 0) return;
    var item = items[current];
    if (ev.key === 'x') {
      var box = item.querySelector('input[type="checkbox"]');
      if (box) box.checked = !box.checked;
      return;
    }
    var action = KEYS[ev.key];
    if (action) {
      var button = item.querySelector('button[data-action="' + action + '"]');
      if (button) button.click();
    }
  });
})();
