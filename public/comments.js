// Progressive enhancement for the comment section (docs/comments.md).
// Without this file the story page links to the uncached comment form page;
// with it, the inline form appears, the proof-of-work widget runs from our
// own origin, and posting happens with fetch, without a page reload.
(function () {
  'use strict';
  var section = document.getElementById('comments');
  var form = section && section.querySelector('form[data-comment-form]');
  if (!form || !window.fetch || !window.URLSearchParams) return;

  var WORKER = '/static/vendor/altcha-pbkdf2.js';
  var FIELD_INPUT = { name: 'c-name', email: 'c-email', author_url: 'c-url', body: 'c-body', parent_id: 'c-body', captcha: null, captcha_answer: null };

  function registerWorker() {
    if (window.$altcha && window.$altcha.algorithms) {
      window.$altcha.algorithms.set('PBKDF2/SHA-256', function () { return new Worker(WORKER); });
    }
  }
  registerWorker();
  if (window.customElements) window.customElements.whenDefined('altcha-widget').then(registerWorker);

  form.hidden = false;
  var link = section.querySelector('[data-comment-form-link]');
  if (link) link.hidden = true;

  var widget = form.querySelector('altcha-widget');
  var parentInput = form.querySelector('input[name="parent_id"]');
  var replying = form.querySelector('[data-replying-to]');
  var body = form.querySelector('#c-body');

  section.addEventListener('click', function (ev) {
    var a = ev.target.closest && ev.target.closest('[data-reply-to]');
    if (a) {
      ev.preventDefault();
      parentInput.value = a.getAttribute('data-reply-to');
      replying.querySelector('bdi').textContent = a.getAttribute('data-reply-name') || '';
      replying.hidden = false;
      body.focus();
      return;
    }
    if (ev.target.closest && ev.target.closest('[data-cancel-reply]')) {
      ev.preventDefault();
      parentInput.value = '';
      replying.hidden = true;
    }
  });

  function clearErrors() {
    form.querySelectorAll('.field-error[data-js]').forEach(function (n) { n.remove(); });
    form.querySelectorAll('[aria-invalid]').forEach(function (n) { n.removeAttribute('aria-invalid'); });
    setLine('comment-message', '', 'alert');
  }

  function setLine(cls, text, role) {
    var p = form.querySelector('.' + cls);
    if (!p) {
      p = document.createElement('p');
      p.className = cls;
      p.setAttribute('role', role);
      form.insertBefore(p, form.firstChild);
    }
    p.textContent = text;
    p.hidden = !text;
  }

  function showError(problem) {
    var id = FIELD_INPUT[problem.field];
    var input = id ? document.getElementById(id) : null;
    var holder = input ? input.parentNode : form.querySelector('.comment-pow') || form;
    var span = document.createElement('span');
    span.className = 'field-error';
    span.setAttribute('data-js', '');
    span.id = (id || 'c-captcha') + '-error-js';
    span.textContent = problem.message;
    holder.appendChild(span);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', span.id);
    }
  }

  function payloadReady() {
    var field = form.querySelector('input[name="altcha"]');
    if (!widget || (field && field.value)) return Promise.resolve();
    return widget.verify ? Promise.resolve(widget.verify()) : Promise.resolve();
  }

  // Start the proof of work when the reader starts on the form (the widget's own
  // "onfocus" can miss a focus that happens before it has mounted).
  function startPow() {
    if (!widget || !window.customElements) return;
    window.customElements.whenDefined('altcha-widget').then(function () {
      var state = widget.getState && widget.getState();
      if (widget.verify && (!state || state === 'unverified')) widget.verify();
    });
  }
  form.addEventListener('focusin', startPow, { once: true });

  var busy = false;
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    if (busy) return;
    busy = true;
    clearErrors();
    setLine('comment-notice', '', 'status');
    var button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    payloadReady()
      .then(function () {
        return fetch(form.action, {
          method: 'POST',
          headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(new FormData(form)).toString(),
          credentials: 'same-origin',
        });
      })
      .then(function (res) {
        return res.json().then(function (data) { return { ok: res.ok, data: data }; });
      })
      .then(function (r) {
        if (r.ok) {
          setLine('comment-notice', r.data.message, 'status');
          body.value = '';
          parentInput.value = '';
          replying.hidden = true;
          if (widget && widget.reset) widget.reset();
          return;
        }
        var err = r.data.error || {};
        var problems = err.problems && err.problems.length ? err.problems : [{ field: err.field || 'body', message: err.message || 'Something went wrong.' }];
        setLine('comment-message', problems.length > 1 ? 'Please correct the problems below.' : problems[0].message, 'alert');
        problems.forEach(showError);
        if (/^captcha/.test(err.code || '') && widget && widget.reset) widget.reset();
      })
      .catch(function () {
        setLine('comment-message', 'Your comment could not be sent. Please check your connection and try again; your text is still here.', 'alert');
      })
      .then(function () {
        busy = false;
        button.disabled = false;
      });
  });
})();
