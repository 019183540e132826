// Click-to-play for embed facades (docs/embeds.md). The story page loads
// nothing from a provider until the reader clicks: this swaps the facade's
// link for the provider's player frame. The player address is the one the
// server wrote from its provider table, and the page's CSP frame-src admits
// only those providers' origins. Without this file the facade is a link.
(function () {
  'use strict';
  document.addEventListener('click', function (ev) {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    var link = ev.target instanceof Element ? ev.target.closest('a[data-embed-player]') : null;
    if (!link) return;
    var src = link.getAttribute('data-embed-player');
    if (!src || src.indexOf('https://') !== 0) return;
    ev.preventDefault();
    var frame = document.createElement('iframe');
    frame.src = src;
    frame.title = link.getAttribute('data-embed-title') || 'Embedded player';
    frame.className = 'embed-frame';
    frame.setAttribute('allow', 'autoplay; encrypted-media; fullscreen; picture-in-picture; clipboard-write');
    frame.setAttribute('allowfullscreen', '');
    frame.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-presentation');
    var figure = link.closest('figure.embed');
    if (figure) figure.classList.add('embed-playing');
    link.replaceWith(frame);
    frame.focus();
  });
})();
