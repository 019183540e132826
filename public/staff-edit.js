// The "Edit" link on a public story page, for signed-in staff only. The page
// itself is the same cached bytes for everyone; signing in leaves a readable
// hint cookie (no secret), and only then does this ask the newsroom whether
// this reader may edit this story. Readers without the hint cost nothing.
(function () {
  'use strict';
  if (!/(?:^|;\s*)(?:__Host-)?dl_staff=/.test(document.cookie) || !window.fetch) return;
  var story = document.querySelector('article[data-story-id]');
  var id = story && story.getAttribute('data-story-id');
  if (!id || !/^\d+$/.test(id)) return;
  fetch('/admin/stories/' + id + '/edit-link', { credentials: 'same-origin', cache: 'no-store', redirect: 'manual', headers: { accept: 'application/json' } })
    .then(function (res) { return res.ok ? res.json() : null; })
    .then(function (json) {
      if (!json || typeof json.edit !== 'string' || json.edit.indexOf('/admin/') !== 0) return;
      var p = document.createElement('p');
      p.className = 'staff-edit';
      var a = document.createElement('a');
      a.href = json.edit;
      a.textContent = 'Edit this story';
      p.appendChild(a);
      var header = story.querySelector('.story-header');
      (header || story).appendChild(p);
    })
    .catch(function () {});
})();
